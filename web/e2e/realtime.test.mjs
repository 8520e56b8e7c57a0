// Socket.IO isolation with the real client library against the real server:
// a socket authenticates with the access token, receives its own company's
// events live, never another company's, and cannot join another company's room.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { BASE_URL, connectSocket, missingConfig, nextEvent, signupConfirmed, uniqueEmail } from './support.mjs';

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

async function signup(company) {
  const body = await signupConfirmed({
    company_name: company,
    name: 'Dono',
    email: uniqueEmail('rt'),
    password: 'senha-segura-2026',
  });
  const me = await api('/me', { token: body.access_token });
  return { token: body.access_token, tenantId: me.body.company.id };
}

// A second node of the same deployment (same database and Redis), started by test.sh.
const SECOND_NODE = (process.env.E2E_BASE_URL_2 ?? '').replace(/\/$/, '');

function connect(token, origin = BASE_URL) {
  return connectSocket(token, { origin });
}

const sockets = [];
let alfa;
let beta;

before(async () => {
  const problem = missingConfig();
  if (problem) throw new Error(problem);
  if (!SECOND_NODE) throw new Error('set E2E_BASE_URL_2 (a second server sharing the database and REDIS_URL)');
  alfa = await signup('Alfa Tempo Real');
  beta = await signup('Beta Tempo Real');
});

after(() => sockets.forEach((s) => s.close()));

test('a bad token cannot connect', async () => {
  await assert.rejects(connect('not-a-token'));
});

test('company events reach only that company, live', async () => {
  const a = await connect(alfa.token);
  const b = await connect(beta.token);
  sockets.push(a, b);
  const seenByB = [];
  b.on('CompanyUpdated', (payload) => seenByB.push(payload));
  const received = nextEvent(a, 'CompanyUpdated');
  const { status } = await api('/company', { method: 'PATCH', token: alfa.token, body: { name: 'Alfa Renomeada' } });
  assert.equal(status, 200);
  const payload = await received;
  assert.equal(payload.company_id, alfa.tenantId);
  // Give a misrouted event time to arrive before asserting it did not.
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(seenByB, []);
});

test("joining another company's room is refused", async () => {
  const a = await connect(alfa.token);
  sockets.push(a);
  const answer = await a.timeout(5000).emitWithAck('join', { room: `tenant:${beta.tenantId}` });
  assert.deepEqual(answer, { ok: false });
  const seen = [];
  a.on('CompanyUpdated', (p) => seen.push(p));
  await api('/company', { method: 'PATCH', token: beta.token, body: { name: 'Beta Renomeada' } });
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(seen.filter((p) => p.company_id === beta.tenantId).length, 0);
});

test('an event caused on one node reaches a socket on another node through Redis', async () => {
  const remote = await connect(alfa.token, SECOND_NODE);
  sockets.push(remote);
  const received = nextEvent(remote, 'CompanyUpdated');
  const { status } = await api('/company', { method: 'PATCH', token: alfa.token, body: { name: 'Alfa Multinó' } });
  assert.equal(status, 200);
  const payload = await received;
  assert.equal(payload.company_id, alfa.tenantId);
});
