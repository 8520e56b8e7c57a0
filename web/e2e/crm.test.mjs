// Browser tests of the CRM against a running server that serves the built
// app (see web/README.md): customers, the kanban with a drag seen live by a
// second user, the customer timeline, and accent-insensitive search.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, launchBrowser, missingConfig, newPage, signupConfirmed, uniqueEmail, waitForEmailLink, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';

async function api(path, { method = 'GET', token, body } = {}) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A new company and its owner, through the API. */
async function signupOwner(companyName) {
  const email = uniqueEmail('crm-dono');
  const pair = await signupConfirmed({ company_name: companyName, name: 'Dona Clara', email, password: PASSWORD });
  return { email, token: pair.access_token };
}

/** Invites a salesperson and accepts the e-mailed invitation through the API. */
async function addSalesperson(ownerToken) {
  const email = uniqueEmail('crm-vendas');
  const invite = await api('/invitations', { method: 'POST', token: ownerToken, body: { email, role: 'sales' } });
  assert.equal(invite.status, 201, JSON.stringify(invite.body));
  const link = await waitForEmailLink(email, /^\/convite\/[^/]+$/);
  const token = decodeURIComponent(new URL(link).pathname.split('/').pop());
  const accepted = await api('/auth/invitations/accept', {
    method: 'POST',
    body: { token, name: 'Beto Vendedor', password: PASSWORD },
  });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  return { email };
}

/** Signs in and waits for the role's start page (the Painel; a salesperson's is the pipeline). */
async function login(page, email, landing = '**/dashboard') {
  await page.goto('/entrar');
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Senha/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL(landing);
}

/** Drags with real pointer moves (dnd-kit reacts to mousemove, not to a synthetic drop). */
async function dragTo(page, source, target) {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  assert.ok(from && to, 'both ends of the drag are visible');
  const startX = from.x + from.width / 2;
  const startY = from.y + Math.min(20, from.height / 2);
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  // Past the 5 px activation distance first, then across.
  await page.mouse.move(startX + 10, startY + 5, { steps: 5 });
  const endX = to.x + to.width / 2;
  const endY = to.y + Math.min(40, to.height / 2);
  await page.mouse.move(endX, endY, { steps: 20 });
  await page.mouse.move(endX, endY + 2, { steps: 2 });
  await page.mouse.up();
}

const column = (page, name) => page.getByRole('region', { name, exact: true });

