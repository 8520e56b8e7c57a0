// Browser test of Insights against a running server that serves the built
// app (see web/README.md). Three web-chat customers write: one furious
// about to cancel (who also owes an overdue invoice), two about a duplicated
// charge, filed under "cobrança". The owner finds the furious customer in
// Insights → Clientes em risco with the reasons, opens their page and reads
// the "Risco de perda" card; an agent who opens Insights gets only
// "Tendências", where "cobrança" is on the rise.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, inviteUser, launchBrowser, missingConfig, newPage, signIn, signupConfirmed, uniqueEmail, waitForTicket, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
/** The visitors' messages become tickets through a job. */
const LIVE_MS = 30_000;
// Each at most 80 characters, so the web chat's subject (its first 80) is the whole message.
const FURIOUS = { name: 'Marta Furtado', text: 'Péssimo atendimento, estou muito insatisfeito e vou cancelar tudo!' };
const CHARGED = [
  { name: 'Paulo Lima', text: 'Recebi uma cobrança duplicada no cartão, podem verificar?' },
  { name: 'Clara Dias', text: 'A cobrança deste mês veio em dobro na fatura do cartão.' },
];

/** A visitor of the company's site starts a chat, named, and writes once. */
async function chat(publicId, { name, text }) {
  const session = await api(`/public/webchat/${publicId}/sessions`, { method: 'POST', body: {} });
  assert.equal(session.status, 201, JSON.stringify(session.body));
  const sent = await api('/public/webchat/messages', {
    method: 'POST',
    visitor: session.body.token,
    // The pre-chat form's name and e-mail travel with the first message.
    body: { client_id: `e2e-insights-${Date.now()}`, text, name, email: uniqueEmail('cliente') },
  });
  assert.ok(sent.status < 300, JSON.stringify(sent.body));
}

