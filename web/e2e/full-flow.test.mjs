// Browser test of the product's whole flow, in one go, against a running
// server that serves the built app (see web/README.md), with WhatsApp's
// Cloud API played by a fake Graph server on E2E_HOOK_PORT (the only local
// address the server's egress allows):
//
//  1. a new number writes on WhatsApp: Meta's webhook, signed with the
//     app secret (X-Hub-Signature-256), reaches the channel;
//  2. triage reads it (intent "comprar", its tone), shown in the inbox;
//  3. routing gives it to the team's online member: the ticket arrives in
//     their open inbox ("Meus") without a reload;
//  4. they answer in the inbox: the Graph API receives the text;
//  5. "Criar oportunidade" and "Nova proposta" from the conversation's
//     "Vendas" block, then "Enviar no chat": the customer's WhatsApp gets
//     the proposal's public link;
//  6. the customer opens that link on a phone and accepts (name and CPF);
//  7. the acceptance signs the contract (seen on the contracts page) and
//     finance invoices it; "Enviar no chat" sends the invoice: the customer's
//     WhatsApp gets the payment page and the PIX copia e cola;
//  8. the PIX payment is registered by hand in Financeiro: the conversation
//     shows "Pagamento recebido" live;
//  9. the owner's dashboard, open in another browser since the start, follows
//     every step without a reload: the new conversation, the deal created
//     from it and won, the money received.
//
// The agent is a manager: an agent alone may not send proposals or invoices
// into the chat (support and sales both), see sale-in-thread.test.mjs.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';

import { api, BASE_URL, inviteUser, launchBrowser, missingConfig, newPage, signIn, signupConfirmed, uniqueEmail, waitForTicket, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);
const HOOK_PORT = Number(process.env.E2E_HOOK_PORT ?? '');
if (!HOOK_PORT) throw new Error('e2e: set E2E_HOOK_PORT (a port the server may call, see test.sh)');

const PASSWORD = 'senha-forte-2026';
/** Webhook → intake → triage → routing → socket, and every later step, go through background jobs. */
const LIVE_MS = 30_000;
const DESKTOP = { width: 1366, height: 768 };
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const ASKS = 'Quero comprar o plano anual, quanto custa?';
const REPLY = 'Olá! O plano anual sai por R$ 1.200,00. Posso mandar a proposta por aqui?';
const CUSTOMER = 'Marina Costa Andrade';
const DEAL = 'Plano anual ConectCRM';
const ITEM = 'Assinatura anual do ConectCRM';
const GRAPH_VERSION = 'v21.0';
const APP_SECRET = 'e2e-app-secret-do-whatsapp';
const ACCESS_TOKEN = 'EAAGe2eTokenDeAcesso';

const money = (text) => new RegExp(`R\\$\\s${text.replace(/\./g, '\\.')}`);
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An area of the dashboard (its h2), by exact name: the widgets inside are regions too. */
const area = (page, name) => page.getByRole('region', { name, exact: true });
/** A KPI card of a dashboard area. */
const kpiCard = (scope, name) => scope.getByRole('group', { name, exact: true });
/** The value shown on a KPI card. */
const kpi = (scope, name) => kpiCard(scope, name).locator('[data-kpi-value]');

/**
 * WhatsApp's Cloud API as the server calls it (`POST /<version>/<phone
 * number id>/messages`, see crates/channels/src/whatsapp/client.rs): keeps
 * every message and answers as Graph does, with a new wamid.
 */
function fakeGraph() {
  const sent = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const match = req.method === 'POST' ? req.url?.match(/^\/(v[\d.]+)\/([^/?]+)\/messages$/) : null;
      if (!match) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `unknown path ${req.method} ${req.url}`, type: 'OAuthException', code: 803 } }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const id = `wamid.fake.${sent.length + 1}`;
      sent.push({ version: match[1], phoneNumberId: decodeURIComponent(match[2]), authorization: req.headers.authorization, body, id });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] }));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(HOOK_PORT, '127.0.0.1', () =>
      resolve({
        sent,
        /** The first text message sent to `to` whose body `accept`s, once the delivery job has sent it. */
        async waitForText(to, accept, what) {
          const deadline = Date.now() + LIVE_MS;
          for (;;) {
            const found = sent.find((m) => m.body.to === to && m.body.type === 'text' && accept(m.body.text?.body ?? ''));
            if (found) return found;
            if (Date.now() > deadline) {
              throw new Error(`the Graph API got no ${what} for ${to} within ${LIVE_MS} ms; it got: ${JSON.stringify(sent.map((m) => m.body))}`);
            }
            await new Promise((r) => setTimeout(r, 250));
          }
        },
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(r);
          }),
      }),
    );
  });
}

