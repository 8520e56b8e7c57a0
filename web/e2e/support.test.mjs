// Browser test of the support flow against a running server that serves the
// built app and widget (see web/README.md). A customer's website — served
// here from another origin — embeds the web-chat widget; a visitor on a
// phone fills the pre-chat form and asks something; the agent sees the new
// ticket in the inbox live (Socket.IO, no reload), answers, and the reply
// reaches the widget live; the conversation survives a reload of the site.
// An e-mail posted to the channel's inbound endpoint shows up in the inbox
// live, too. A second test checks with the real Socket.IO client that
// another company can neither join nor overhear the ticket's events.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL,
  alwaysOpen,
  connectSocket,
  customerSite,
  failOnPageError,
  launchBrowser,
  missingConfig,
  newPage,
  nextEvent,
  signupConfirmed,
  uniqueEmail,
  visitorContext,
  withScreenshot,
} from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

// A second node of the same deployment (same database and Redis), started by test.sh.
const SECOND_NODE = (process.env.E2E_BASE_URL_2 ?? '').replace(/\/$/, '');

const PASSWORD = 'senha-forte-2026';
const PHONE = { width: 390, height: 844 };
const QUESTION = 'Vocês entregam em Campinas?';
const REPLY = 'Entregamos sim! Frete grátis.';
const GREETING = 'Olá! Como podemos ajudar?';
const VISITOR = { name: 'Rafael Moreira', email: uniqueEmail('visitante') };
const EMAIL_SUBJECT = 'Nota fiscal de novembro';
/** Live updates: the visitor's message and the e-mail go through a job and the outbox first. */
const LIVE_MS = 30_000;

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

async function signupOwner(companyName) {
  const email = uniqueEmail('sup-dono');
  const body = await signupConfirmed({ company_name: companyName, name: 'Dona Helena', email, password: PASSWORD });
  const me = await api('/me', { token: body.access_token });
  assert.equal(me.status, 200, JSON.stringify(me.body));
  await alwaysOpen(body.access_token);
  return { email, token: body.access_token, tenantId: me.body.company.id };
}

async function login(page, email) {
  await page.goto('/entrar');
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Senha/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL('**/dashboard');
}

/** A raw e-mail as any MIME forwarder posts it. */
function rawEmail({ from, to, subject, text }) {
  const id = `<${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}@cliente.com.br>`;
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: ${id}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    '',
  ].join('\r\n');
}

