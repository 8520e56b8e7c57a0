// The web-chat widget as the sites that embed it use it, each on a page
// served from another origin: under a CSP that leaves out `ws:` replies
// still arrive live (long-polling); a burst typed quickly reaches the inbox
// in order, a lost answer retried without a duplicate; a visitor who left
// finds the unread badge after a reload and gets the reply by e-mail with a
// link that reopens the conversation in another browser; the embedder's
// corner, offsets, title and agent name, the out-of-hours notice with
// e-mail capture; links clickable and safe; an over-long message refused
// with the limit; a rate-limited first request retried; and the script
// served compressed, revalidated by ETag, under a versioned URL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL,
  alwaysOpen,
  api,
  customerSite,
  failOnPageError,
  launchBrowser,
  missingConfig,
  signupConfirmed,
  uniqueEmail,
  visitorContext,
  waitForEmail,
  waitForTicket,
  withScreenshot,
} from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
/** Live updates go through a job and the outbox first. */
const LIVE_MS = 30_000;

async function company(name) {
  const email = uniqueEmail('widget-dono');
  const pair = await signupConfirmed({ company_name: name, name: 'Dona Helena', email, password: PASSWORD });
  await alwaysOpen(pair.access_token);
  return { token: pair.access_token };
}

async function webchat(owner, config = {}) {
  const created = await api('/channels', { method: 'POST', token: owner.token, body: { kind: 'webchat', name: 'Chat do site', config } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.public_id;
}

async function reply(owner, ticketId, text) {
  const sent = await api(`/tickets/${ticketId}/messages`, { method: 'POST', token: owner.token, body: { text } });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
}

/** The ticket's messages as the agent reads them, oldest first. */
async function thread(owner, ticketId) {
  const page = await api(`/tickets/${ticketId}/messages?limit=100`, { token: owner.token });
  assert.equal(page.status, 200, JSON.stringify(page.body));
  return page.body.items.map((m) => m.text).reverse();
}

describe('web-chat widget on other sites', () => {
  let browser;
  const cleanups = [];

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    await browser?.close();
  });

  async function visit(publicId, { websocket = true, attrs = {}, viewport } = {}) {
    const site = await customerSite(publicId, { websocket, attrs });
    cleanups.push(site.close);
    const context = await visitorContext(browser, viewport ? { viewport } : {});
    cleanups.push(() => context.close());
    const page = await context.newPage();
    failOnPageError(page, 'site');
    return { site, context, page };
  }

  test('the script is served compressed, revalidated by ETag, and loads a versioned bundle cached for a year', async () => {
    const loader = await fetch(`${BASE_URL}/widget.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(loader.status, 200);
    assert.equal(loader.headers.get('content-encoding'), 'br');
    assert.equal(loader.headers.get('cache-control'), 'public, max-age=300');
    const etag = loader.headers.get('etag');
    assert.ok(etag, 'an ETag');
    const source = await loader.text();
    const bundle = /widget\/chat\.[0-9a-f]{10}\.js/.exec(source)?.[0];
    assert.ok(bundle, `the loader names the versioned bundle: ${source}`);
    const again = await fetch(`${BASE_URL}/widget.js`, { headers: { 'accept-encoding': 'br, gzip', 'if-none-match': etag } });
    assert.equal(again.status, 304);
    const versioned = await fetch(`${BASE_URL}/${bundle}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(versioned.status, 200);
    assert.equal(versioned.headers.get('content-encoding'), 'gzip');
    assert.match(versioned.headers.get('cache-control') ?? '', /immutable/);
    assert.match(await versioned.text(), /webchat/);
  });

  test('under a CSP without ws: the socket falls back to long-polling and replies still arrive live', async () => {
    const owner = await company(`Widget CSP ${Date.now()}`);
    const publicId = await webchat(owner, { title: 'Loja Exemplo' });
    const { site, page } = await visit(publicId, { websocket: false });
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Abrir chat' }).click();
    const chat = page.getByRole('dialog', { name: 'Loja Exemplo' });
    const question = `Tem entrega hoje? ${Date.now()}`;
    await chat.getByLabel('Mensagem').fill(question);
    await chat.getByRole('button', { name: 'Enviar' }).click();
    const ticket = await waitForTicket(owner.token, question);
    await withScreenshot(page, 'widget-csp-polling', async () => {
      await reply(owner, ticket.id, 'Temos, até as 18h.');
      await chat.getByText('Temos, até as 18h.').waitFor({ timeout: LIVE_MS });
    });
    const violations = await page.evaluate(() => globalThis.__cspViolations);
    assert.ok(
      violations.some((v) => v.startsWith('connect-src') && v.includes('ws://')),
      `the site's policy did refuse the WebSocket: ${JSON.stringify(violations)}`,
    );
    assert.equal(await chat.getByText('Reconectando…').count(), 0, 'connected over polling, not stuck reconnecting');
  });

  test('a burst typed quickly reaches the inbox in order, and a message whose answer was lost is sent once', async () => {
    const owner = await company(`Widget rajada ${Date.now()}`);
    const publicId = await webchat(owner, { title: 'Loja Exemplo' });
    const { site, page } = await visit(publicId);
    // The third message's answer is lost on the way back: stored, but the widget sees a failure.
    let posts = 0;
    await page.route(`${BASE_URL}/api/v1/public/webchat/messages`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts += 1;
      if (posts === 3) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Abrir chat' }).click();
    const chat = page.getByRole('dialog', { name: 'Loja Exemplo' });
    const input = chat.getByLabel('Mensagem');
    const stamp = Date.now();
    const texts = Array.from({ length: 8 }, (_, i) => `rajada ${stamp} nº ${i + 1}`);
    for (const text of texts) {
      await input.fill(text);
      await input.press('Enter');
    }
    await withScreenshot(page, 'widget-burst-retry', async () => {
      await chat.getByRole('button', { name: 'Tentar novamente' }).click({ timeout: LIVE_MS });
    });
    const ticket = await waitForTicket(owner.token, texts[0]);
    const deadline = Date.now() + LIVE_MS;
    let got = [];
    while (Date.now() < deadline) {
      got = await thread(owner, ticket.id);
      if (got.length >= texts.length) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    assert.deepEqual(got, texts, 'in the order typed, each once');
  });

  test('a visitor who left finds the badge after a reload and gets the reply by e-mail, with a link that reopens the conversation', async () => {
    const owner = await company(`Widget volta ${Date.now()}`);
    const publicId = await webchat(owner, { title: 'Loja Exemplo', prechat: true });
    const { site, page } = await visit(publicId);
    const email = uniqueEmail('visitante');
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Abrir chat' }).click();
    const chat = page.getByRole('dialog', { name: 'Loja Exemplo' });
    await chat.getByLabel('Nome').fill('Rafael Moreira');
    await chat.getByLabel('E-mail').fill(email);
    await chat.getByRole('button', { name: 'Iniciar conversa' }).click();
    const question = `Meu pedido saiu? ${Date.now()}`;
    await chat.getByLabel('Mensagem').fill(question);
    await chat.getByRole('button', { name: 'Enviar' }).click();
    const ticket = await waitForTicket(owner.token, question);
    await chat.getByRole('button', { name: 'Fechar chat' }).click();

    await reply(owner, ticket.id, 'Saiu hoje cedo, chega amanhã.');
    const launcher = page.getByRole('button', { name: 'Abrir chat' });
    await page.getByText('1', { exact: true }).waitFor({ timeout: LIVE_MS });
    await page.reload();
    await withScreenshot(page, 'widget-unread-after-reload', async () => {
      await page.getByLabel('1 mensagem nova').waitFor();
    });
    assert.equal(await launcher.getAttribute('aria-describedby'), 'cc-unread');

    const { mail } = await waitForEmail(email, { subject: /nova resposta no chat/ });
    assert.match(mail.text, /Saiu hoje cedo, chega amanhã\./);
    const link = /https?:\/\/\S+\/webchat\/\S+#conversa=\S+/.exec(mail.text)?.[0];
    assert.ok(link, mail.text);
    const url = new URL(link);
    assert.equal(url.pathname, `/webchat/${publicId}`);

    // Another browser (no stored session): the link's page opens the same conversation.
    const elsewhere = await visitorContext(browser);
    cleanups.push(() => elsewhere.close());
    const phone = await elsewhere.newPage();
    failOnPageError(phone, 'chat page');
    await phone.goto(`${BASE_URL}${url.pathname}${url.hash}`);
    const reopened = phone.getByRole('dialog', { name: 'Loja Exemplo' });
    await withScreenshot(phone, 'widget-digest-link', async () => {
      await reopened.getByText('Saiu hoje cedo, chega amanhã.').waitFor();
    });
    await reopened.getByText(question).waitFor();
    assert.equal(new URL(phone.url()).hash, '', 'the token leaves the address bar');
  });

  test('the embedder’s corner, offsets and title, the agent’s name, the out-of-hours notice with e-mail capture, and safe links', async () => {
    const owner = await company(`Widget opções ${Date.now()}`);
    // Closed now: the only open day is two days from today.
    const today = Number(new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'America/Sao_Paulo' }).formatToParts(new Date())
      .map((p) => ({ Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 })[p.value]).find(Boolean));
    const openDay = ((today + 1) % 7) + 1;
    const hours = await api('/company', { method: 'PATCH', token: owner.token, body: { business_hours: [{ weekday: openDay, opens: '09:00', closes: '18:00' }] } });
    assert.equal(hours.status, 200, JSON.stringify(hours.body));
    const publicId = await webchat(owner, { title: 'Fale com a Loja', show_agent_name: true, offset_y: 96 });
    const viewport = { width: 1280, height: 800 };
    const { site, page } = await visit(publicId, { attrs: { 'data-position': 'left', 'data-offset-x': '32' }, viewport });
    await page.goto(site.url);
    const launcher = page.getByRole('button', { name: 'Abrir chat' });
    const box = await launcher.boundingBox();
    assert.ok(box, 'the launcher is shown');
    assert.equal(Math.round(box.x), 32, `left corner, 32 px in: ${JSON.stringify(box)}`);
    assert.equal(Math.round(viewport.height - box.y - box.height), 96, `96 px up: ${JSON.stringify(box)}`);

    await launcher.click();
    const chat = page.getByRole('dialog', { name: 'Fale com a Loja' });
    await withScreenshot(page, 'widget-out-of-hours', async () => {
      await chat.getByText(/Voltamos .+, \d{2}\/\d{2}, às 09:00\./).waitFor();
      await chat.getByText('Deixe seu e-mail para receber a resposta.').waitFor();
    });
    await chat.getByRole('button', { name: 'Iniciar conversa' }).click();
    await chat.getByText('Informe um e-mail válido.').waitFor();
    await chat.getByLabel('E-mail').fill(uniqueEmail('fora-do-horario'));
    await chat.getByRole('button', { name: 'Iniciar conversa' }).click();
    const question = `Vocês abrem sábado? ${Date.now()}`;
    await chat.getByLabel('Mensagem').fill(question);
    await chat.getByRole('button', { name: 'Enviar' }).click();
    const ticket = await waitForTicket(owner.token, question);

    await reply(owner, ticket.id, 'Veja em https://exemplo.com.br/horarios ou javascript:alert(1) — até já!');
    const link = chat.getByRole('link', { name: 'https://exemplo.com.br/horarios' });
    await link.waitFor({ timeout: LIVE_MS });
    assert.equal(await link.getAttribute('href'), 'https://exemplo.com.br/horarios');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await chat.getByRole('link').count(), 1, 'javascript: stays text');
    await chat.getByText('Dona', { exact: true }).waitFor();
  });

  test('a message over the limit is refused with the limit in pt-BR, and a rate-limited first request is retried', async () => {
    const owner = await company(`Widget limite ${Date.now()}`);
    const publicId = await webchat(owner, { title: 'Loja Exemplo' });
    const { site, page } = await visit(publicId);
    let configs = 0;
    await page.route(`${BASE_URL}/api/v1/public/webchat/${publicId}`, async (route) => {
      configs += 1;
      if (configs === 1) {
        return route.fulfill({
          status: 429,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '1', 'access-control-allow-origin': '*', 'access-control-expose-headers': 'retry-after' },
          body: JSON.stringify({ type: 'about:blank', title: 'Muitas tentativas', status: 429, detail: 'Tente novamente em 1 segundo.' }),
        });
      }
      return route.continue();
    });
    await page.goto(site.url);
    const launcher = page.getByRole('button', { name: 'Abrir chat' });
    await launcher.waitFor({ timeout: 10_000 });
    assert.equal(configs, 2, 'asked again after the 429');

    await launcher.click();
    const chat = page.getByRole('dialog', { name: 'Loja Exemplo' });
    const long = 'a'.repeat(5_001);
    await chat.getByLabel('Mensagem').fill(long);
    await chat.getByRole('button', { name: 'Enviar' }).click();
    await withScreenshot(page, 'widget-too-long', async () => {
      await chat.getByText('Sua mensagem tem 5.001 caracteres; o limite é 5.000.').waitFor();
    });
    assert.equal((await chat.getByLabel('Mensagem').inputValue()).length, 5_001, 'nothing cut');
    const tickets = await api('/tickets?view=all&status=any', { token: owner.token });
    assert.equal(tickets.body.items.length, 0, 'nothing sent');
  });
});
