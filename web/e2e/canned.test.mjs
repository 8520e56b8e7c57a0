// Browser test of a canned response, against a running server that serves
// the built app (see web/README.md): "/" and the shortcut show the answer
// filled for this conversation — the person writing, not the company's first
// word — before Enter puts it in the reply.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { alwaysOpen, api, launchBrowser, missingConfig, newPage, signIn, signupConfirmed, startChat, uniqueEmail, waitForTicket, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
const SUBJECT = 'Vocês entregam bolo no domingo?';

describe('canned responses', () => {
  let browser;
  let owner;
  let ticket;

  before(async () => {
    browser = await launchBrowser();
    const email = uniqueEmail('pronta-dono');
    const pair = await signupConfirmed({ company_name: `Padaria Pronta ${Date.now()}`, name: 'Carla Dona', email, password: PASSWORD });
    owner = { email, token: pair.access_token };
    await alwaysOpen(owner.token);
    const channel = await api('/channels', { method: 'POST', token: owner.token, body: { kind: 'webchat', name: 'Site' } });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    const canned = await api('/canned-responses', {
      method: 'POST',
      token: owner.token,
      body: { shortcut: 'ola', title: 'Saudação', body: 'Olá, {{contato.primeiro_nome}}! Aqui é {{atendente.nome}}, já vejo o seu pedido.' },
    });
    assert.equal(canned.status, 201, JSON.stringify(canned.body));
    const write = await startChat(channel.body.public_id, { name: 'Maria Souza', email: uniqueEmail('maria') });
    await write(SUBJECT);
    ticket = await waitForTicket(owner.token, SUBJECT);
  });

  after(async () => {
    await browser?.close();
  });

  test('the shortcut previews the answer filled for this conversation, and Enter inserts it', async () => {
    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'canned-insert', async () => {
      await signIn(page, owner.email, PASSWORD);
      await page.goto(`/atendimento/${ticket.id}`);
      const reply = page.getByPlaceholder(/Escreva sua resposta/);
      await reply.click();
      await reply.pressSequentially('/ola');
      const preview = page.getByRole('region', { name: 'Prévia da resposta pronta' });
      await preview.getByText('Olá, Maria! Aqui é Carla Dona, já vejo o seu pedido.').waitFor();
      await page.keyboard.press('Enter');
      await preview.waitFor({ state: 'detached' });
      assert.equal(await reply.inputValue(), 'Olá, Maria! Aqui é Carla Dona, já vejo o seu pedido.');
    });
    await context.close();
  });
});