/** The ticket with this subject, once the server's job has opened it. */
async function waitForTicket(token, subject) {
  const deadline = Date.now() + LIVE_MS;
  for (;;) {
    const { status, body } = await api('/tickets?view=all&status=any', { token });
    assert.equal(status, 200, JSON.stringify(body));
    const ticket = body.items.find((t) => t.subject === subject);
    if (ticket) return ticket;
    if (Date.now() > deadline) throw new Error(`no ticket "${subject}" after ${LIVE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What the first test leaves for the isolation test. */
const shared = {};

describe('support', () => {
  let browser;
  const cleanups = [];

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    await browser?.close();
  });

  test('a visitor chats from a customer’s site on a phone, the agent answers from the inbox live, and an inbound e-mail appears live', async () => {
    const owner = await signupOwner(`Suporte E2E ${Date.now()}`);

    // The widget is served as JavaScript by the app's server.
    const script = await fetch(`${BASE_URL}/widget.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.match(await script.text(), /webchat/);

    const channel = await api('/channels', {
      method: 'POST',
      token: owner.token,
      body: { kind: 'webchat', name: 'Site', config: { title: 'Site', greeting: GREETING, prechat: true } },
    });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    const publicId = channel.body.public_id;
    assert.ok(publicId, 'the webchat channel has a public id');

    const site = await customerSite(publicId);
    cleanups.push(site.close);
    assert.notEqual(new URL(site.url).origin, new URL(BASE_URL).origin, 'the site is another origin');

    // A: the agent (the owner) in the inbox.
    const a = await newPage(browser);
    cleanups.push(() => a.context.close());
    const agent = a.page;
    const ticketList = agent.getByRole('list', { name: 'Tickets' });
    await withScreenshot(agent, 'support-inbox-open', async () => {
      await login(agent, owner.email);
      await agent.goto('/atendimento');
      await agent.getByRole('heading', { level: 1, name: 'Atendimento' }).waitFor();
      // "Todos" (an owner's default view): the new ticket has no one assigned.
      const all = agent.getByRole('group', { name: 'Visão' }).getByRole('button', { name: /^Todos/ });
      if ((await all.getAttribute('aria-pressed')) !== 'true') await all.click();
      await agent.getByText('Nenhuma conversa em aberto.').waitFor();
      // Every later check on this page happens without a reload.
      await agent.evaluate(() => {
        globalThis.__e2eNoReload = true;
      });
    });

    // B: the visitor on a phone, on the customer's site.
    // Anything the site's CSP refuses (an inline style, a connection) is recorded.
    const siteContext = await visitorContext(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    cleanups.push(() => siteContext.close());
    const visitor = await siteContext.newPage();
    failOnPageError(visitor, 'site');
    visitor.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.error(`[site console] ${message.text()}`);
    });
    const chat = visitor.getByRole('dialog', { name: 'Site' });

    await withScreenshot(visitor, 'support-widget-prechat', async () => {
      await visitor.goto(site.url);
      const launcher = visitor.getByRole('button', { name: 'Abrir chat' });
      await launcher.waitFor();
      // The site's CSS (buttons hidden, huge fonts) does not reach it: a 60px bubble at the bottom right.
      const bubble = await launcher.boundingBox();
      assert.ok(bubble, 'the bubble is visible');
      assert.equal(Math.round(bubble.width), 60);
      assert.ok(bubble.x + bubble.width > PHONE.width - 40 && bubble.y + bubble.height > PHONE.height - 40, JSON.stringify(bubble));

      await launcher.click();
      await chat.waitFor();
      // Full screen on a phone (measured once its opening animation is over).
      await chat.evaluate((panel) => Promise.all(panel.getAnimations().map((animation) => animation.finished)));
      const panel = await chat.boundingBox();
      assert.deepEqual(
        [panel.x, panel.y, panel.width, panel.height].map(Math.round),
        [0, 0, PHONE.width, PHONE.height],
        'the panel fills the phone screen',
      );
      await chat.getByText(GREETING).waitFor();
      await chat.getByText('Antes de começar, diga como podemos chamar você.').waitFor();
      await chat.getByRole('textbox', { name: 'Nome' }).fill(VISITOR.name);
      await chat.getByRole('textbox', { name: 'E-mail' }).fill(VISITOR.email);
      await chat.getByRole('button', { name: 'Iniciar conversa' }).click();
    });

    const log = chat.getByRole('log', { name: 'Mensagens' });
    await withScreenshot(visitor, 'support-widget-send', async () => {
      const input = chat.getByRole('textbox', { name: 'Mensagem' });
      await input.fill(QUESTION);
      await input.press('Enter');
      // Shown at once (optimistically), then accepted by the server.
      await log.getByText(QUESTION).waitFor();
      await log.getByText('Enviando…').waitFor({ state: 'detached' });
      assert.equal(await log.getByText('Não enviada.').count(), 0);
      assert.equal(await input.inputValue(), '');
      assert.deepEqual(await visitor.evaluate(() => globalThis.__cspViolations), [], 'nothing refused by the site’s CSP');
    });

    // The server opened a ticket for it, with the pre-chat name as the customer.
    const stored = await visitor.evaluate((key) => globalThis.localStorage.getItem(key), `conectcrm.webchat.${publicId}`);
    assert.ok(stored && JSON.parse(stored).token, 'the visitor token is kept in the site’s localStorage');
    const first = await waitForTicket(owner.token, QUESTION);
    assert.equal(first.customer_name, VISITOR.name);
    Object.assign(shared, { owner, ticketId: first.id, visitorToken: JSON.parse(stored).token });

    // A: the new ticket arrives live; the agent opens it and answers.
    await withScreenshot(agent, 'support-inbox-live-ticket', async () => {
      const ticket = ticketList.getByRole('link', { name: new RegExp(QUESTION.replace('?', '\\?')) });
      await ticket.waitFor({ timeout: LIVE_MS });
      await ticket.getByText(VISITOR.name).waitFor();
      await ticket.click();
      await agent.waitForURL(`**/atendimento/${shared.ticketId}**`);
      await agent.getByRole('log', { name: 'Conversa' }).getByText(QUESTION).waitFor();
    });

    await withScreenshot(agent, 'support-inbox-reply', async () => {
      const reply = agent.getByRole('form', { name: 'Responder ao cliente' });
      const composer = reply.getByRole('textbox', { name: 'Mensagem para o cliente' });
      // Typed over a few seconds: the agent's "typing" (sent at most every 2 s) reaches the visitor.
      await composer.click();
      await composer.pressSequentially(REPLY, { delay: 100 });
      await withScreenshot(visitor, 'support-widget-typing', () => chat.getByText('digitando…').waitFor({ timeout: 10_000 }));
      await reply.getByRole('button', { name: 'Enviar', exact: true }).click();
      await agent.getByRole('log', { name: 'Conversa' }).getByText(REPLY).waitFor();
    });

    await withScreenshot(visitor, 'support-widget-reply', async () => {
      await log.getByText(REPLY).waitFor({ timeout: LIVE_MS });
      // The reload keeps the conversation (the token is in the site's localStorage).
      await visitor.reload();
      await visitor.getByRole('button', { name: 'Abrir chat' }).click();
      await log.getByText(QUESTION).waitFor();
      await log.getByText(REPLY).waitFor();
      assert.equal(await chat.getByRole('textbox', { name: 'Nome' }).count(), 0, 'no pre-chat form again');
      assert.equal(await log.getByText(QUESTION).count(), 1, 'the question once, not duplicated');
      await chat.getByRole('button', { name: 'Fechar chat' }).click();
      await visitor.getByRole('button', { name: 'Abrir chat' }).waitFor();
    });

    // An e-mail to the company's support address, posted by a MIME forwarder.
    const emailChannel = await api('/channels', {
      method: 'POST',
      token: owner.token,
      body: { kind: 'email', name: 'Suporte', config: { address: 'suporte@empresa.com.br' } },
    });
    assert.equal(emailChannel.status, 201, JSON.stringify(emailChannel.body));
    // The inbound token is sealed; the owner sees it whole as `inbound_secret`.
    const { webhook_url: webhookUrl, inbound_secret: inboundSecret } = emailChannel.body;
    assert.ok(webhookUrl && inboundSecret, JSON.stringify(emailChannel.body));
    const hook = new URL(webhookUrl);
    const posted = await fetch(`${BASE_URL}${hook.pathname}?token=${encodeURIComponent(inboundSecret)}`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: rawEmail({
        from: 'Carla <carla@cliente.com.br>',
        to: 'suporte@empresa.com.br',
        subject: EMAIL_SUBJECT,
        text: 'Olá! Podem me enviar a nota fiscal de novembro? Obrigada, Carla.',
      }),
    });
    assert.equal(posted.status, 200, await posted.text());

    await withScreenshot(agent, 'support-inbox-email', async () => {
      const email = ticketList.getByRole('link', { name: new RegExp(EMAIL_SUBJECT) });
      await email.waitFor({ timeout: LIVE_MS });
      await email.getByText('Carla').waitFor();
    });

    // Every update above arrived without reloading the inbox.
    assert.equal(await agent.evaluate(() => globalThis.__e2eNoReload), true, 'the inbox was not reloaded');
  });

  test('another company cannot join the ticket’s room nor hear its events', async () => {
    assert.ok(shared.ticketId, 'needs the ticket of the previous test');
    const { owner, ticketId } = shared;
    const other = await signupOwner(`Outra Empresa E2E ${Date.now()}`);
    const sockets = [];
    try {
      const intruder = await connectSocket(other.token);
      sockets.push(intruder);
      const overheard = [];
      intruder.onAny((event, payload) => overheard.push({ event, payload }));

      const answer = await intruder.timeout(5_000).emitWithAck('join', { room: `ticket:${ticketId}` });
      assert.deepEqual(answer, { ok: false });
      const tenantAnswer = await intruder.timeout(5_000).emitWithAck('join', { room: `tenant:${owner.tenantId}` });
      assert.deepEqual(tenantAnswer, { ok: false });
      // An agent's access token is no visitor token.
      await assert.rejects(connectSocket(other.token, { namespace: '/webchat' }));

      // Company A hears its own ticket's events (on the second node when there is one: through Redis).
      const own = await connectSocket(owner.token, { origin: SECOND_NODE || BASE_URL });
      sockets.push(own);
      const heard = nextEvent(own, 'MessageReceived', { accept: (p) => p?.ticket_id === ticketId, timeoutMs: LIVE_MS });

      // The ticket gets messages: an agent reply and the visitor writing again.
      const reply = await api(`/tickets/${ticketId}/messages`, { method: 'POST', token: owner.token, body: { text: 'Mais alguma dúvida?' } });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const visitorMessage = await fetch(`${BASE_URL}/api/v1/public/webchat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-visitor-token': shared.visitorToken },
        // As the widget does: the pre-chat name and e-mail with every message.
        body: JSON.stringify({ client_id: crypto.randomUUID(), text: 'Não, obrigado!', ...VISITOR }),
      });
      assert.equal(visitorMessage.status, 202, await visitorMessage.text());
      await heard;
      // Give a misrouted event time to arrive before asserting it did not.
      await new Promise((resolve) => setTimeout(resolve, 800));
      const leaked = overheard.filter(({ payload }) => {
        const text = JSON.stringify(payload ?? null);
        return text.includes(ticketId) || text.includes(owner.tenantId);
      });
      assert.deepEqual(leaked, [], 'no event of company A reached company B');
    } finally {
      sockets.forEach((socket) => socket.close());
    }
  });
});
