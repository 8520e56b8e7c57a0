// Browser test of everyday comfort, against a running server that serves
// the built app (see web/README.md): a deal opened on the board shows the
// automations that ran on it, with a hint that names the board's columns out
// of view; the customer's page fits 1366×768 with a long e-mail and its
// tables; Configurações → Usuários explains each role; on a 390×844 phone a
// list opens on its results (its filters behind "Filtros") and a ticket's
// subject gets the whole width.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  api,
  launchBrowser,
  missingConfig,
  newPage,
  signIn,
  signupConfirmed,
  uniqueEmail,
  visitorWrites,
  waitForTicket,
  withScreenshot,
} from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
/** The deal's event and the flow's run are jobs: the worker takes them in the background. */
const RUN_MS = 30_000;
const FLOW = 'Avisar o cliente da nova oportunidade';
const CUSTOMER = 'Padaria Pão Quente Comércio de Alimentos Ltda';
const LONG_EMAIL = `financeiro.contas.a.pagar.departamento.${Date.now()}@padariapaoquentecomerciodealimentos.com.br`;
const DEAL = 'Implantação do sistema na padaria';
const SUBJECT = 'Meu pedido de pães de fermentação natural não chegou até agora';

/** How many pixels the page is wider than the window (0 or less: no sideways scroll). */
const pageOverflow = (page) => page.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth);