const isoDay = (offsetDays) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('Insights', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('a furious customer is at risk with the reasons on their page, and an agent sees only the trends', async () => {
    const email = uniqueEmail('insights-dono');
    const pair = await signupConfirmed({ company_name: `Insights E2E ${Date.now()}`, name: 'Dona Vera', email, password: PASSWORD });
    const token = pair.access_token;
    const channel = await api('/channels', { method: 'POST', token, body: { kind: 'webchat', name: 'Site', config: { prechat: true } } });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));

    await chat(channel.body.public_id, FURIOUS);
    for (const customer of CHARGED) await chat(channel.body.public_id, customer);
    const furious = await waitForTicket(token, FURIOUS.text, { timeoutMs: LIVE_MS });
    assert.ok(['negative', 'very_negative'].includes(furious.sentiment), JSON.stringify(furious));
    for (const customer of CHARGED) {
      const ticket = await waitForTicket(token, customer.text, { timeoutMs: LIVE_MS });
      const filed = await api(`/tickets/${ticket.id}`, { method: 'PATCH', token, body: { category: 'cobrança' } });
      assert.equal(filed.status, 200, JSON.stringify(filed.body));
    }
    // An invoice that fell due ten days ago and was never paid.
    const overdue = await api('/invoices', {
      method: 'POST',
      token,
      body: { customer_id: furious.customer_id, issue_date: isoDay(-40), due_date: isoDay(-10), items: [{ description: 'Mensalidade', unit_price_cents: 19_990 }] },
    });
    assert.equal(overdue.status, 201, JSON.stringify(overdue.body));

    // What the server computes, before looking at the screen: sentiment, the open ticket and the invoice make it medium or high.
    const risk = await api(`/customers/${furious.customer_id}/insights`, { token });
    assert.equal(risk.status, 200, JSON.stringify(risk.body));
    assert.ok(risk.body.score >= 30, JSON.stringify(risk.body));
    assert.deepEqual(risk.body.reasons.map((r) => r.kind).sort(), ['open_tickets', 'overdue_invoices', 'sentiment'], JSON.stringify(risk.body));
    assert.equal(risk.body.finance_hidden, false);

    const { context, page } = await newPage(browser);
    const table = page.getByRole('table', { name: 'Clientes em risco de perda' });
    const row = table.getByRole('row').filter({ hasText: FURIOUS.name });
    await withScreenshot(page, 'insights-risk', async () => {
      await signIn(page, email, PASSWORD);
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Insights' }).click();
      await page.waitForURL('**/insights/clientes-em-risco');
      await page.getByRole('heading', { level: 1, name: 'Clientes em risco' }).waitFor();
      // "Médio ou mais" by default.
      assert.equal(await page.getByLabel('Nível').inputValue(), 'medium');
      await row.waitFor();
      await row.getByText(`${risk.body.score}/100`).waitFor();
      const reasons = row.getByRole('list', { name: `Motivos do risco de ${FURIOUS.name}` });
      await reasons.getByText(/conversa (muito )?negativa nos últimos 30 dias/).waitFor();
      await reasons.getByText(/^1 fatura vencida \(R\$\s199,90 em aberto\)$/).waitFor();
      await page.getByText(/^\d+ clientes? neste nível$/).waitFor();
      // The customers who only wrote about a charge are not at risk at this level, but are listed under "Todos".
      assert.equal(await table.getByRole('row').filter({ hasText: CHARGED[0].name }).count(), 0);
      await page.getByLabel('Nível').selectOption({ label: 'Todos' });
      await page.waitForURL(/nivel=low/);
      await table.getByRole('row').filter({ hasText: CHARGED[0].name }).waitFor();
    });

    await withScreenshot(page, 'insights-customer-card', async () => {
      await row.getByRole('link', { name: FURIOUS.name }).click();
      await page.waitForURL(`**/crm/clientes/${furious.customer_id}`);
      const card = page.getByRole('region', { name: 'Risco de perda' });
      await card.getByText('/100').waitFor();
      assert.match(await card.innerText(), new RegExp(`${risk.body.score}\\s*/100`));
      await card.getByText(risk.body.level === 'high' ? 'Alto' : 'Médio', { exact: true }).waitFor();
      const reasons = card.getByRole('list', { name: 'Motivos do risco' });
      assert.equal(await reasons.getByRole('listitem').count(), 3);
      await reasons.getByText(/^1 fatura vencida/).waitFor();
      assert.equal(await card.getByText('Faturas não consideradas para o seu perfil.').count(), 0);
    });
    await context.close();

    // An agent: no customers at risk (they see no finance nor CRM), only what tickets are about.
    const agent = await inviteUser(token, { role: 'agent', name: 'Ivo Atendente', password: PASSWORD, prefix: 'insights-agente' });
    const refused = await api('/insights/customers-at-risk', { token: agent.token });
    assert.equal(refused.status, 403, JSON.stringify(refused.body));

    const second = await newPage(browser);
    await withScreenshot(second.page, 'insights-trends', async () => {
      const { page: agentPage } = second;
      await signIn(agentPage, agent.email, PASSWORD, '**/atendimento');
      await agentPage.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Insights' }).click();
      await agentPage.waitForURL('**/insights/tendencias');
      const tabs = agentPage.getByRole('navigation', { name: 'Insights' }).getByRole('link');
      assert.deepEqual(await tabs.allInnerTexts(), ['Tendências']);
      assert.equal(await agentPage.getByLabel('Período').inputValue(), '7');

      const trends = agentPage.getByRole('table', { name: 'Chamados por categoria' });
      const charged = trends.getByRole('row', { name: /^cobrança/ });
      await charged.waitFor();
      assert.deepEqual((await charged.getByRole('cell').allInnerTexts()).slice(0, 3), ['2', '0', '—']);
      await charged.getByRole('list', { name: 'Palavras em alta em cobrança' }).getByText('cobrança (2 × 0)').waitFor();
      const none = trends.getByRole('row', { name: /^Sem categoria/ });
      assert.deepEqual((await none.getByRole('cell').allInnerTexts()).slice(0, 2), ['1', '0']);

      await agentPage.getByLabel('Período').selectOption({ label: '30 dias' });
      await agentPage.waitForURL(/dias=30/);
      await charged.waitFor();

      // The customers at risk, opened by its address, are refused.
      await agentPage.goto('/insights/clientes-em-risco');
      await agentPage.getByRole('heading', { name: 'Acesso negado' }).waitFor();
    });
    await second.context.close();
  });
});
