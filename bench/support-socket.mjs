// Socket.IO measurements for bench/support.sh (not a test).
//   node bench/support-socket.mjs latency <base> <token> <hook> <secret> <count>
//     posts signed WhatsApp webhooks one at a time and measures until the
//     agent's socket receives the MessageReceived event of each (p50/p99).
//   node bench/support-socket.mjs idle <base> <token> <count> <server-pid>
//     opens <count> idle authenticated sockets and reports the server's RSS growth.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../web/package.json', import.meta.url));
const { io } = require('socket.io-client');

const [mode, base, token, ...rest] = process.argv.slice(2);

const rss = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS'));
  return Number(line.split(/\s+/)[1]) / 1024;
};

const connect = () =>
  new Promise((resolve, reject) => {
    const s = io(base, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    s.on('connect', () => resolve(s));
    s.on('connect_error', reject);
  });

const percentile = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

if (mode === 'latency') {
  const [hook, secret, countText] = rest;
  const count = Number(countText);
  const socket = await connect();
  const waiting = new Map();
  socket.on('MessageReceived', (e) => {
    const marker = /lat-(\d+)/.exec(e.preview ?? '')?.[1];
    const start = marker && waiting.get(marker);
    if (start) {
      waiting.delete(marker);
      start.resolve(performance.now() - start.t);
    }
  });
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const marker = `${Date.now()}${i}`;
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: '106540352242922' },
        contacts: [{ profile: { name: `Latência ${i % 50}` }, wa_id: `55119${String(70000000 + (i % 50))}` }],
        messages: [{ from: `55119${String(70000000 + (i % 50))}`, id: `wamid.lat.${marker}`, timestamp: '1732870000', type: 'text', text: { body: `mensagem lat-${marker}` } }],
      } }] }],
    });
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const done = new Promise((resolve) => waiting.set(marker, { t: performance.now(), resolve }));
    const res = await fetch(`${base}${hook}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    latencies.push(await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error('no event in 10 s')), 10_000))]));
  }
  socket.close();
  console.log(`webhook → agent socket event over ${count} messages: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
} else if (mode === 'idle') {
  const [countText, pid] = rest;
  const count = Number(countText);
  const before = rss(pid);
  const sockets = [];
  for (let i = 0; i < count; i++) sockets.push(await connect());
  await new Promise((r) => setTimeout(r, 2000));
  const after = rss(pid);
  console.log(`${count} idle sockets: server RSS ${before.toFixed(1)} → ${after.toFixed(1)} MiB (+${(after - before).toFixed(1)} MiB, ${(((after - before) * 1024) / count).toFixed(1)} KiB per socket)`);
  for (const s of sockets) s.close();
} else {
  console.error('usage: see the header');
  process.exit(2);
}