/** Meta's notification of one text message from `waId` (as in bench/support.sh). */
function whatsappWebhook({ phoneNumberId, waId, name, text, messageId }) {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '551130000000', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name }, wa_id: waId }],
              messages: [{ from: waId, id: messageId, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
            },
          },
        ],
      },
    ],
  });
}

/** Polls `read` until `accept` takes its result. */
async function waitFor(read, accept, what, { timeoutMs = LIVE_MS } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs} ms: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Reloads until the locator shows up (for pages without live updates of background work). */
async function reloadUntilVisible(page, locator, { timeoutMs = LIVE_MS, what = 'the element' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await locator.first().waitFor({ timeout: 1_500 });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${what} did not appear after ${timeoutMs} ms`);
    }
    await page.reload();
  }
}

/** A mark on the window survives only as long as the page is not reloaded. */
const markPage = (page) =>
  page.evaluate(() => {
    globalThis.__fullFlowMark = 'same page';
  });
const assertSamePage = async (page, who) => assert.equal(await page.evaluate(() => globalThis.__fullFlowMark), 'same page', `${who}: the page was not reloaded`);

describe('the whole flow', () => {
  let browser;
  let graph;
  const contexts = [];

  before(async () => {
    browser = await launchBrowser();
    graph = await fakeGraph();
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await graph?.close();
    await browser?.close();
  });

  test('WhatsApp message → triage → routed live → reply → deal and proposal in the chat → accepted on a phone → contract and invoice → PIX paid → dashboard live', async () => {
    const stamp = Date.now();
    // A new number each run: a customer nobody knows yet.
    const waId = `55119${String(stamp).slice(-8)}`;
    const phoneNumberId = `1065${String(stamp).slice(-9)}`;

    // --- The company: the owner, a manager who answers and sells, the team that routes to them, the WhatsApp number.
    const ownerEmail = uniqueEmail('fluxo-dona');
    const pair = await signupConfirmed({ company_name: `Fluxo completo E2E ${stamp}`, name: 'Dona Sônia', email: ownerEmail, password: PASSWORD });
    const token = pair.access_token;
    const manager = await inviteUser(token, { role: 'manager', name: 'Gabriel Gerente', password: PASSWORD, prefix: 'fluxo-gerente' });
    const managerMe = await api('/me', { token: manager.token });
    assert.equal(managerMe.status, 200, JSON.stringify(managerMe.body));
    const managerId = managerMe.body.user.id;

    const team = await api('/teams', { method: 'POST', token, body: { name: 'Comercial', members: [{ user_id: managerId, capacity: 10 }] } });
    assert.equal(team.status, 201, JSON.stringify(team.body));
    const queue = await api('/queues', { method: 'POST', token, body: { name: 'WhatsApp comercial', team_id: team.body.id, routing: 'round_robin' } });
    assert.equal(queue.status, 201, JSON.stringify(queue.body));

    const channel = await api('/channels', {
      method: 'POST',
      token,
      body: {
        kind: 'whatsapp',
        name: 'WhatsApp',
        team_id: team.body.id,
        config: { phone_number_id: phoneNumberId, base_url: `http://127.0.0.1:${HOOK_PORT}` },
        secrets: { access_token: ACCESS_TOKEN, app_secret: APP_SECRET },
      },
    });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    const hookPath = new URL(channel.body.webhook_url).pathname;
    assert.equal(hookPath, `/hooks/whatsapp/${channel.body.public_id}`);

    // The company's PIX key (the invoice's copia e cola is made from it).
    const settings = await api('/finance/settings', { method: 'PATCH', token, body: { pix_key: '529.982.247-25', merchant_city: 'São Paulo' } });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    // The default sales pipeline is made in the background at sign-up.
    await waitFor(() => api('/pipelines', { token }), (r) => r.status === 200 && r.body.length > 0, 'the default pipeline');

    // --- 9 (from the start): the owner's dashboard, in its own browser.
    const dash = await newPage(browser, { viewport: DESKTOP });
    contexts.push(dash.context);
    const support = area(dash.page, 'Atendimento');
    const salesArea = area(dash.page, 'Vendas');
    const financeArea = area(dash.page, 'Financeiro');
    await withScreenshot(dash.page, 'full-flow-dashboard-start', async () => {
      await signIn(dash.page, ownerEmail, PASSWORD);
      await dash.page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
      await kpi(support, 'Novas conversas').filter({ hasText: /^0$/ }).waitFor();
      await kpi(salesArea, 'Oportunidades criadas').filter({ hasText: /^0$/ }).waitFor();
      await kpi(financeArea, 'Recebido').filter({ hasText: /^R\$\s0,00$/ }).waitFor();
      await markPage(dash.page);
    });

    // --- 3 (before the message): the manager has the inbox open, on their own tickets, online.
    const inbox = await newPage(browser, { viewport: WIDE });
    contexts.push(inbox.context);
    const { page } = inbox;
    const ticketList = page.getByRole('list', { name: 'Tickets' });
    const thread = page.getByRole('log', { name: 'Conversa' });
    const panel = page.getByRole('complementary', { name: 'Cliente' });
    const sales = panel.getByRole('region', { name: 'Vendas' });
    await withScreenshot(page, 'full-flow-inbox-open', async () => {
      await signIn(page, manager.email, PASSWORD);
      await page.goto('/atendimento?visao=mine');
      await page.getByRole('heading', { level: 1, name: 'Atendimento' }).waitFor();
      // No conversation anywhere yet: the inbox says so plainly.
      await page.getByText('Nenhuma conversa em aberto.').waitFor();
      assert.equal(await page.getByLabel('Sua disponibilidade no atendimento').inputValue(), 'online');
      await markPage(page);
    });
    // Routing only picks online members: the inbox's socket announced it.
    await waitFor(
      () => api('/teams', { token }),
      (r) => r.status === 200 && r.body.some((t) => t.id === team.body.id && t.members.some((m) => m.user_id === managerId && m.presence === 'online')),
      'the manager online in the team',
    );

    // --- 1. The customer writes on WhatsApp: Meta posts the signed webhook.
    const body = whatsappWebhook({ phoneNumberId, waId, name: CUSTOMER, text: ASKS, messageId: `wamid.e2e.${stamp}` });
    const forged = await fetch(`${BASE_URL}${hookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', 'outro-segredo').update(body).digest('hex')}` },
      body,
    });
    assert.equal(forged.status, 401, 'a webhook not signed with the app secret is refused');
    const delivered = await fetch(`${BASE_URL}${hookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}` },
      body,
    });
    assert.equal(delivered.status, 200, await delivered.text());

    // --- 3. The ticket arrives in the manager's open inbox, routed to them, without a reload.
    const row = ticketList.getByRole('link', { name: new RegExp(escapeRegExp(ASKS)) });
    await withScreenshot(page, 'full-flow-inbox-live', async () => {
      await row.waitFor({ timeout: LIVE_MS });
      await row.getByText(CUSTOMER).waitFor();
      await assertSamePage(page, 'inbox');
    });
    const ticket = await waitForTicket(token, ASKS, { timeoutMs: LIVE_MS });
    assert.equal(ticket.channel_kind, 'whatsapp', JSON.stringify(ticket));
    assert.equal(ticket.customer_name, CUSTOMER, JSON.stringify(ticket));
    assert.equal(ticket.assignee_id, managerId, `routed to the team's online member: ${JSON.stringify(ticket)}`);
    assert.equal(ticket.team_id, team.body.id, JSON.stringify(ticket));

    // --- 2. Triage: what the customer wants, in the ticket's side panel.
    assert.equal(ticket.intent, 'comprar', JSON.stringify(ticket));
    assert.ok(ticket.sentiment, `the ticket has a sentiment: ${JSON.stringify(ticket)}`);
    const triage = panel.getByRole('region', { name: 'Triagem' });
    await withScreenshot(page, 'full-flow-triage', async () => {
      await row.click();
      await page.waitForURL(`**/atendimento/${ticket.id}**`);
      await thread.getByText(ASKS).waitFor();
      await triage.getByText('Comprar', { exact: true }).waitFor();
      await triage.getByText(/^Modelo inicial: intenção comprar/).waitFor();
    });

    // --- 9. The dashboard counted the new conversation, live.
    await withScreenshot(dash.page, 'full-flow-dashboard-conversation', async () => {
      await kpi(support, 'Novas conversas').filter({ hasText: /^1$/ }).waitFor({ timeout: LIVE_MS });
      await assertSamePage(dash.page, 'dashboard');
    });

    // --- 4. The manager answers; the Graph API sends it to the customer's number.
    await withScreenshot(page, 'full-flow-reply', async () => {
      const reply = page.getByRole('form', { name: 'Responder ao cliente' });
      await reply.getByRole('textbox', { name: 'Mensagem para o cliente' }).fill(REPLY);
      await reply.getByRole('button', { name: 'Enviar', exact: true }).click();
      const answer = thread.getByRole('article', { name: 'Resposta de Gabriel Gerente' }).filter({ hasText: REPLY });
      await answer.waitFor();
      // The delivery job got Graph's wamid: the ticks turn "Enviada" live.
      await answer.getByText('Enviada', { exact: true }).waitFor({ timeout: LIVE_MS });
    });
    const replied = await graph.waitForText(waId, (text) => text === REPLY, 'reply');
    assert.equal(replied.version, GRAPH_VERSION);
    assert.equal(replied.phoneNumberId, phoneNumberId);
    assert.equal(replied.authorization, `Bearer ${ACCESS_TOKEN}`);
    assert.equal(replied.body.messaging_product, 'whatsapp');

    // --- 5. The deal and the proposal from the conversation, sent in the chat.
    await withScreenshot(page, 'full-flow-deal', async () => {
      await sales.getByText('Nenhuma oportunidade criada nesta conversa.').waitFor();
      await sales.getByRole('button', { name: 'Criar oportunidade' }).click();
      const dialog = page.getByRole('dialog', { name: 'Nova oportunidade' });
      await dialog.getByText(CUSTOMER, { exact: true }).waitFor();
      assert.equal(await dialog.getByLabel(/^Título/).inputValue(), ASKS);
      await dialog.getByLabel(/^Título/).fill(DEAL);
      await dialog.getByLabel('Valor').fill('1.200,00');
      await dialog.getByRole('button', { name: 'Criar oportunidade' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const deals = sales.getByRole('list', { name: 'Oportunidades desta conversa' });
      await deals.getByRole('link', { name: DEAL }).waitFor();
      await deals.getByText('Em aberto').waitFor();
    });
    const deals = await api(`/opportunities?ticket_id=${ticket.id}`, { token });
    assert.equal(deals.status, 200, JSON.stringify(deals.body));
    assert.deepEqual(
      deals.body.items.map((d) => [d.title, d.value_cents, d.customer_id]),
      [[DEAL, 120_000, ticket.customer_id]],
    );
    const deal = deals.body.items[0];

    let proposalId;
    await withScreenshot(page, 'full-flow-proposal', async () => {
      await sales.getByRole('link', { name: 'Nova proposta' }).click();
      await page.waitForURL(/\/crm\/propostas\/nova\?/);
      await page.getByRole('heading', { level: 1, name: 'Nova proposta' }).waitFor();
      assert.equal(await page.getByRole('combobox', { name: 'Cliente' }).inputValue(), CUSTOMER);
      assert.equal(await page.getByLabel('Oportunidade').inputValue(), deal.id);
      assert.equal(await page.getByLabel(/^Título/).inputValue(), DEAL);
      const item = page.getByRole('group', { name: 'Item 1' });
      await item.getByRole('combobox', { name: /^Descrição/ }).fill(ITEM);
      await item.getByLabel(/^Preço unitário/).fill('1.200,00');
      // Paid once: the contract's invoice takes it whole.
      assert.equal(await item.getByLabel('Cobrança').inputValue(), 'one_time');
      await page.getByTestId('total').getByText(money('1.200,00')).waitFor();
      await page.getByRole('button', { name: 'Salvar' }).click();
      await page.waitForURL(/\/crm\/propostas\/[0-9a-f-]{36}$/);
      proposalId = new URL(page.url()).pathname.split('/').pop();
      await page.getByRole('heading', { level: 1, name: `PROP-0001 — ${DEAL}` }).waitFor();
      await page.getByRole('link', { name: 'Ver conversa' }).click();
      await page.waitForURL(`**/atendimento/${ticket.id}`);
    });

    const proposal = await api(`/proposals/${proposalId}`, { token });
    assert.equal(proposal.status, 200, JSON.stringify(proposal.body));
    assert.deepEqual([proposal.body.ticket_id, proposal.body.opportunity_id, proposal.body.total_cents], [ticket.id, deal.id, 120_000]);

    let proposalLink;
    await withScreenshot(page, 'full-flow-proposal-in-chat', async () => {
      const proposalRow = sales.getByRole('list', { name: 'Propostas desta conversa' }).getByRole('listitem').filter({ hasText: 'PROP-0001' });
      await proposalRow.getByText('Rascunho').waitFor();
      await proposalRow.getByRole('button', { name: 'Enviar no chat' }).click();
      await proposalRow.getByText('PROP-0001 enviada na conversa.').waitFor();
      const card = thread.getByRole('group', { name: 'Proposta PROP-0001' });
      await card.waitFor();
      await card.getByText(money('1.200,00')).waitFor();
      const href = await card.getByRole('link', { name: 'Abrir página do cliente' }).getAttribute('href');
      proposalLink = new URL(href).pathname;
      assert.match(proposalLink, /^\/p\/[^/]+$/);
    });
    // The customer's WhatsApp got the link (the delivery job called Graph).
    const proposalMessage = await graph.waitForText(waId, (text) => text.includes(proposalLink), 'message with the proposal link');
    const sentLink = proposalMessage.body.text.body.match(/https?:\/\/\S+\/p\/[^\s/]+/)?.[0];
    assert.ok(sentLink, proposalMessage.body.text.body);
    assert.equal(new URL(sentLink).pathname, proposalLink);
    assert.match(proposalMessage.body.text.body, /PROP-0001/);

    // --- 9. The dashboard: one deal created, from one conversation.
    await withScreenshot(dash.page, 'full-flow-dashboard-deal', async () => {
      await kpi(salesArea, 'Oportunidades criadas').filter({ hasText: /^1$/ }).waitFor({ timeout: LIVE_MS });
      await kpiCard(salesArea, 'Conversão de conversas').getByText('1 oportunidade criada em 1 conversa').waitFor({ timeout: LIVE_MS });
      await assertSamePage(dash.page, 'dashboard');
    });

    // --- 6. The customer opens the link from WhatsApp on a phone, with no session, and accepts.
    const phone = await newPage(browser, { viewport: PHONE });
    contexts.push(phone.context);
    await withScreenshot(phone.page, 'full-flow-public-accept', async () => {
      await phone.page.goto(`${BASE_URL}${new URL(sentLink).pathname}`);
      await phone.page.getByRole('heading', { level: 1, name: DEAL }).waitFor();
      await phone.page.getByText('PROP-0001').first().waitFor();
      await phone.page.getByText(ITEM).first().waitFor();
      await phone.page.getByRole('button', { name: 'Aceitar proposta' }).click();
      const form = phone.page.getByRole('form', { name: 'Aceitar proposta' });
      await form.getByLabel(/^Nome completo/).fill(CUSTOMER);
      await form.getByLabel('CPF ou CNPJ').pressSequentially('52998224725');
      assert.equal(await form.getByLabel('CPF ou CNPJ').inputValue(), '529.982.247-25');
      await form.getByRole('checkbox', { name: /Declaro que li e aceito/ }).check();
      await form.getByRole('button', { name: 'Confirmar aceite' }).click();
      await phone.page.getByText(/^Proposta aceita em \d{2}\/\d{2}\/\d{4}/).waitFor();
      const overflow = await phone.page.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    });

    // The manager's open conversation shows the acceptance, and the deal won, live.
    await withScreenshot(page, 'full-flow-accepted', async () => {
      const accepted = thread.getByRole('group', { name: 'Proposta aceita pelo cliente' });
      await accepted.waitFor({ timeout: LIVE_MS });
      await accepted.getByText('PROP-0001').waitFor();
      const proposalRow = sales.getByRole('list', { name: 'Propostas desta conversa' }).getByRole('listitem').filter({ hasText: 'PROP-0001' });
      await proposalRow.getByText('Aceita', { exact: true }).waitFor({ timeout: LIVE_MS });
      await sales.getByRole('list', { name: 'Oportunidades desta conversa' }).getByText('Ganho', { exact: true }).waitFor({ timeout: LIVE_MS });
    });

    // --- 7. The acceptance signed the contract; finance invoiced it. The owner's back office sees both.
    const office = await newPage(browser);
    contexts.push(office.context);
    let invoiceUrl;
    await withScreenshot(office.page, 'full-flow-contract', async () => {
      await signIn(office.page, ownerEmail, PASSWORD);
      await office.page.goto('/crm/contratos');
      const contractRow = office.page.getByRole('table', { name: 'Contratos' }).getByRole('row').filter({ hasText: CUSTOMER });
      await reloadUntilVisible(office.page, contractRow, { what: 'the accepted proposal’s contract' });
      await contractRow.getByText('Ativo', { exact: true }).waitFor();
      await contractRow.getByRole('link', { name: 'CT-0001' }).click();
      await office.page.getByRole('heading', { level: 1, name: `CT-0001 — ${DEAL}` }).waitFor();
      // Signed at the acceptance: nothing left to sign.
      const signedAt = office.page.locator('dt', { hasText: 'Assinado em' }).locator('xpath=following-sibling::dd[1]');
      assert.match(await signedAt.innerText(), /^\d{2}\/\d{2}\/\d{4}/);
      assert.equal(await office.page.getByRole('button', { name: 'Assinar' }).count(), 0);
      await office.page.getByRole('link', { name: 'Proposta aceita pelo cliente' }).waitFor();
      await office.page.getByTestId('contract-one-time').getByText(money('1.200,00')).waitFor();
    });
    await withScreenshot(office.page, 'full-flow-invoice-issued', async () => {
      await office.page.goto('/financeiro/faturas');
      const invoiceRow = office.page.getByRole('table', { name: 'Faturas' }).getByRole('row').filter({ hasText: CUSTOMER });
      await reloadUntilVisible(office.page, invoiceRow, { what: 'the signed contract’s invoice' });
      await invoiceRow.getByText('Em aberto').waitFor();
      await invoiceRow.getByRole('link', { name: 'FAT-0001' }).click();
      await office.page.waitForURL(/\/financeiro\/faturas\/[0-9a-f-]{36}$/);
      invoiceUrl = office.page.url();
      await office.page.getByTestId('amount-due').getByText(money('1.200,00')).waitFor();
    });
    const invoiceId = new URL(invoiceUrl).pathname.split('/').pop();
    const invoice = await api(`/invoices/${invoiceId}`, { token });
    assert.equal(invoice.status, 200, JSON.stringify(invoice.body));
    assert.equal(invoice.body.customer_id, ticket.customer_id, JSON.stringify(invoice.body));
    assert.ok(invoice.body.contract_id, `the contract's invoice: ${JSON.stringify(invoice.body)}`);
    const dueBr = invoice.body.due_date.split('-').reverse().join('/');

    // The invoice into the chat, from the conversation (still the same page).
    let payLink;
    await withScreenshot(page, 'full-flow-invoice-in-chat', async () => {
      const invoiceRow = sales.getByRole('list', { name: 'Faturas em aberto' }).getByRole('listitem').filter({ hasText: 'FAT-0001' });
      await invoiceRow.getByText(`Vencimento ${dueBr}`).waitFor({ timeout: LIVE_MS });
      await invoiceRow.getByText(money('1.200,00')).waitFor();
      await invoiceRow.getByRole('button', { name: 'Enviar no chat' }).click();
      await invoiceRow.getByText('FAT-0001 enviada na conversa.').waitFor();
      const card = thread.getByRole('group', { name: 'Fatura FAT-0001' });
      await card.waitFor();
      await card.getByText(money('1.200,00')).waitFor();
      payLink = new URL(await card.getByRole('link', { name: 'Abrir página de pagamento' }).getAttribute('href')).pathname;
      assert.match(payLink, /^\/fatura\/[^/]+$/);
    });
    const invoiceMessage = await graph.waitForText(waId, (text) => text.includes(payLink), 'message with the payment page');
    const pix = invoiceMessage.body.text.body.match(/PIX copia e cola:\n(.+)$/m)?.[1];
    assert.ok(pix, `the message carries the PIX copia e cola: ${invoiceMessage.body.text.body}`);
    assert.match(pix, /^000201/);
    assert.match(pix, /52998224725/, 'made from the company’s PIX key');

    // The customer opens the payment page from WhatsApp: the same PIX code.
    await withScreenshot(phone.page, 'full-flow-public-invoice', async () => {
      await phone.page.goto(payLink);
      await phone.page.getByRole('heading', { level: 1, name: 'Fatura FAT-0001' }).waitFor();
      await phone.page.getByTestId('public-amount-due').getByText(money('1.200,00')).waitFor();
      assert.equal(await phone.page.getByLabel('PIX copia e cola').inputValue(), pix);
    });

    // --- 8. The PIX arrived in the company's account: registered by hand in Financeiro.
    await withScreenshot(office.page, 'full-flow-register-payment', async () => {
      await office.page.goto(invoiceUrl);
      const actions = office.page.getByRole('group', { name: 'Ações da fatura' });
      await actions.getByRole('button', { name: 'Registrar pagamento' }).click();
      const dialog = office.page.getByRole('dialog', { name: 'Registrar pagamento de FAT-0001' });
      assert.equal(await dialog.getByLabel(/^Valor recebido/).inputValue(), '1.200,00');
      await dialog.getByLabel(/^Forma de pagamento/).selectOption('pix');
      await dialog.getByLabel('Referência').fill(`E2E-PIX-${stamp}`);
      await dialog.getByRole('button', { name: 'Registrar pagamento' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const heading = office.page.getByRole('heading', { level: 1, name: 'Fatura FAT-0001' });
      await heading.locator('xpath=..').getByText('Paga', { exact: true }).waitFor();
    });

    // The manager's open conversation: "Pagamento recebido", live; nothing left to pay.
    await withScreenshot(page, 'full-flow-paid-in-thread', async () => {
      const received = thread.getByRole('group', { name: 'Pagamento recebido' });
      await received.waitFor({ timeout: LIVE_MS });
      await received.getByText('Fatura FAT-0001').waitFor();
      await received.getByText(money('1.200,00')).waitFor();
      await thread
        .getByRole('article', { name: 'Nota interna de ConectCRM' })
        .filter({ has: page.getByRole('group', { name: 'Pagamento recebido' }) })
        .waitFor();
      await sales.getByText('Nenhuma fatura em aberto deste cliente.').waitFor({ timeout: LIVE_MS });
      // The whole sale happened in this one page: no reload since the inbox opened.
      await assertSamePage(page, 'inbox');
    });

    // The customer's payment page says it too.
    await withScreenshot(phone.page, 'full-flow-public-paid', async () => {
      await phone.page.reload();
      await phone.page.getByText('Fatura paga').waitFor();
      assert.equal(await phone.page.getByLabel('PIX copia e cola').count(), 0);
    });

    // --- 9. The dashboard, never reloaded: the deal won and the money received.
    await withScreenshot(dash.page, 'full-flow-dashboard-paid', async () => {
      await kpi(financeArea, 'Recebido').filter({ hasText: /^R\$\s1\.200,00$/ }).waitFor({ timeout: LIVE_MS });
      await kpi(salesArea, 'Ganhas').filter({ hasText: /^1$/ }).waitFor({ timeout: LIVE_MS });
      await kpi(support, 'Novas conversas').filter({ hasText: /^1$/ }).waitFor();
      await assertSamePage(dash.page, 'dashboard');
    });

    // Every message the customer's WhatsApp got went to their number, through the channel's business number.
    assert.ok(graph.sent.length >= 3, JSON.stringify(graph.sent.map((m) => m.body)));
    for (const message of graph.sent) {
      assert.equal(message.phoneNumberId, phoneNumberId);
      assert.equal(message.body.to, waId);
    }
  });
});