async function until(read, accept, what, timeoutMs = RUN_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${what} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

describe('everyday comfort', () => {
  let browser;
  let owner;
  let customerId;
  let deal;
  let ticket;

  before(async () => {
    browser = await launchBrowser();
    const email = uniqueEmail('conforto-dona');
    const pair = await signupConfirmed({ company_name: `Conforto E2E ${Date.now()}`, name: 'Dona Rita', email, password: PASSWORD });
    owner = { email, token: pair.access_token };
    const token = owner.token;

    // A flow on new deals, live before the deal is made.
    const flow = await api('/automation/flows', {
      method: 'POST',
      token,
      body: {
        name: FLOW,
        trigger_kind: 'OpportunityCreated',
        actions: [{ type: 'email_customer', subject: 'Nova oportunidade', text: 'Recebemos o seu pedido e já estamos cuidando dele.' }],
      },
    });
    assert.equal(flow.status, 201, JSON.stringify(flow.body));
    const activated = await api(`/automation/flows/${flow.body.id}/activate`, { method: 'POST', token });
    assert.equal(activated.status, 200, JSON.stringify(activated.body));

    const customer = await api('/customers', {
      method: 'POST',
      token,
      body: { kind: 'company', name: CUSTOMER, emails: [LONG_EMAIL], phones: ['+5511988887777'] },
    });
    assert.equal(customer.status, 201, JSON.stringify(customer.body));
    customerId = customer.body.customer?.id ?? customer.body.id;
    const pipelines = await until(() => api('/pipelines', { token }), (r) => r.status === 200 && r.body.length > 0, 'the default pipeline');
    const created = await api('/opportunities', {
      method: 'POST',
      token,
      body: { customer_id: customerId, pipeline_id: pipelines.body[0].id, title: DEAL, value_cents: 500_000 },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    deal = created.body;
    const validUntil = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const proposal = await api('/proposals', {
      method: 'POST',
      token,
      body: {
        customer_id: customerId,
        title: 'Site institucional com loja virtual integrada',
        valid_until: validUntil,
        items: [{ description: 'Site institucional', quantity: 1, unit_price_cents: 89_900, billing: 'one_time' }],
      },
    });
    assert.equal(proposal.status, 201, JSON.stringify(proposal.body));

    const channel = await api('/channels', { method: 'POST', token, body: { kind: 'webchat', name: 'Site' } });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    await visitorWrites(channel.body.public_id, SUBJECT);
    ticket = await waitForTicket(token, SUBJECT);
  });

  after(async () => {
    await browser?.close();
  });

  test("a deal opened on the board shows the automation that ran on it; the board names its columns out of view", async () => {
    // The run is recorded with the deal as its record.
    const runs = await until(
      () => api(`/automation/runs?record_id=${deal.id}`, { token: owner.token }),
      (r) => r.status === 200 && r.body.items.some((run) => run.status === 'succeeded'),
      "the flow's run on the deal",
    );
    assert.equal(runs.body.items[0].record_id, deal.id);

    const { context, page } = await newPage(browser, { viewport: LAPTOP });
    await withScreenshot(page, 'comfort-deal-automations', async () => {
      await signIn(page, owner.email, PASSWORD);
      await page.goto('/crm/oportunidades');
      const board = page.getByRole('group', { name: /^Quadro do funil/ });
      await board.waitFor();

      // At 1366 px the won and lost columns are off to the right: a button says so, and goes there.
      const won = board.getByRole('region', { name: 'Ganho', exact: true });
      const hint = page.getByRole('button', { name: /^→ .*Ganho \(0\) \/ Perdido \(0\)$/ });
      await hint.waitFor();
      assert.ok((await won.boundingBox()).x + 100 > LAPTOP.width, 'the Ganho column starts off-screen');
      await hint.click();
      const lost = board.getByRole('region', { name: 'Perdido', exact: true });
      await until(
        async () => {
          const box = await lost.boundingBox();
          return box.x + box.width;
        },
        (right) => right <= LAPTOP.width,
        'the Ganho and Perdido columns scrolled into view',
        5_000,
      );
      assert.ok((await won.boundingBox()).x >= 240, 'Ganho shows whole beside Perdido');
      assert.ok((await pageOverflow(page)) <= 0, 'the board scrolls inside its box, not the page');

      // The deal's dialog: its form, then the automations that ran on it.
      await board.getByRole('article', { name: DEAL }).getByRole('button', { name: DEAL, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Oportunidade' });
      const automations = dialog.getByRole('region', { name: 'Automações' });
      const list = automations.getByRole('list', { name: 'Execuções de automações nesta oportunidade' });
      await list.getByText(FLOW).waitFor();
      await list.getByText('Concluída').waitFor();
    });
    await context.close();
  });

  test('the customer’s page fits 1366×768: a long e-mail stays in its card, the deals and proposals tables in theirs', async () => {
    const { context, page } = await newPage(browser, { viewport: LAPTOP });
    await withScreenshot(page, 'comfort-customer-laptop', async () => {
      await signIn(page, owner.email, PASSWORD);
      await page.goto(`/crm/clientes/${customerId}`);
      await page.getByRole('heading', { level: 1, name: CUSTOMER }).waitFor();
      const deals = page.getByRole('table', { name: 'Oportunidades' });
      await deals.getByRole('button', { name: DEAL }).waitFor();
      const proposals = page.getByRole('table', { name: `Propostas de ${CUSTOMER}` });
      await proposals.getByText('PROP-0001').waitFor();

      assert.ok((await pageOverflow(page)) <= 0, `the page is ${await pageOverflow(page)}px wider than the window`);
      const card = await page.getByRole('region', { name: 'Dados do cliente' }).boundingBox();
      const email = page.getByRole('link', { name: LONG_EMAIL });
      assert.equal(await email.getAttribute('title'), LONG_EMAIL);
      const box = await email.boundingBox();
      assert.ok(box.x + box.width <= card.x + card.width, 'the e-mail stays inside its card');
      // Both tables are whole inside their cards at this width: every column, the last one too.
      for (const table of [deals, proposals]) {
        const [needed, shown] = await table.evaluate((element) => {
          const scroller = element.closest('.overflow-x-auto');
          return [scroller.scrollWidth, scroller.clientWidth];
        });
        assert.ok(needed <= shown, `the table needs ${needed}px in ${shown}px at 1366 px`);
      }
      await deals.getByRole('link', { name: `Nova proposta para ${DEAL}` }).click({ trial: true });
    });
    await context.close();
  });

  test('Configurações → Usuários explains what each role can open', async () => {
    const { context, page } = await newPage(browser, { viewport: LAPTOP });
    await withScreenshot(page, 'comfort-roles', async () => {
      await signIn(page, owner.email, PASSWORD);
      await page.goto('/configuracoes/usuarios');
      const guide = page.getByRole('region', { name: 'O que cada papel pode fazer' });
      for (const role of ['Proprietário', 'Administrador', 'Gerente', 'Atendente', 'Vendedor', 'Financeiro']) {
        await guide.getByRole('list', { name: `Áreas do papel ${role}` }).waitFor();
      }
      const agent = guide.getByRole('list', { name: 'Áreas do papel Atendente' });
      assert.deepEqual(await agent.getByRole('listitem').allTextContents(), ['Painel', 'Atendimento', 'Insights: Tendências']);
      const sales = guide.getByRole('list', { name: 'Áreas do papel Vendedor' });
      assert.ok((await sales.getByRole('listitem').allTextContents()).includes('CRM'));
      assert.equal(await sales.getByText('Financeiro', { exact: true }).count(), 0);
      // The invitation says what the chosen role is for.
      const invite = page.getByRole('region', { name: 'Convidar pessoa' });
      await invite.getByLabel(/^Papel/).selectOption({ label: 'Vendedor' });
      await invite.getByText('Vende: clientes, oportunidades, propostas e contratos.').waitFor();
    });
    await context.close();
  });

  test('on a 390×844 phone a list opens on its results, and a ticket’s subject gets the whole width', async () => {
    const { context, page } = await newPage(browser, { viewport: PHONE });
    await withScreenshot(page, 'comfort-phone', async () => {
      await signIn(page, owner.email, PASSWORD);
      await page.goto('/crm/clientes');
      const row = page.getByRole('table', { name: 'Clientes' }).getByRole('link', { name: CUSTOMER });
      await row.waitFor();
      const box = await row.boundingBox();
      assert.ok(box.y + box.height <= PHONE.height, `the first result is below the fold (y=${box.y})`);
      // The search stays; the other filters wait behind "Filtros".
      await page.getByRole('searchbox', { name: 'Buscar clientes' }).waitFor();
      assert.equal(await page.getByLabel('Situação').isVisible(), false);
      await page.getByRole('button', { name: /^Filtros/ }).click();
      await page.getByLabel('Situação').selectOption({ label: 'Lead' });
      await page.getByRole('button', { name: /^Filtros \(1\)/ }).waitFor();
      assert.ok((await pageOverflow(page)) <= 0, 'the list fits the phone');

      // The customer's page fits the phone too.
      await page.goto(`/crm/clientes/${customerId}`);
      await page.getByRole('heading', { level: 1, name: CUSTOMER }).waitFor();
      await page.getByRole('table', { name: 'Oportunidades' }).waitFor();
      assert.ok((await pageOverflow(page)) <= 0, `the customer's page is ${await pageOverflow(page)}px wider than the phone`);

      // The ticket: its subject on its own row, up to two lines, not a few characters.
      await page.goto(`/atendimento/${ticket.id}`);
      const title = page.getByRole('heading', { level: 2, name: new RegExp(`^#${ticket.number} `) });
      await title.waitFor();
      const heading = await title.boundingBox();
      assert.ok(heading.width >= PHONE.width - 60, `the subject is ${heading.width}px wide`);
      assert.ok(heading.height > 30, 'a long subject wraps to a second line');
    });
    await context.close();
  });
});
