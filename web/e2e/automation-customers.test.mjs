// Browser test of Automação → Fluxos beyond the ticket, against a running
// server that serves the built app (see web/README.md): the owner builds in
// the editor a flow that welcomes every new customer by e-mail and fills a
// custom field of theirs; a customer made in the CRM gets the e-mail, the run
// shows in the flow's history and the field on the customer's page. Then the
// ready-made "3 dias antes do vencimento" opens with its schedule and days.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, launchBrowser, missingConfig, newFlowEditor, newPage, signIn, signupConfirmed, uniqueEmail, waitForEmail, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
/** The customer's event and the run are jobs: the worker takes them in the background. */
const RUN_MS = 30_000;
const FLOW = 'Boas-vindas e jornada';
const GALLERY_ITEM = 'Aviso 3 dias antes do vencimento';

describe('automation on customers: e-mail and custom field, and flows over invoices due', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('a flow built in the editor welcomes a new customer by e-mail and fills their custom field', async () => {
    const email = uniqueEmail('clientes-dono');
    const pair = await signupConfirmed({ company_name: `Clientes E2E ${Date.now()}`, name: 'Dona Rita', email, password: PASSWORD });
    const token = pair.access_token;
    const field = await api('/custom-fields', { method: 'POST', token, body: { key: 'jornada', label: 'Jornada', field_type: 'text' } });
    assert.equal(field.status, 201, JSON.stringify(field.body));
    const customerName = 'Marina Souza Lima';
    const customerEmail = uniqueEmail('marina');

    const { context, page } = await newPage(browser);
    let customerUrl;
    await withScreenshot(page, 'automation-customers', async () => {
      await signIn(page, email, PASSWORD);
      const editor = await newFlowEditor(page, FLOW, 'Cliente criado');
      await editor.getByRole('button', { name: '+ Enviar e-mail ao cliente' }).click();
      const mail = editor.getByRole('listitem', { name: /Enviar e-mail ao cliente/ });
      await mail.getByRole('textbox', { name: 'Assunto' }).fill('Boas-vindas, {{cliente.nome}}!');
      await mail.getByRole('textbox', { name: 'Mensagem do e-mail' }).fill('Que bom ter você com a gente. Qualquer dúvida, é só responder.');
      await editor.getByRole('button', { name: '+ Preencher campo personalizado do cliente' }).click();
      const fill = editor.getByRole('listitem', { name: /Preencher campo personalizado do cliente/ });
      await fill.getByLabel(/^Campo personalizado/).selectOption({ label: 'Jornada' });
      await fill.getByRole('textbox', { name: 'Valor do campo' }).fill('boas-vindas');

      await editor.getByRole('button', { name: 'Criar fluxo' }).click();
      const row = page.getByRole('list', { name: 'Fluxos' }).getByRole('listitem', { name: FLOW, exact: true });
      await row.getByText(/Rascunho/).waitFor();
      await row.getByRole('switch').click();
      await row.getByText(/· Ativo ·/).waitFor();

      // A customer with an e-mail, made in the CRM.
      await page.goto('/crm/clientes/novo');
      await page.getByLabel(/^Nome completo/).fill(customerName);
      await page.getByLabel(/^E-mail$/).fill(customerEmail);
      await page.getByRole('button', { name: 'Salvar cliente' }).click();
      await page.waitForURL(/\/crm\/clientes\/[0-9a-f-]{36}$/);
      customerUrl = page.url();
      await page.getByRole('heading', { level: 1, name: customerName }).waitFor();
    });

    const { mail } = await waitForEmail(customerEmail, { subject: /^Boas-vindas, /, timeoutMs: RUN_MS });
    assert.equal(mail.subject, `Boas-vindas, ${customerName}!`);
    assert.match(mail.text ?? '', /Que bom ter você com a gente/);

    await withScreenshot(page, 'automation-customers-run', async () => {
      await page.goto('/automacao');
      const row = page.getByRole('list', { name: 'Fluxos' }).getByRole('listitem', { name: FLOW, exact: true });
      await row.getByRole('button', { name: 'Histórico' }).click();
      const history = page.getByRole('table', { name: `Execuções de ${FLOW}` });
      await history.getByText('Concluída').waitFor({ timeout: RUN_MS });
      await history.getByText(`E-mail para ${customerEmail}`, { exact: false }).waitFor();

      // The field the flow filled, on the customer's page.
      await page.goto(customerUrl);
      await page.getByRole('heading', { level: 1, name: customerName }).waitFor();
      const journey = page.locator('dt', { hasText: /^Jornada$/ }).locator('xpath=following-sibling::dd');
      await journey.filter({ hasText: /^boas-vindas$/ }).waitFor();
    });
    await context.close();

    const customer = await api(`/customers/${customerUrl.split('/').pop()}`, { token });
    assert.equal(customer.status, 200, JSON.stringify(customer.body));
    assert.equal(customer.body.custom_fields.jornada, 'boas-vindas');
  });

  test('the ready-made flow over invoices due opens with its daily schedule and "3 dias antes"', async () => {
    const email = uniqueEmail('vencimento-dono');
    const pair = await signupConfirmed({ company_name: `Vencimento E2E ${Date.now()}`, name: 'Dona Rita', email, password: PASSWORD });
    const token = pair.access_token;

    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'automation-invoice-due', async () => {
      await signIn(page, email, PASSWORD);
      await page.goto('/automacao');
      await page.getByRole('button', { name: 'Modelos prontos' }).click();
      const gallery = page.getByRole('dialog', { name: 'Modelos prontos' });
      await gallery.getByRole('listitem', { name: GALLERY_ITEM, exact: true }).getByRole('button', { name: 'Usar este modelo' }).click();
      await page.getByRole('heading', { name: `Editar “${GALLERY_ITEM}”` }).waitFor();
      const editor = page.getByRole('form', { name: 'Editar fluxo' });
      assert.equal(await editor.getByLabel(/^Quando acontecer/).inputValue(), 'FlowInvoiceDue');
      assert.equal(await editor.getByLabel(/^Agenda \(cron\)/).inputValue(), '0 9 * * *');
      assert.equal(await editor.getByLabel(/^Quando rodar/).locator('option:checked').textContent(), 'Todo dia às 9h');
      const due = editor.getByRole('group', { name: 'Quando em relação ao vencimento' });
      assert.equal(await due.getByLabel('Dias').inputValue(), '3');
      assert.equal(await due.getByLabel('Antes ou depois').locator('option:checked').textContent(), 'dias antes do vencimento');
      await editor.getByRole('listitem', { name: /Enviar a fatura ao cliente/ }).waitFor();

      // Saved back as the editor reads it, the server takes it unchanged.
      await editor.getByRole('button', { name: 'Salvar', exact: true }).click();
      await page.getByRole('list', { name: 'Fluxos' }).getByRole('listitem', { name: GALLERY_ITEM, exact: true }).getByText('0 9 * * *').waitFor();
    });
    await context.close();

    const flows = await api('/automation/flows', { token });
    assert.equal(flows.status, 200, JSON.stringify(flows.body));
    const [saved] = flows.body;
    const flow = saved.draft ?? saved;
    assert.equal(flow.trigger_kind, 'FlowInvoiceDue');
    assert.equal(flow.schedule, '0 9 * * *');
    assert.deepEqual(flow.conditions, { all: [{ field: 'days_to_due', op: 'equals', value: 3 }] });
  });
});
