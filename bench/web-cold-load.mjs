// Cold load of the web app in a real browser (not a test): how many bytes a
// first visit downloads and how long until the page shows its content.
//
//   node bench/web-cold-load.mjs                  (from the repository root)
//
// The server: CONECTCRM_URL=http://127.0.0.1:3411 measures one already
// running (it must serve the web build you want to measure, web/dist, and
// know the user below). Without CONECTCRM_URL the script starts its own, as
// bench/lib.sh does: CONECTCRM_BIN (or a release build made here), a fresh
// database conectcrm_bench_web_cold, `migrate`, `serve --no-worker` on PORT
// (3412) and `seed-demo`. Build the web app first (cd web && npm run build):
// the server reads web/dist from disk.
//
// Who signs in: CONECTCRM_EMAIL / CONECTCRM_PASSWORD (the demo owner,
// demo@conectcrm.com.br / demo-conect-2026, by default; an owner sees every
// page measured).
//
// Other settings: RUNS (3; the table shows the median of each column),
// PAGES (/atendimento,/financeiro,/dashboard; also /atendimento/:ticket, the
// newest ticket until its "Vendas" block shows), PROFILES (throttled,unthrottled),
// CHROMIUM_PATH (/usr/bin/chromium), BENCH_JSON=file to keep every run
// (with each load's requests: start, end, bytes), WATERFALL=1 to print the
// first run's requests of each load.
//
// Each run:
//   1. A fresh Chromium context (nothing cached, no session), the HTTP cache
//      disabled through CDP and, for "throttled", CDP network emulation of a
//      slow mobile connection (1.6 Mbps down, 750 kbps up, 150 ms RTT, as
//      Lighthouse's mobile throttling). Loads /entrar (measured), signs in.
//   2. For each page: another fresh context with only the session's storage
//      (the refresh token in localStorage), so the page is a cold load with
//      new connections and an empty cache, signed in.
// Measured per load, from the navigation's start:
//   - time to content: the page's <h1> (its expected text) is in the
//     document and visible, seen by a MutationObserver in the page;
//   - settled: the last request finished (the network then quiet for 1 s);
//   - requests, bytes transferred (CDP Network.loadingFinished
//     encodedDataLength: compressed body plus headers), of which JavaScript
//     (transferred, and decoded: what the browser parses).
// The realtime connection (/socket.io: a long poll, then a WebSocket) is
// left out: it never "finishes".
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(new URL('../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const RUNS = Number(process.env.RUNS ?? 3);
const EMAIL = process.env.CONECTCRM_EMAIL ?? 'demo@conectcrm.com.br';
const PASSWORD = process.env.CONECTCRM_PASSWORD ?? 'demo-conect-2026';
const PAGES = (process.env.PAGES ?? '/atendimento,/financeiro,/dashboard').split(',').filter(Boolean);
const PROFILE_NAMES = (process.env.PROFILES ?? 'throttled,unthrottled').split(',').filter(Boolean);

/** The heading that means "the page is there", per path: its <h1>, unless a selector is given. */
const HEADINGS = {
  '/entrar': 'Entrar',
  '/atendimento': 'Atendimento',
  '/financeiro': 'Financeiro',
  '/dashboard': 'Painel',
  '/crm/clientes': 'Clientes',
  '/automacao': 'Automação',
  // The newest ticket opened in the inbox, until its side panel shows the
  // CRM's "Vendas" block (the ticket's whole side panel, other features' code included).
  '/atendimento/:ticket': ['h3', 'Vendas'],
};

const PROFILES = {
  throttled: {
    label: 'throttled (1.6 Mbps down, 750 kbps up, 150 ms RTT)',
    conditions: { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 },
  },
  unthrottled: { label: 'unthrottled (loopback)', conditions: null },
};

// --- the server -----------------------------------------------------------

async function startServer() {
  const port = process.env.PORT ?? '3412';
  const base = `http://127.0.0.1:${port}`;
  let bin = process.env.CONECTCRM_BIN;
  if (!bin) {
    const built = spawnSync('cargo', ['build', '--release', '-q', '--bin', 'conectcrm'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, SQLX_OFFLINE: 'true' },
    });
    if (built.status !== 0) throw new Error('cargo build failed');
    bin = join(root, 'target/release/conectcrm');
  }
  const pg = process.env.PG ?? 'postgres://postgres@127.0.0.1:5432';
  const db = 'conectcrm_bench_web_cold';
  const data = mkdtempSync(join(tmpdir(), 'conectcrm-cold-'));
  const env = {
    ...process.env,
    DATABASE_URL: `${pg}/${db}`,
    CONECTCRM_DATA_DIR: data,
    CONECTCRM_BIND: `127.0.0.1:${port}`,
    FRONTEND_URL: base,
    AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
    RUST_LOG: 'warn',
  };
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  };
  run('psql', [`${pg}/postgres`, '-qc', `drop database if exists ${db} with (force)`, '-c', `create database ${db}`]);
  run(bin, ['migrate']);
  const log = openSync(join(data, 'server.log'), 'w');
  const server = spawn(bin, ['serve', '--skip-migrations', '--no-worker'], { cwd: root, env, stdio: ['ignore', log, log] });
  for (let i = 0; ; i++) {
    const ready = await fetch(`${base}/health/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i > 300) throw new Error(`the server did not start; see ${data}/server.log`);
    await new Promise((r) => setTimeout(r, 100));
  }
  run(bin, ['seed-demo', '--email', EMAIL, '--password', PASSWORD]);
  return {
    base,
    binary: bin,
    stop() {
      server.kill();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

// --- one cold load --------------------------------------------------------

/** Runs in the page before its scripts: notes when the expected heading is visible. */
function watchHeading([selector, expected]) {
  const state = { content: null };
  window.__coldLoad = state;
  const check = () => {
    if (state.content !== null) return;
    for (const heading of document.querySelectorAll(selector)) {
      if (heading.textContent.trim() === expected && heading.checkVisibility()) {
        state.content = performance.now();
        observer.disconnect();
        return;
      }
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

const isRealtime = (url) => new URL(url).pathname.startsWith('/socket.io');

async function openContext(browser, base, profile, storageState) {
  const context = await browser.newContext({
    baseURL: base,
    storageState,
    viewport: { width: 1366, height: 768 },
    locale: 'pt-BR',
    timezoneId: 'America/Sao_Paulo',
  });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile.conditions) await cdp.send('Network.emulateNetworkConditions', profile.conditions);

  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.startsWith('data:')) return;
    const known = requests.get(e.requestId);
    if (known) known.redirects += 1; // same id, followed redirect
    else requests.set(e.requestId, { url: e.request.url, type: e.type, start: e.timestamp, end: null, encoded: 0, decoded: 0, redirects: 0 });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.type = e.type;
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) {
      r.encoded = e.encodedDataLength;
      r.end = e.timestamp;
    }
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    if (r) {
      r.end = e.timestamp;
      r.failed = true;
    }
  });
  return { context, page, requests };
}

/** Navigates to `path` and measures until content, then until the network is quiet. */
async function measure(page, requests, path, url = path) {
  const heading = HEADINGS[path];
  if (!heading) throw new Error(`no expected heading for ${path}: add it to HEADINGS`);
  await page.addInitScript(watchHeading, Array.isArray(heading) ? heading : ['h1', heading]);
  requests.clear();
  await page.goto(url, { waitUntil: 'commit' });
  const ttc = await page
    .waitForFunction(() => window.__coldLoad?.content ?? null, null, { polling: 50, timeout: 60_000 })
    .then((handle) => handle.jsonValue());

  // Quiet: nothing but the realtime connection in flight for 1 s.
  const quietMs = 1000;
  let quietSince = Date.now();
  let count = -1;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const all = [...requests.values()].filter((r) => !isRealtime(r.url));
    const busy = all.some((r) => r.end === null);
    if (busy || all.length !== count) {
      count = all.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) break;
    await new Promise((r) => setTimeout(r, 50));
  }

  const all = [...requests.values()].filter((r) => !isRealtime(r.url) && r.end !== null);
  const navigationStart = Math.min(...all.map((r) => r.start));
  const scripts = all.filter((r) => r.type === 'Script');
  const sum = (rs, key) => rs.reduce((total, r) => total + r[key], 0);
  return {
    path,
    ttcMs: Math.round(ttc),
    settledMs: Math.round((Math.max(...all.map((r) => r.end)) - navigationStart) * 1000),
    requests: all.length,
    transferred: sum(all, 'encoded'),
    jsFiles: scripts.length,
    jsTransferred: sum(scripts, 'encoded'),
    jsDecoded: sum(scripts, 'decoded'),
    failed: all.filter((r) => r.failed).map((r) => r.url),
    waterfall: all
      .sort((a, b) => a.start - b.start)
      .map((r) => ({
        path: new URL(r.url).pathname,
        startMs: Math.round((r.start - navigationStart) * 1000),
        endMs: Math.round((r.end - navigationStart) * 1000),
        bytes: r.encoded,
      })),
  };
}

async function signIn(page) {
  await page.getByLabel(/^E-mail/).fill(EMAIL);
  await page.getByLabel(/^Senha/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/entrar'));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** The newest ticket's id, through the API (for /atendimento/:ticket). */
async function newestTicket(base) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  }).then((r) => r.json());
  const tickets = await fetch(`${base}/api/v1/tickets?limit=1`, { headers: { authorization: `Bearer ${login.access_token}` } }).then((r) => r.json());
  if (!tickets.items?.length) throw new Error('/atendimento/:ticket needs a ticket (seed-demo makes some)');
  return tickets.items[0].id;
}

async function oneRun(browser, base, profile) {
  const results = [];
  const login = await openContext(browser, base, profile);
  results.push(await measure(login.page, login.requests, '/entrar'));
  await signIn(login.page);
  let storageState = await login.context.storageState();
  await login.context.close();
  for (const path of PAGES) {
    const { context, page, requests } = await openContext(browser, base, profile, storageState);
    const url = path === '/atendimento/:ticket' ? `/atendimento/${await newestTicket(base)}` : path;
    results.push(await measure(page, requests, path, url));
    if (new URL(page.url()).pathname.startsWith('/entrar')) throw new Error(`${path}: sent to the sign-in page`);
    storageState = await context.storageState(); // the refresh token rotated
    await context.close();
  }
  return results;
}

// --- the report -----------------------------------------------------------

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
};
const kb = (n) => `${(n / 1024).toFixed(1)}`;

function table(runs) {
  const lines = [
    '| page | time to content (ms) | settled (ms) | requests | transferred (KB) | JS files | JS transferred (KB) | JS decoded (KB) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const path of runs[0].map((r) => r.path)) {
    const rows = runs.map((run) => run.find((r) => r.path === path));
    const col = (key) => median(rows.map((r) => r[key]));
    const range = (key) => {
      const xs = rows.map((r) => r[key]);
      return xs.length > 1 ? ` (${Math.min(...xs)}–${Math.max(...xs)})` : '';
    };
    lines.push(
      `| ${path} | ${col('ttcMs')}${range('ttcMs')} | ${col('settledMs')} | ${col('requests')} | ${kb(col('transferred'))} | ${col('jsFiles')} | ${kb(col('jsTransferred'))} | ${kb(col('jsDecoded'))} |`,
    );
  }
  return lines.join('\n');
}

const server = process.env.CONECTCRM_URL ? null : await startServer();
const base = (process.env.CONECTCRM_URL ?? server.base).replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const all = {};
try {
  console.log(`# Cold load of ${base} (${browser.version()}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}, ${RUNS} runs, median (min–max))`);
  if (server) console.log(`server: ${server.binary}`);
  for (const name of PROFILE_NAMES) {
    const profile = PROFILES[name];
    if (!profile) throw new Error(`unknown profile ${name} (${Object.keys(PROFILES).join(', ')})`);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await oneRun(browser, base, profile));
    for (const r of runs.flat()) if (r.failed.length) console.error(`${r.path}: failed requests ${r.failed.join(', ')}`);
    all[name] = runs;
    console.log(`\n## ${profile.label}\n\n${table(runs)}`);
    if (process.env.WATERFALL) {
      for (const r of runs[0]) {
        console.log(`\n${r.path}: content at ${r.ttcMs} ms`);
        for (const w of r.waterfall) console.log(`  ${String(w.startMs).padStart(6)} → ${String(w.endMs).padStart(6)} ms ${kb(w.bytes).padStart(7)} KB  ${w.path}`);
      }
    }
  }
} finally {
  await browser.close();
  server?.stop();
}
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(all, null, 2));
