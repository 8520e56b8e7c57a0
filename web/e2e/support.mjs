// Shared helpers for the browser tests: launching Debian's Chromium through
// playwright-core, Socket.IO clients that cannot wait forever, and reading
// the e-mails the server writes to its outbox.
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterEach } from 'node:test';

import { simpleParser } from 'mailparser';
import { chromium } from 'playwright-core';
import { io } from 'socket.io-client';

export const BASE_URL = (process.env.E2E_BASE_URL ?? '').replace(/\/$/, '');
export const OUTBOX_DIR = process.env.E2E_OUTBOX_DIR ?? '';
export const ARTIFACTS_DIR = new URL('./artifacts/', import.meta.url).pathname;

/** What is missing for the suite to run, or null. */
export function missingConfig() {
  const missing = [];
  if (!BASE_URL) missing.push('E2E_BASE_URL');
  if (!OUTBOX_DIR) missing.push('E2E_OUTBOX_DIR');
  return missing.length ? `set ${missing.join(' and ')} to run the browser tests` : null;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

// An uncaught error in a page fails the test that was running, even when
// every assertion after it passed: a crashed component is a bug, not noise.
const pageErrors = [];
afterEach(() => {
  if (pageErrors.length === 0) return;
  const errors = pageErrors.splice(0);
  throw new Error(`uncaught error in the page:\n${errors.join('\n')}`);
});

/** Records `page`'s uncaught errors so the running test fails (see above). */
export function failOnPageError(page, label = 'browser') {
  page.on('pageerror', (error) => {
    console.error(`[${label}] ${error.message}`);
    pageErrors.push(`[${label}] ${error.stack ?? error.message}`);
  });
}

/** A fresh, isolated browser profile (its own localStorage) with a desktop viewport. */
export async function newPage(browser, { viewport = { width: 1280, height: 800 } } = {}) {
  // A Brazilian business's people: their browsers keep São Paulo's calendar.
  const context = await browser.newContext({ baseURL: BASE_URL, viewport, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  failOnPageError(page);
  return { context, page };
}

/** How long a test waits for a socket to connect or an event to arrive. */
export const SOCKET_MS = 5_000;

/** A connected Socket.IO client, or a rejection (refused, or nothing after `timeoutMs`). */
export function connectSocket(token, { origin = BASE_URL, namespace = '', timeoutMs = SOCKET_MS } = {}) {
  return new Promise((resolve, reject) => {
    const socket = io(`${origin}${namespace}`, { auth: { token }, transports: ['websocket'], reconnection: false });
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no Socket.IO connection to ${origin}${namespace} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

/** The payload of the next `event` on `socket` that `accept`s, or a rejection after `timeoutMs`. */
export function nextEvent(socket, event, { accept = () => true, timeoutMs = SOCKET_MS } = {}) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} event within ${timeoutMs} ms`));
    }, timeoutMs);
    function listener(payload) {
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    }
    socket.on(event, listener);
  });
}

/** Keeps a screenshot of the page when a step fails, then rethrows. */
export async function withScreenshot(page, name, fn) {
  try {
    return await fn();
  } catch (error) {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true }).catch(() => {});
    throw error;
  }
}

export function uniqueEmail(prefix) {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  return `${prefix}-${stamp}@e2e.conectcrm.test`;
}

/**
 * Waits for an .eml addressed to `to` in the outbox and returns the first link
 * whose path matches `pathPattern`, rewritten onto E2E_BASE_URL (the server's
 * public URL setting may name another host for the same server).
 */
export async function waitForEmailLink(to, pathPattern, { timeoutMs = 20_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const seen = new Set();
  const wanted = to.toLowerCase();
  while (Date.now() < deadline) {
    let names = [];
    try {
      names = (await readdir(OUTBOX_DIR, { recursive: true })).filter((name) => name.endsWith('.eml'));
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
    for (const name of names) {
      if (seen.has(name)) continue;
      const path = join(OUTBOX_DIR, name);
      if (!(await stat(path)).isFile()) continue;
      const mail = await simpleParser(await readFile(path));
      const recipients = [mail.to].flat().filter(Boolean).flatMap((group) => group.value ?? []);
      if (!recipients.some((address) => address.address?.toLowerCase() === wanted)) {
        seen.add(name); // complete and for someone else
        continue;
      }
      const bodies = [mail.text ?? '', typeof mail.html === 'string' ? mail.html : ''].join('\n');
      for (const match of bodies.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
        const url = new URL(match[0].replace(/&amp;/g, '&'));
        if (pathPattern.test(url.pathname)) return `${BASE_URL}${url.pathname}${url.search}`;
      }
      seen.add(name);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no e-mail to ${to} with a link matching ${pathPattern} in ${OUTBOX_DIR} after ${timeoutMs} ms`);
}

/**
 * Waits for an .eml addressed to `to` whose subject matches `subject` and
 * returns it parsed by mailparser (text, html, attachments), with its links
 * whose path matches `pathPattern` rewritten onto E2E_BASE_URL.
 */
export async function waitForEmail(to, { subject = /./, pathPattern = /./, timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const seen = new Set();
  const wanted = to.toLowerCase();
  while (Date.now() < deadline) {
    let names = [];
    try {
      names = (await readdir(OUTBOX_DIR, { recursive: true })).filter((name) => name.endsWith('.eml'));
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
    for (const name of names) {
      if (seen.has(name)) continue;
      const path = join(OUTBOX_DIR, name);
      if (!(await stat(path)).isFile()) continue;
      const mail = await simpleParser(await readFile(path));
      const recipients = [mail.to].flat().filter(Boolean).flatMap((group) => group.value ?? []);
      if (recipients.length === 0) continue; // still being written
      seen.add(name);
      if (!recipients.some((address) => address.address?.toLowerCase() === wanted)) continue;
      if (!subject.test(mail.subject ?? '')) continue;
      const bodies = [mail.text ?? '', typeof mail.html === 'string' ? mail.html : ''].join('\n');
      const links = [];
      for (const match of bodies.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
        const url = new URL(match[0].replace(/&amp;/g, '&'));
        if (pathPattern.test(url.pathname)) links.push(`${BASE_URL}${url.pathname}${url.search}`);
      }
      return { mail, links };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no e-mail to ${to} with a subject matching ${subject} in ${OUTBOX_DIR} after ${timeoutMs} ms`);
}

/**
 * Calls the API as a test's user (or without a token): `{status, body}`
 * with the body's JSON, whatever the status. Every spec had its own copy;
 * new specs use this one.
 */
export async function api(path, { method = 'GET', token, visitor, body, headers = {} } = {}) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      // A web-chat visitor's token.
      ...(visitor ? { 'x-visitor-token': visitor } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/**
 * Signs up a company through the API and confirms the e-mailed link (which
 * signs the owner in); returns the token pair. Sign-up answers 202 alike for
 * free and taken addresses, so the link is the only way to its tokens.
 */
export async function signupConfirmed({ company_name, name, email, password }) {
  const signup = await fetch(`${BASE_URL}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ company_name, name, email, password }),
  });
  if (signup.status !== 202) throw new Error(`signup: ${signup.status} ${await signup.text()}`);
  const link = await waitForEmailLink(email, /^\/confirmar-email\//);
  const token = decodeURIComponent(new URL(link).pathname.split('/').pop());
  const confirmed = await fetch(`${BASE_URL}/api/v1/auth/confirm-email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (confirmed.status !== 200) throw new Error(`confirm-email: ${confirmed.status} ${await confirmed.text()}`);
  return confirmed.json();
}

/**
 * A web-chat conversation kept open, as the widget keeps it: returns a
 * function that writes the visitor's next message. The pre-chat form's
 * name and e-mail (`visitor`), when given, travel with each message.
 */
export async function startChat(publicId, visitor = {}) {
  const session = await api(`/public/webchat/${publicId}/sessions`, { method: 'POST', body: {} });
  assert.equal(session.status, 201, JSON.stringify(session.body));
  let n = 0;
  return async (text) => {
    n += 1;
    const sent = await api('/public/webchat/messages', {
      method: 'POST',
      visitor: session.body.token,
      body: { client_id: `e2e-chat-${Date.now()}-${n}`, text, ...visitor },
    });
    assert.ok(sent.status < 300, JSON.stringify(sent.body));
  };
}

/**
 * Invites someone with `role` and accepts the e-mailed invitation through
 * the API; returns their e-mail (the password is the given one) and token.
 */
export async function inviteUser(ownerToken, { role, name, password, prefix = role }) {
  const email = uniqueEmail(prefix);
  const invite = await api('/invitations', { method: 'POST', token: ownerToken, body: { email, role } });
  assert.equal(invite.status, 201, JSON.stringify(invite.body));
  const link = await waitForEmailLink(email, /^\/convite\/[^/]+$/);
  const token = decodeURIComponent(new URL(link).pathname.split('/').pop());
  const accepted = await api('/auth/invitations/accept', { method: 'POST', body: { token, name, password } });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  return { email, token: accepted.body.access_token };
}

/** A visitor of the company's site writes in the web chat (a new conversation each time). */
export async function visitorWrites(publicId, text) {
  const write = await startChat(publicId);
  await write(text);
}

/** The company's ticket with this subject, once the intake job made it (jobs run in the background). */
export async function waitForTicket(token, subject, { timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { body } = await api('/tickets?view=all&status=any', { token });
    const found = body?.items?.find((t) => t.subject === subject);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no ticket "${subject}" within ${timeoutMs} ms`);
}

/**
 * Signs in through the login page and waits for `landing`, the role's start
 * page: the Painel (/dashboard) for owners, admins and managers, the inbox
 * (/atendimento) for agents, the pipeline (/crm/oportunidades) for sales and
 * /financeiro for finance.
 */
export async function signIn(page, email, password, landing = '**/dashboard') {
  await page.goto('/entrar');
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Senha/).fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL(landing);
}

/** From a signed-in page of a company without flows: opens Automação and
 * the editor of a new flow with its name and trigger; returns the editor. */
export async function newFlowEditor(page, name, triggerLabel) {
  await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Automação' }).click();
  await page.waitForURL('**/automacao');
  await page.getByText('Nenhum fluxo ainda').waitFor();
  await page.getByRole('button', { name: 'Novo fluxo' }).click();
  const editor = page.getByRole('form', { name: 'Novo fluxo' });
  await editor.getByLabel(/^Nome/).fill(name);
  await editor.getByLabel(/^Quando acontecer/).selectOption({ label: triggerLabel });
  return editor;
}

/**
 * Opens the company around the clock (no business hours), so a test of the
 * web chat does not depend on the hour it runs at: outside the hours the
 * widget asks for an e-mail first.
 */
export async function alwaysOpen(token) {
  const open = await api('/company', { method: 'PATCH', token, body: { business_hours: [] } });
  assert.equal(open.status, 200, JSON.stringify(open.body));
}

/**
 * A customer's website embedding the widget: another origin (its own port),
 * with CSS hostile to it, in ISO-8859-1 like many older sites (the widget's
 * script must not depend on the page's charset), and a strict
 * Content-Security-Policy that allows only our origin and no inline styles
 * but its own. `websocket: false` leaves `ws:` out of connect-src, as many
 * embedders' policies do; `attrs` are more attributes of the script tag.
 */
export function customerSite(channel, { websocket = true, attrs = {} } = {}) {
  const nonce = Math.random().toString(36).slice(2);
  const ws = BASE_URL.replace(/^http/, 'ws');
  const csp = [
    "default-src 'self'",
    `script-src ${BASE_URL}`,
    `style-src 'nonce-${nonce}'`,
    `connect-src ${BASE_URL}${websocket ? ` ${ws}` : ''}`,
    "img-src 'self'",
  ].join('; ');
  const extra = Object.entries(attrs)
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
  const html = `<!doctype html>
<html lang="pt-BR">
<head>
  <meta charset="iso-8859-1">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Loja Exemplo</title>
  <style nonce="${nonce}">
    /* A site's own CSS must not reach the widget (it renders in a shadow root). */
    * { font-size: 28px !important; color: #c026d3 !important; letter-spacing: 3px; }
    button, input, textarea { display: none !important; }
    div { border: 3px dashed orange; }
  </style>
</head>
<body>
  <h1>Loja Exemplo</h1>
  <p>Móveis planejados com entrega para todo o estado.</p>
  <script src="${BASE_URL}/widget.js" data-channel="${channel}"${extra} async></script>
</body>
</html>`;
  const server = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1', 'content-security-policy': csp });
      res.end(Buffer.from(html, 'latin1'));
    } else {
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** A browser context for a visitor, recording what the site's CSP refuses (`globalThis.__cspViolations`). */
export async function visitorContext(browser, options = {}) {
  const context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', ...options });
  context.setDefaultTimeout(15_000);
  await context.addInitScript(() => {
    globalThis.__cspViolations = [];
    globalThis.document.addEventListener('securitypolicyviolation', (event) => {
      globalThis.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return context;
}
