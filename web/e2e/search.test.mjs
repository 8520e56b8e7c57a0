// Browser test of the global search, against a running server that serves
// the built app (see web/README.md): Ctrl+K opens the palette anywhere; typed
// without accents, "clinica" finds the customer "Clínica São João" and its
// invoice, grouped, and the arrows and Enter open the customer's page; "pao
// quente" finds the web-chat conversation by its message and opens it in the
// inbox; an agent finds no invoices; on a phone the header's icon opens it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
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
const CUSTOMER = 'Clínica São João';
const MESSAGE = 'Pão quente às 7h?';
const PHONE = { width: 390, height: 844 };

const isoDay = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The palette, once Ctrl+K opened it, and its box. */
async function openWithCtrlK(page) {
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Busca' });
  await dialog.waitFor();
  const box = dialog.getByRole('combobox', { name: 'Buscar' });
  assert.equal(await box.evaluate((element) => element === globalThis.document.activeElement), true, 'the box has the focus');
  return { dialog, box };
}

/** Which option of the palette is selected (its accessible name). */
const selectedOption = (dialog) => dialog.getByRole('option', { selected: true }).getAttribute('aria-label');

describe('global search', () => {
  let browser;
  let owner;
  let agent;
  let customerId;
  let invoice;
  let ticket;

  before(async () => {
    browser = await launchBrowser();
    const email = uniqueEmail('busca-dona');
    const pair = await signupConfirmed({ company_name: `Busca E2E ${Date.now()}`, name: 'Dona Lúcia', email, password: PASSWORD });
    owner = { email, token: pair.access_token };
    const token = owner.token;

    const customer = await api('/customers', { method: 'POST', token, body: { kind: 'company', name: CUSTOMER } });
    assert.equal(customer.status, 201, JSON.stringify(customer.body));
    customerId = customer.body.customer?.id ?? customer.body.id;
    const created = await api('/invoices', {
      method: 'POST',
      token,
      body: { customer_id: customerId, issue_date: isoDay(0), due_date: isoDay(10), items: [{ description: 'Consulta mensal', unit_price_cents: 25_000 }] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    invoice = created.body;

    const channel = await api('/channels', { method: 'POST', token, body: { kind: 'webchat', name: 'Site' } });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    await visitorWrites(channel.body.public_id, MESSAGE);
    ticket = await waitForTicket(token, MESSAGE);

    agent = await inviteUser(token, { role: 'agent', name: 'Ana Atendente', password: PASSWORD, prefix: 'busca-agente' });

    // What the server answers, before looking at the screen.
    const found = await api('/search?q=clinica', { token });
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.deepEqual(
      found.body.items.map((item) => item.kind),
      ['customer', 'invoice'],
      JSON.stringify(found.body),
    );
  });

  after(async () => {
    await browser?.close();
  });

  test('the owner finds the customer and its invoice without accents, and opens the customer with the arrows and Enter; then the chat by its words', async () => {
    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'search-owner', async () => {
      await signIn(page, owner.email, PASSWORD);

      // The header's box says what it finds and how to open it from the keyboard.
      const headerBox = page.getByRole('banner').getByRole('button', { name: /^Buscar clientes, tickets, faturas…/ });
      await headerBox.waitFor();
      assert.match(await headerBox.textContent(), /Ctrl K/);
      await headerBox.click();
      const fromHeader = page.getByRole('dialog', { name: 'Busca' });
      await fromHeader.getByText('Digite pelo menos 2 letras.').waitFor();
      await page.keyboard.press('Escape');
      await fromHeader.waitFor({ state: 'hidden' });
      assert.equal(await headerBox.evaluate((element) => element === globalThis.document.activeElement), true, 'the focus is back on the box');

      // Ctrl+K, then "clinica" as people type it.
      const { dialog, box } = await openWithCtrlK(page);
      await box.pressSequentially('clinica', { delay: 30 });
      const customers = dialog.getByRole('group', { name: 'Clientes' });
      const invoices = dialog.getByRole('group', { name: 'Faturas' });
      await customers.getByRole('option', { name: CUSTOMER }).waitFor();
      await invoices.getByRole('option', { name: invoice.label }).waitFor();
      assert.equal(await customers.getByRole('option', { name: CUSTOMER }).locator('mark').textContent(), 'Clínica');

      assert.equal(await selectedOption(dialog), CUSTOMER);
      await page.keyboard.press('ArrowDown');
      assert.equal(await selectedOption(dialog), invoice.label);
      await page.keyboard.press('ArrowDown');
      assert.equal(await selectedOption(dialog), CUSTOMER, 'down from the last option comes back to the first');
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/crm/clientes/${customerId}`);
      await page.getByRole('heading', { level: 1, name: CUSTOMER }).waitFor();
      assert.equal(await dialog.isVisible(), false);

      // The conversation, found by its message's words without accents, opens in the inbox.
      const again = await openWithCtrlK(page);
      await again.box.pressSequentially('pao quente', { delay: 30 });
      const tickets = again.dialog.getByRole('group', { name: 'Tickets' });
      await tickets.getByRole('option', { name: `#${ticket.number} ${MESSAGE}` }).waitFor();
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/atendimento/${ticket.id}`);
      await page.getByRole('heading', { level: 2, name: new RegExp(`^#${ticket.number} `) }).waitFor();
    });
    await context.close();
  });

  test('an agent searching "clinica" finds the customer but no invoices, and goes to its conversations', async () => {
    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'search-agent', async () => {
      await signIn(page, agent.email, PASSWORD, '**/atendimento');
      const { dialog, box } = await openWithCtrlK(page);
      await box.pressSequentially('clinica', { delay: 30 });
      await dialog.getByRole('group', { name: 'Clientes' }).getByRole('option', { name: CUSTOMER }).waitFor();
      assert.equal(await dialog.getByRole('group', { name: 'Faturas' }).count(), 0);
      assert.equal(await dialog.getByText(invoice.label).count(), 0);

      // Agents do not open the CRM: the customer leads to their conversations in the inbox.
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/atendimento' && url.searchParams.get('q') === CUSTOMER);
      const list = page.getByRole('region', { name: 'Lista de tickets' });
      await list.waitFor();
      assert.equal(await page.getByText('Acesso negado').count(), 0);
      // The inbox was already open: its search box takes the customer's name, and keeps it in the URL.
      const inboxSearch = list.getByRole('searchbox', { name: 'Buscar tickets' });
      await page.waitForFunction((name) => globalThis.document.getElementById('inbox-search')?.value === name, CUSTOMER);
      assert.equal(await inboxSearch.inputValue(), CUSTOMER);
      await page.waitForTimeout(600);
      assert.equal(new URL(page.url()).searchParams.get('q'), CUSTOMER);
    });
    await context.close();
  });

  test('on a 390×844 phone the header shows an icon that opens the same search, and nothing is wider than the screen', async () => {
    const { context, page } = await newPage(browser, { viewport: PHONE });
    await withScreenshot(page, 'search-phone', async () => {
      await signIn(page, owner.email, PASSWORD);
      const header = page.getByRole('banner');
      assert.equal(await header.getByRole('button', { name: /^Buscar clientes/ }).isVisible(), false);
      const icon = header.getByRole('button', { name: 'Buscar', exact: true });
      await icon.click();
      const dialog = page.getByRole('dialog', { name: 'Busca' });
      await dialog.getByRole('combobox', { name: 'Buscar' }).pressSequentially('fat-0001', { delay: 30 });
      await dialog.getByRole('group', { name: 'Faturas' }).getByRole('option', { name: invoice.label }).waitFor();
      const box = await dialog.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `the palette spans ${box.x}–${box.x + box.width}px`);
      await dialog.getByRole('button', { name: 'Fechar busca' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const overflow = await page.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    });
    await context.close();
  });
});
