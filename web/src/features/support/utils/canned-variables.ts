/**
 * The variables the server fills in a canned response (GET
 * /tickets/{id}/canned/{canned_id}); the filling is the server's, the app
 * only lists them and points out the ones it leaves as they are.
 */
export const CANNED_VARIABLES: { name: string; text: string }[] = [
  { name: '{{customer.name}}', text: 'nome completo do cliente' },
  { name: '{{customer.first_name}}', text: 'primeiro nome do cliente' },
  { name: '{{agent.name}}', text: 'seu nome (quem responde)' },
  { name: '{{ticket.number}}', text: 'número do ticket, como #1042' },
];

const KNOWN = new Set(CANNED_VARIABLES.map((variable) => variable.name));

/** Every distinct `{{…}}` in the text, in order. */
export function variablesIn(text: string): string[] {
  return [...new Set(text.match(/\{\{\s*[^{}]+?\s*\}\}/g) ?? [])];
}

/** The `{{…}}` of a canned response's body that the server does not fill: they would reach the customer as typed. */
export function unknownVariables(body: string): string[] {
  return variablesIn(body).filter((variable) => !KNOWN.has(variable));
}
