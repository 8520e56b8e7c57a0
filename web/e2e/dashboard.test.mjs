// Browser test of the dashboard (the app's home) against a running server
// that serves the built app (see web/README.md). A site visitor writes in
// the web chat; the owner opens the dashboard and reads one new conversation
// in "Atendimento", with every area of the company below it. With the
// dashboard open, a second visitor writes: the number turns 2 without a
// reload (message → ticket → the rollups' job → `dashboard_changed`). The
// indicators export as a CSV for Excel (BOM, `;`). An agent, on a phone,
// sees "Atendimento" with their own numbers (the ticket assigned to them)
// and none of Vendas, Financeiro, Equipe; a finance user sees Financeiro
// and the customers at risk only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, inviteUser, launchBrowser, missingConfig, newPage, signIn, signupConfirmed, uniqueEmail, visitorWrites, waitForTicket, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
/** Message → ticket → rollups → signal: each step is a background job. */
const LIVE_MS = 30_000;
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const FIRST = 'Quero saber o prazo de entrega do pedido 1234';
const SECOND = 'Meu boleto venceu, podem gerar outro?';

/** The dashboard's numbers as the API has them, once `accept` is true (the rollups are a job away). */
async function waitForSupport(token, accept, { timeoutMs = LIVE_MS } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await api('/dashboard/support?period=7d', { token });
    if (last.status === 200 && accept(last.body)) return last.body;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the support dashboard did not reach the expected numbers within ${timeoutMs} ms: ${JSON.stringify(last?.body)}`);
}

/** An area of the dashboard (its h2), by exact name: the widgets inside are regions too. */
const area = (page, name) => page.getByRole('region', { name, exact: true });
/** The value shown on a KPI card. */
const kpi = (scope, name) => scope.getByRole('group', { name, exact: true }).locator('[data-kpi-value]');

describe('Dashboard', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the owner sees a new conversation live; an agent only their own support numbers; finance only Financeiro', async () => {
    const email = uniqueEmail('painel-dono');
    const pair = await signupConfirmed({ company_name: `Painel E2E ${Date.now()}`, name: 'Dona Lúcia', email, password: PASSWORD });
    const token = pair.access_token;
    const channel = await api('/channels', { method: 'POST', token, body: { kind: 'webchat', name: 'Site' } });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    const publicId = channel.body.public_id;

    await visitorWrites(publicId, FIRST);
    const first = await waitForTicket(token, FIRST, { timeoutMs: LIVE_MS });
    const before = await waitForSupport(token, (d) => d.opened.current === 1);
    assert.equal(before.scope, 'company');
    assert.equal(before.range.period, '7d');

    // Bad custom periods are refused with the field.
    const bad = await api('/dashboard/support?period=custom&from=2026-12-01', { token });
    assert.equal(bad.status, 422, JSON.stringify(bad.body));
    assert.ok(bad.body.errors.some((e) => e.field === 'to'), JSON.stringify(bad.body));

    const { context, page } = await newPage(browser, { viewport: DESKTOP });
    const support = area(page, 'Atendimento');
    await withScreenshot(page, 'dashboard-owner', async () => {
      await signIn(page, email, PASSWORD);
      await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
      await page.getByRole('group', { name: 'Período' }).getByRole('button', { name: '7 dias' }).click();
      await page.waitForURL(/periodo=7d/);
      await kpi(support, 'Novas conversas').filter({ hasText: /^1$/ }).waitFor({ timeout: LIVE_MS });
      // Every area the owner works in, and whose numbers they are.
      for (const name of ['Equipe', 'Vendas', 'Financeiro', 'Clientes em risco']) await area(page, name).waitFor();
      assert.equal(await support.getByText('Seus números').count(), 0);
      await support.getByRole('region', { name: 'Por canal', exact: true }).waitFor();
      // The number opens the list behind it.
      const link = support.getByRole('group', { name: 'Novas conversas', exact: true }).getByRole('link');
      assert.match(await link.getAttribute('href'), /^\/atendimento\?visao=all&situacao=any$/);
      // No deals, no money yet: the empty states say so.
      await area(page, 'Vendas').getByText('Nenhuma oportunidade em aberto.').waitFor();
      await area(page, 'Financeiro').getByText('Nenhum recebimento neste período.').waitFor();
    });

    await withScreenshot(page, 'dashboard-live', async () => {
      // The page must not reload: a mark on the window survives only without one.
      await page.evaluate(() => {
        globalThis.__dashboardMark = 'same page';
      });
      await visitorWrites(publicId, SECOND);
      await kpi(support, 'Novas conversas').filter({ hasText: /^2$/ }).waitFor({ timeout: LIVE_MS });
      assert.equal(await page.evaluate(() => globalThis.__dashboardMark), 'same page');
      await kpi(support, 'Em aberto agora').filter({ hasText: /^2$/ }).waitFor({ timeout: LIVE_MS });
    });

    await withScreenshot(page, 'dashboard-csv', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        support.getByRole('button', { name: 'Exportar CSV de Indicadores de atendimento' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'painel-atendimento-indicadores-7d.csv');
      const chunks = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
      const lines = bytes.toString('utf8').slice(1).split('\r\n');
      assert.match(lines[0], /^Indicador;Período atual \(\d{2}\/\d{2}\/\d{4} a \d{2}\/\d{2}\/\d{4}\);Período anterior/);
      assert.ok(lines.includes('Novas conversas;2;0'), lines.join('\n'));
    });

    await withScreenshot(page, 'dashboard-custom-period', async () => {
      await page.getByRole('group', { name: 'Período' }).getByRole('button', { name: 'Personalizado' }).click();
      await page.waitForURL(/periodo=custom&de=\d{4}-\d{2}-\d{2}&ate=\d{4}-\d{2}-\d{2}/);
      // The last 30 days by default: both conversations are in it.
      await kpi(support, 'Novas conversas').filter({ hasText: /^2$/ }).waitFor();
      await page.getByLabel('De', { exact: true }).fill('2026-01-10');
      await page.getByLabel('Até', { exact: true }).fill('2026-01-01');
      await page.getByText('A data final deve ser igual ou posterior à inicial.').waitFor();
    });
    await context.close();

    // An agent with the first conversation: their own numbers, nothing of sales, finance or the team.
    const agent = await inviteUser(token, { role: 'agent', name: 'Caio Atendente', password: PASSWORD, prefix: 'painel-agente' });
    const agentMe = await api('/me', { token: agent.token });
    assert.equal(agentMe.status, 200, JSON.stringify(agentMe.body));
    const assigned = await api(`/tickets/${first.id}/transfer`, { method: 'POST', token, body: { assignee_id: agentMe.body.user.id } });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    const own = await waitForSupport(agent.token, (d) => d.opened.current === 1);
    assert.equal(own.scope, 'own');
    for (const section of ['sales', 'finance', 'agents']) {
      const refused = await api(`/dashboard/${section}`, { token: agent.token });
      assert.equal(refused.status, 403, `${section}: ${JSON.stringify(refused.body)}`);
    }

    const phone = await newPage(browser, { viewport: PHONE });
    await withScreenshot(phone.page, 'dashboard-agent', async () => {
      const { page: agentPage } = phone;
      // An agent starts in the inbox; the Painel is one click away.
      await signIn(agentPage, agent.email, PASSWORD, '**/atendimento');
      await agentPage.goto('/dashboard');
      const mine = area(agentPage, 'Atendimento');
      await mine.getByText('Seus números').waitFor();
      await mine.getByRole('region', { name: 'Seus indicadores de atendimento', exact: true }).waitFor();
      await kpi(mine, 'Novas conversas').filter({ hasText: /^1$/ }).waitFor();
      const link = mine.getByRole('group', { name: 'Novas conversas', exact: true }).getByRole('link');
      assert.match(await link.getAttribute('href'), /visao=mine/);
      for (const name of ['Vendas', 'Financeiro', 'Equipe', 'Clientes em risco']) {
        assert.equal(await area(agentPage, name).count(), 0, `${name} is not for an agent`);
      }
      // Usable on a phone: nothing wider than the screen.
      const overflow = await agentPage.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    });
    await phone.context.close();

    // Finance: Financeiro and the customers at risk, no support nor sales.
    const finance = await inviteUser(token, { role: 'finance', name: 'Fábio Financeiro', password: PASSWORD, prefix: 'painel-financeiro' });
    const third = await newPage(browser, { viewport: DESKTOP });
    await withScreenshot(third.page, 'dashboard-finance', async () => {
      const { page: financePage } = third;
      await signIn(financePage, finance.email, PASSWORD, '**/financeiro');
      await financePage.goto('/dashboard');
      await kpi(area(financePage, 'Financeiro'), 'Recebido').filter({ hasText: /^R\$\s0,00$/ }).waitFor();
      await area(financePage, 'Clientes em risco').waitFor();
      for (const name of ['Atendimento', 'Vendas', 'Equipe']) {
        assert.equal(await area(financePage, name).count(), 0, `${name} is not for finance`);
      }
    });
    await third.context.close();
  });
});
