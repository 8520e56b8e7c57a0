// Browser test of Configurações → Integrações against a running server that
// serves the built app (see web/README.md): the owner creates a webhook to a
// local receiver (the only local address the operator's egress allow-list
// names, E2E_HOOK_PORT), copies the secret shown once, a new customer's
// event arrives signed with it, and the delivery log and a test ping show
// the endpoint's answers.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';

import { api, launchBrowser, missingConfig, newPage, signupConfirmed, uniqueEmail, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);
const HOOK_PORT = Number(process.env.E2E_HOOK_PORT ?? '');
if (!HOOK_PORT) throw new Error('e2e: set E2E_HOOK_PORT (a port the server may call, see test.sh)');

const PASSWORD = 'senha-forte-2026';
const DELIVERY_MS = 30_000;

/** The company's system: keeps every POST and answers 204. */
function receiver() {
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(HOOK_PORT, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${HOOK_PORT}/conectcrm`, received, close: () => new Promise((r) => server.close(r)) }),
    );
  });
}

/** What docs/WEBHOOKS.md tells a receiver to do. */
function verify(secret, header, body) {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=')));
  const expected = createHmac('sha256', secret).update(`${parts.t}.`).update(body).digest('hex');
  return timingSafeEqual(Buffer.from(expected), Buffer.from(parts.v1)) && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

async function waitFor(check, what) {
  const deadline = Date.now() + DELIVERY_MS;
  while (Date.now() < deadline) {
    const value = check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} within ${DELIVERY_MS} ms`);
}

describe('integrations', () => {
  let browser;
  let hook;

  before(async () => {
    browser = await launchBrowser();
    hook = await receiver();
  });

  after(async () => {
    await browser?.close();
    await hook?.close();
  });

  test('the owner subscribes an endpoint, and a new customer arrives there signed', async () => {
    const email = uniqueEmail('hooks-dono');
    const pair = await signupConfirmed({ company_name: `Integrações E2E ${Date.now()}`, name: 'Dona Lia', email, password: PASSWORD });
    const token = pair.access_token;

    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'integrations', async () => {
      await page.goto('/entrar');
      await page.getByLabel(/^E-mail/).fill(email);
      await page.getByLabel(/^Senha/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Entrar' }).click();
      await page.waitForURL('**/dashboard');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Configurações' }).click();
      await page.getByRole('navigation', { name: 'Configurações' }).getByRole('link', { name: 'Integrações' }).click();
      await page.getByRole('heading', { level: 1, name: 'Integrações' }).waitFor();
      await page.getByText('Nenhum webhook ainda').waitFor();

      await page.getByRole('button', { name: 'Criar webhook' }).click();
      const dialog = page.getByRole('dialog', { name: 'Novo webhook' });
      await dialog.getByLabel(/^URL do endpoint/).fill(hook.url);
      await dialog.getByLabel(/^Descrição/).fill('ERP da loja');
      await dialog.getByRole('checkbox', { name: /Cliente criado/ }).check();
      await dialog.getByRole('button', { name: 'Criar endpoint' }).click();

      await page.getByText('Copie agora o segredo de assinatura').waitFor();
      const secret = await page.getByLabel('Segredo de assinatura', { exact: true }).inputValue();
      assert.match(secret, /^[0-9a-f]{64}$/);
      const card = page.getByRole('listitem', { name: 'ERP da loja' });
      await card.getByText('Ativo', { exact: true }).waitFor();

      const created = await api('/customers', { method: 'POST', token, body: { kind: 'person', name: 'Cliente do Webhook' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const got = await waitFor(() => hook.received.find((r) => JSON.parse(r.body).kind === 'CustomerCreated'), 'no CustomerCreated delivery');
      assert.ok(verify(secret, got.headers['x-conectcrm-signature'], got.body), 'the signature verifies with the secret shown once');
      assert.equal(JSON.parse(got.body).payload.customer_id, created.body.id);

      await card.getByRole('button', { name: 'Ver entregas' }).click();
      const log = card.getByRole('table', { name: 'Entregas do webhook' });
      await log.getByText('Entregue', { exact: true }).waitFor({ timeout: DELIVERY_MS });
      await log.getByRole('cell', { name: '204' }).waitFor();
      await log.getByText('Cliente criado').waitFor();

      await card.getByRole('button', { name: 'Enviar teste' }).click();
      await card.getByText('Teste entregue').waitFor();
      const ping = hook.received.find((r) => JSON.parse(r.body).kind === 'ping');
      assert.ok(ping && verify(secret, ping.headers['x-conectcrm-signature'], ping.body));
    });
    await context.close();
  });
});
