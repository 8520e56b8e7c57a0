// Browser test of the bell, against a running server that serves the built
// app (see web/README.md): an agent mentioned in a note sees the bell count
// live and gets a desktop alert, opens the notification on its ticket, and
// turns mentions off in the bell while keeping the desktop alerts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  alwaysOpen,
  api,
  inviteUser,
  launchBrowser,
  missingConfig,
  newPage,
  signIn,
  signupConfirmed,
  uniqueEmail,
  visitorWrites,
  waitForTicket,
  withScreenshot,
} from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
const SUBJECT = 'Quero trocar o sabor do bolo de aniversário';
/** The mention's event and its notification are jobs: the worker takes them in the background. */
const JOB_MS = 20_000;

// Desktop alerts are recorded instead of shown: the page's Notification is
// replaced before any script runs (the permission is granted to the context).
const RECORD_ALERTS = () => {
  globalThis.__alerts = [];
  const Real = globalThis.Notification;
  class Recorded {
    static get permission() {
      return Real.permission;
    }
    static requestPermission() {
      return Real.requestPermission();
    }
    constructor(title, options) {
      globalThis.__alerts.push({ title, body: options?.body ?? '' });
    }
    close() {}
  }
  globalThis.Notification = Recorded;
};

describe('notifications', () => {
  let browser;
  let owner;
  let agent;
  let ticket;

  before(async () => {
    browser = await launchBrowser();
    const email = uniqueEmail('sino-dono');
    const pair = await signupConfirmed({ company_name: `Sino E2E ${Date.now()}`, name: 'Dono Sino', email, password: PASSWORD });
    owner = { email, token: pair.access_token };
    await alwaysOpen(owner.token);
    const channel = await api('/channels', { method: 'POST', token: owner.token, body: { kind: 'webchat', name: 'Site' } });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    await visitorWrites(channel.body.public_id, SUBJECT);
    ticket = await waitForTicket(owner.token, SUBJECT);
    agent = await inviteUser(owner.token, { role: 'agent', name: 'Ana Atendente', password: PASSWORD, prefix: 'sino-ana' });
  });

  after(async () => {
    await browser?.close();
  });

  const mention = async (text) => {
    const me = await api('/me', { token: agent.token });
    const note = await api(`/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: owner.token,
      body: { text, note: true, mentions: [me.body.user.id] },
    });
    assert.equal(note.status, 201, JSON.stringify(note.body));
  };

  test('a mention rings the bell live, alerts the desktop and opens its ticket', async () => {
    const { context, page } = await newPage(browser);
    await context.grantPermissions(['notifications']);
    await page.addInitScript(RECORD_ALERTS);
    await withScreenshot(page, 'notifications-bell', async () => {
      await signIn(page, agent.email, PASSWORD, '**/atendimento');
      const bell = page.getByRole('button', { name: /^Notificações/ });
      await bell.click();
      await page.getByText('Nenhuma notificação por aqui.').waitFor();
      await page.keyboard.press('Escape');

      // Desktop alerts on in this browser (the inbox's switch).
      await page.getByRole('switch', { name: /Notificações/ }).click();
      await page.getByRole('switch', { name: /Notificações/, checked: true }).waitFor();

      await mention('Ana, a cliente quer trocar o sabor: veja, por favor');
      await page.getByRole('button', { name: 'Notificações: 1 não lida' }).waitFor({ timeout: JOB_MS });
      const alerts = await page.evaluate(() => globalThis.__alerts);
      assert.equal(alerts.length, 1, JSON.stringify(alerts));
      assert.match(alerts[0].title, /^Dono Sino mencionou você no ticket #\d+$/);
      assert.equal(alerts[0].body, 'Ana, a cliente quer trocar o sabor: veja, por favor');

      await page.getByRole('button', { name: 'Notificações: 1 não lida' }).click();
      const panel = page.getByRole('dialog', { name: 'Notificações' });
      await panel.getByRole('button', { name: /mencionou você no ticket/ }).click();
      await page.waitForURL(`**/atendimento/${ticket.id}`);
      await page.getByRole('button', { name: 'Notificações', exact: true }).waitFor();
      const bellPage = await api('/notifications', { token: agent.token });
      assert.equal(bellPage.body.unread, 0);
    });
    await context.close();
  });

  test('mentions turned off in the bell still come as desktop alerts', async () => {
    const { context, page } = await newPage(browser);
    await context.grantPermissions(['notifications']);
    await page.addInitScript(RECORD_ALERTS);
    await withScreenshot(page, 'notifications-preferences', async () => {
      await signIn(page, agent.email, PASSWORD, '**/atendimento');
      await page.goto('/perfil#notificacoes');
      const inBell = page.getByRole('checkbox', { name: 'Menções: No sino' });
      await inBell.waitFor();
      assert.equal(await inBell.isChecked(), true);
      await inBell.uncheck();
      await page.getByRole('checkbox', { name: 'Menções: No sino', checked: false }).waitFor();
      assert.equal(await page.getByRole('checkbox', { name: 'Menções: Área de trabalho' }).isChecked(), true);
      // Kinds of parts of the product an agent does not work in are not offered.
      assert.equal(await page.getByRole('checkbox', { name: 'Pagamentos recebidos: No sino' }).count(), 0);
      const saved = await api('/me/notification-preferences', { token: agent.token });
      assert.equal(saved.body.items.find((p) => p.kind === 'mention').in_app, false);

      await page.getByRole('switch', { name: /Notificações/ }).click();
      await mention('Segunda menção, só na área de trabalho');
      await page.waitForFunction(() => globalThis.__alerts.length > 0, null, { timeout: JOB_MS });
      const alerts = await page.evaluate(() => globalThis.__alerts);
      assert.equal(alerts[0].body, 'Segunda menção, só na área de trabalho');
      await page.getByRole('button', { name: 'Notificações', exact: true }).waitFor();
      const bellPage = await api('/notifications?unread=true', { token: agent.token });
      assert.equal(bellPage.body.items.length, 0, 'nothing new in the bell');
    });
    await context.close();
  });
});
