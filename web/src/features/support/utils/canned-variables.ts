/**
 * The variables the server fills in a canned response (GET
 * /tickets/{id}/canned/{canned_id}); the filling is the server's, the app
 * only lists them and points out the ones it leaves as they are.
 */
export const CANNED_VARIABLES: { name: string; text: string }[] = [
  { name: '{{contato.primeiro_nome}}', text: 'primeiro nome de quem escreveu (a pessoa, mesmo quando o cliente é uma empresa)' },
  { name: '{{contato.nome}}', text: 'nome completo de quem escreveu' },
  { name: '{{cliente.nome}}', text: 'nome do cliente (a pessoa ou a empresa)' },
  { name: '{{cliente.primeiro_nome}}', text: 'primeira palavra do nome do cliente' },
  { name: '{{atendente.nome}}', text: 'seu nome (quem responde)' },
  { name: '{{ticket.numero}}', text: 'número do ticket, como #1042' },
];

/** The English names the server fills as well (canned responses written before the Portuguese ones). */
const ENGLISH = ['{{contact.name}}', '{{contact.first_name}}', '{{customer.name}}', '{{customer.first_name}}', '{{agent.name}}', '{{ticket.number}}'];

const KNOWN = new Set([...CANNED_VARIABLES.map((variable) => variable.name), ...ENGLISH]);

/** Every distinct `{{…}}` in the text, in order. */
export function variablesIn(text: string): string[] {
  return [...new Set(text.match(/\{\{\s*[^{}]+?\s*\}\}/g) ?? [])];
}

/** The `{{…}}` of a canned response's body that the server does not fill: they would reach the customer as typed. */
export function unknownVariables(body: string): string[] {
  return variablesIn(body).filter((variable) => !KNOWN.has(variable));
}