describe('crm', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('a customer and a deal: a drag on one board moves the card on a colleague’s board, and the timeline records it', async () => {
    const owner = await signupOwner(`Loja CRM E2E ${Date.now()}`);
    const seller = await addSalesperson(owner.token);
    const customerName = 'João da Silva Pereira';
    const dealTitle = 'Implantação do ERP';

    const a = await newPage(browser);
    const page = a.page;
    let customerUrl;
    await withScreenshot(page, 'crm-customer', async () => {
      await login(page, owner.email);
      // /crm opens the customer list.
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'CRM' }).click();
      await page.waitForURL('**/crm/clientes');
      await page.getByText('Nenhum cliente ainda').waitFor();

      await page.getByRole('link', { name: 'Novo cliente' }).click();
      await page.waitForURL('**/crm/clientes/novo');
      await page.getByLabel(/^Nome completo/).fill(customerName);
      await page.getByLabel(/^CPF/).pressSequentially('52998224725');
      assert.equal(await page.getByLabel(/^CPF/).inputValue(), '529.982.247-25');
      await page.getByLabel(/^E-mail$/).fill('joao.pereira@example.com');
      await page.getByLabel(/^Telefone$/).pressSequentially('11987654321');
      assert.equal(await page.getByLabel(/^Telefone$/).inputValue(), '(11) 98765-4321');
      await page.getByLabel(/^Etiquetas/).fill('vip, varejo');
      await page.getByRole('button', { name: 'Salvar cliente' }).click();

      // Its page: data, and the first timeline entry.
      await page.waitForURL(/\/crm\/clientes\/[0-9a-f-]{36}$/);
      customerUrl = page.url();
      await page.getByRole('heading', { level: 1, name: customerName }).waitFor();
      await page.getByText('529.982.247-25').first().waitFor();
      await page.getByText('(11) 98765-4321').waitFor();
      await page.getByRole('list', { name: 'Histórico do cliente' }).getByText(/Cliente cadastrado por/).waitFor();
    });

    await withScreenshot(page, 'crm-new-deal', async () => {
      await page.getByRole('navigation', { name: 'CRM' }).getByRole('link', { name: 'Oportunidades' }).click();
      await page.waitForURL('**/crm/oportunidades');
      await column(page, 'Novo').waitFor();

      await page.getByRole('button', { name: 'Nova oportunidade' }).click();
      const dialog = page.getByRole('dialog', { name: 'Nova oportunidade' });
      await dialog.getByRole('combobox', { name: 'Cliente' }).fill('joao');
      await dialog.getByRole('option', { name: new RegExp(customerName) }).click();
      await dialog.getByLabel(/^Título/).fill(dealTitle);
      await dialog.getByLabel(/^Valor/).fill('12.500,00');
      await dialog.getByRole('button', { name: 'Criar oportunidade' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const novo = column(page, 'Novo');
      await novo.getByRole('article', { name: dealTitle }).waitFor();
      await novo.getByText('1 oportunidade').waitFor();
      await novo.getByText(/R\$\s12\.500,00/).first().waitFor();
    });

    // The salesperson opens the same board in another browser profile.
    const b = await newPage(browser);
    const colleague = b.page;
    await withScreenshot(colleague, 'crm-colleague-before', async () => {
      await login(colleague, seller.email, '**/crm/oportunidades');
      await colleague.goto('/crm/oportunidades');
      await column(colleague, 'Novo').getByRole('article', { name: dealTitle }).waitFor();
      assert.equal(await column(colleague, 'Qualificado').getByRole('article', { name: dealTitle }).count(), 0);
    });

    await withScreenshot(page, 'crm-drag', async () => {
      const card = column(page, 'Novo').getByRole('article', { name: dealTitle });
      const target = page.getByRole('list', { name: 'Cartões em Qualificado' });
      await dragTo(page, card, target);
      await column(page, 'Qualificado').getByRole('article', { name: dealTitle }).waitFor();
      await column(page, 'Qualificado').getByText('1 oportunidade').waitFor();
      await column(page, 'Novo').getByText('0 oportunidades').waitFor();
    });

    // Live, without reloading: the socket event moved it on the other board.
    await withScreenshot(colleague, 'crm-colleague-after', async () => {
      await column(colleague, 'Qualificado').getByRole('article', { name: dealTitle }).waitFor({ timeout: 10_000 });
      assert.equal(await column(colleague, 'Novo').getByRole('article', { name: dealTitle }).count(), 0);
    });

    await withScreenshot(page, 'crm-timeline', async () => {
      await column(page, 'Qualificado').getByRole('link', { name: customerName }).click();
      await page.waitForURL(customerUrl);
      const timeline = page.getByRole('list', { name: 'Histórico do cliente' });
      await timeline.getByText(/passou de Novo para Qualificado/).waitFor();
      // The customer's own list of deals shows the new stage.
      await page.getByRole('region', { name: 'Oportunidades' }).getByText('Qualificado').waitFor();
    });

    await b.context.close();
    await a.context.close();
  });

  test('searching "joao" finds "João …" (accents ignored)', async () => {
    const owner = await signupOwner(`Busca CRM E2E ${Date.now()}`);
    for (const name of ['João Batista Lima', 'Maria Aparecida Souza']) {
      const created = await api('/customers', { method: 'POST', token: owner.token, body: { kind: 'person', name } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'crm-search', async () => {
      await login(page, owner.email);
      await page.goto('/crm/clientes');
      const table = page.getByRole('table', { name: 'Clientes' });
      await table.getByRole('link', { name: 'Maria Aparecida Souza' }).waitFor();

      await page.getByLabel('Buscar clientes').fill('joao');
      await page.waitForURL(/[?&]q=joao/);
      await table.getByRole('link', { name: 'João Batista Lima' }).waitFor();
      await table.getByRole('link', { name: 'Maria Aparecida Souza' }).waitFor({ state: 'detached' });
      assert.equal(await table.getByRole('row').count(), 2, 'header + one customer');

      // The export follows the filter (fetched with the bearer token, saved as a file).
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportar CSV' }).click()]);
      assert.match(download.suggestedFilename(), /^clientes-\d{4}-\d{2}-\d{2}\.csv$/);
      const chunks = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk);
      const csv = Buffer.concat(chunks).toString('utf8');
      assert.match(csv, /João Batista Lima/);
      assert.doesNotMatch(csv, /Maria Aparecida Souza/);
    });
    await context.close();
  });
});
