// Browser test of the finance module against a running server that serves
// the built app (see web/README.md): a signed contract issues its first
// invoice, the company's PIX key makes a PIX code, the customer opens the
// invoice's public link with no login and sees the PIX copia e cola, a
// payment registered by hand settles it, and the dashboard and the
// customer's timeline show it. A second test runs step 6 → 8 of the flow:
// an accepted proposal's contract is invoiced and a signed Stripe webhook
// (sent here, as Stripe would) settles it.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, launchBrowser, missingConfig, newPage, signupConfirmed, uniqueEmail, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
const PHONE = { width: 390, height: 844 };

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
  const email = uniqueEmail('fin-dono');
  const pair = await signupConfirmed({ company_name: companyName, name: 'Dona Clara', email, password: PASSWORD });
  return { email, token: pair.access_token };
}

async function login(page, email) {
  await page.goto('/entrar');
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Senha/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL('**/dashboard');
}

/** The company's calendar date (the server bills in America/Sao_Paulo by default). */
const todayInBrazil = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());

/**
 * Background work (billing the signed contract, the timeline entry) lands a
 * moment later: reload until the locator shows up.
 */
async function reloadUntilVisible(page, locator, { timeoutMs = 30_000, what = 'the element' } = {}) {
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

const money = (text) => new RegExp(`R\\$\\s${text.replace(/\./g, '\\.')}`);

describe('finance', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('a signed contract is invoiced, paid by PIX on the public page (seen without login), settled by hand → paga on the dashboard and the timeline', async () => {
    const companyName = `Financeiro E2E ${Date.now()}`;
    const owner = await signupOwner(companyName);
    const customerEmail = uniqueEmail('cliente-fin');
    const customerName = 'Marina Costa Andrade';

    // Data that is not under test here goes through the API (as in
    // proposals.test.mjs): the customer, and a contract with a once-only
    // item of R$ 1.500,00, signed — finance bills it in the background.
    const customer = await api('/customers', {
      method: 'POST',
      token: owner.token,
      body: { kind: 'person', name: customerName, emails: [customerEmail] },
    });
    assert.equal(customer.status, 201, JSON.stringify(customer.body));
    const customerId = customer.body.customer?.id ?? customer.body.id;
    const contract = await api('/contracts', {
      method: 'POST',
      token: owner.token,
      body: {
        customer_id: customerId,
        title: 'Implantação do sistema',
        start_date: todayInBrazil(),
        items: [{ description: 'Implantação e treinamento', quantity: 1, unit_price_cents: 150_000, billing: 'one_time' }],
      },
    });
    assert.equal(contract.status, 201, JSON.stringify(contract.body));
    const signed = await api(`/contracts/${contract.body.id}/sign`, { method: 'POST', token: owner.token, body: {} });
    assert.equal(signed.status, 200, JSON.stringify(signed.body));

    const a = await newPage(browser);
    const page = a.page;
    // "Copiar link público" and "Copiar código PIX" write to the clipboard.
    await a.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
    let invoiceUrl;
    let appPix;

    await withScreenshot(page, 'finance-invoice-list', async () => {
      await login(page, owner.email);
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Financeiro' }).click();
      await page.waitForURL('**/financeiro');
      await page.getByRole('heading', { level: 1, name: 'Financeiro' }).waitFor();
      await page.getByRole('navigation', { name: 'Financeiro' }).getByRole('link', { name: 'Faturas' }).click();
      await page.waitForURL('**/financeiro/faturas');

      // The first invoice of the signed contract.
      const table = page.getByRole('table', { name: 'Faturas' });
      const row = table.getByRole('row').filter({ hasText: customerName });
      await reloadUntilVisible(page, row, { what: 'the contract’s invoice' });
      await row.getByRole('link', { name: 'FAT-0001' }).waitFor();
      await row.getByText('Em aberto').waitFor();
      assert.equal(await row.getByText(money('1.500,00')).count(), 2, 'total and amount due');

      // The status chips filter it.
      const chips = page.getByRole('group', { name: 'Situação' });
      await chips.getByRole('button', { name: 'Paga', exact: true }).click();
      await page.getByText('Nenhuma fatura encontrada com estes filtros.').waitFor();
      await chips.getByRole('button', { name: 'Em aberto' }).click();
      await table.getByRole('link', { name: 'FAT-0001' }).waitFor();
    });

    await withScreenshot(page, 'finance-settings', async () => {
      await page.getByRole('navigation', { name: 'Financeiro' }).getByRole('link', { name: 'Configurações' }).click();
      await page.waitForURL('**/financeiro/configuracoes');
      await page.getByRole('heading', { level: 1, name: 'Configurações do financeiro' }).waitFor();
      assert.equal(await page.getByLabel('Multa (%)').inputValue(), '2');
      assert.equal(await page.getByLabel('Juros ao mês (%)').inputValue(), '1');
      await page.getByLabel('Chave PIX').fill('529.982.247-25');
      await page.getByLabel('Cidade').fill('São Paulo');
      await page.getByRole('button', { name: 'Salvar configurações' }).click();
      await page.getByText('Configurações salvas.').waitFor();
      // The server keeps the key's digits and tells its kind.
      assert.equal(await page.getByLabel('Chave PIX').inputValue(), '52998224725');
      await page.getByText(/Cadastrada: CPF/).waitFor();
    });

    await withScreenshot(page, 'finance-invoice-page', async () => {
      await page.goto('/financeiro/faturas');
      await page.getByRole('table', { name: 'Faturas' }).getByRole('link', { name: 'FAT-0001' }).click();
      await page.waitForURL(/\/financeiro\/faturas\/[0-9a-f-]{36}$/);
      invoiceUrl = page.url();
      const heading = page.getByRole('heading', { level: 1, name: 'Fatura FAT-0001' });
      await heading.waitFor();
      await heading.locator('xpath=..').getByText('Em aberto', { exact: true }).waitFor();
      await page.getByTestId('amount-due').getByText(money('1.500,00')).waitFor();
      await page.getByRole('table', { name: 'Itens da fatura' }).getByText('Implantação e treinamento').waitFor();

      // PIX from the company's key, for what is due today.
      const pix = page.getByRole('region', { name: 'PIX' });
      await pix.getByRole('img', { name: 'QR code PIX de FAT-0001' }).waitFor();
      appPix = await pix.getByLabel('PIX copia e cola').inputValue();
      assert.match(appPix, /^000201/);
      assert.match(appPix, /52998224725/);
    });

    // The public link, opened on a phone in another browser profile: no session.
    const actions = page.getByRole('group', { name: 'Ações da fatura' });
    await actions.getByRole('button', { name: 'Copiar link público' }).click();
    const publicLink = await page.getByLabel('Link público da fatura').inputValue();
    const publicPath = new URL(publicLink).pathname;
    assert.match(publicPath, /^\/fatura\/[^/]+$/);

    const b = await newPage(browser, { viewport: PHONE });
    const phone = b.page;
    await withScreenshot(phone, 'finance-public-invoice', async () => {
      await phone.goto(publicPath);
      await phone.getByRole('heading', { level: 1, name: 'Fatura FAT-0001' }).waitFor();
      await phone.getByText(companyName).waitFor();
      await phone.getByText(customerName).waitFor();
      await phone.getByTestId('public-amount-due').getByText(money('1.500,00')).waitFor();
      await phone.getByRole('list', { name: 'Itens da fatura' }).getByText('Implantação e treinamento').waitFor();
      await phone.getByRole('img', { name: 'QR code PIX de FAT-0001' }).waitFor();
      assert.equal(await phone.getByLabel('PIX copia e cola').inputValue(), appPix);
      await phone.getByRole('button', { name: 'Copiar código PIX' }).waitFor();
      // No Stripe connected: no card button.
      assert.equal(await phone.getByRole('button', { name: 'Pagar com cartão' }).count(), 0);
      const overflow = await phone.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      assert.equal(await phone.evaluate(() => globalThis.localStorage.getItem('conectcrm.refresh_token')), null);
      // The PDF is a plain link that works without a login.
      const href = await phone.getByRole('link', { name: 'Baixar PDF' }).getAttribute('href');
      const pdf = await b.context.request.get(href);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
    });

    // The money arrived in the company's account: registered by hand.
    await withScreenshot(page, 'finance-register-payment', async () => {
      await page.goto(invoiceUrl);
      await actions.getByRole('button', { name: 'Registrar pagamento' }).click();
      const dialog = page.getByRole('dialog', { name: 'Registrar pagamento de FAT-0001' });
      assert.equal(await dialog.getByLabel(/^Valor recebido/).inputValue(), '1.500,00');
      await dialog.getByLabel(/^Forma de pagamento/).selectOption('pix');
      await dialog.getByLabel('Referência').fill('E2E-PIX-0001');
      await dialog.getByRole('button', { name: 'Registrar pagamento' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const heading = page.getByRole('heading', { level: 1, name: 'Fatura FAT-0001' });
      await heading.locator('xpath=..').getByText('Paga', { exact: true }).waitFor();
      await page.getByText(/^Paga em \d{2}\/\d{2}\/\d{4}/).waitFor();
      const payments = page.getByRole('region', { name: 'Pagamentos' });
      const payment = payments.getByRole('row').filter({ hasText: 'E2E-PIX-0001' });
      await payment.getByText('Confirmado').waitFor();
      await payment.getByText('PIX', { exact: true }).waitFor();
      await payment.getByText(money('1.500,00')).first().waitFor();
      assert.equal(await actions.getByRole('button', { name: 'Registrar pagamento' }).count(), 0, 'a paid invoice takes no more money');
      assert.equal(await page.getByRole('region', { name: 'PIX' }).count(), 0);
    });

    // The customer's page says it too.
    await withScreenshot(phone, 'finance-public-paid', async () => {
      await phone.reload();
      await phone.getByText('Fatura paga').waitFor();
      assert.equal(await phone.getByLabel('PIX copia e cola').count(), 0);
    });

    await withScreenshot(page, 'finance-dashboard', async () => {
      await page.goto('/financeiro');
      const received = page.getByTestId('received');
      await received.getByText(money('1.500,00')).waitFor();
      await received.getByText('1 pagamento').waitFor();
      await page.getByTestId('overdue').getByText(money('0,00')).first().waitFor();
      await page.getByRole('list', { name: 'Recebido por mês' }).waitFor();

      await page.goto('/financeiro/faturas?situacao=paid');
      await page.getByRole('table', { name: 'Faturas' }).getByRole('row').filter({ hasText: 'FAT-0001' }).getByText('Paga', { exact: true }).waitFor();
    });

    await withScreenshot(page, 'finance-customer-timeline', async () => {
      await page.goto(`/crm/clientes/${customerId}`);
      await page.getByRole('heading', { level: 1, name: customerName }).waitFor();
      const finance = page.getByRole('region', { name: 'Financeiro' });
      await finance.getByRole('link', { name: 'FAT-0001' }).waitFor();
      await finance.getByText('Paga', { exact: true }).waitFor();
      const timeline = page.getByRole('list', { name: 'Histórico do cliente' });
      await reloadUntilVisible(page, timeline.getByText(/Fatura FAT-0001 paga/), { what: 'the timeline entry' });
      await timeline.getByText(/Fatura FAT-0001 emitida/).waitFor();
      await timeline.getByText(/Pagamento de R\$\s1\.500,00 recebido/).waitFor();
    });

    await b.context.close();
    await a.context.close();
  });

  test('an accepted proposal is invoiced and a signed Stripe webhook settles it → paga on the invoice, the timeline and the receivables', async () => {
    const owner = await signupOwner(`Webhook E2E ${Date.now()}`);
    const customerName = 'Rafael Souza Lima';
    const customer = await api('/customers', {
      method: 'POST',
      token: owner.token,
      body: { kind: 'person', name: customerName, emails: [uniqueEmail('cliente-wh')] },
    });
    assert.equal(customer.status, 201, JSON.stringify(customer.body));
    const customerId = customer.body.customer?.id ?? customer.body.id;
    const validUntil = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const proposal = await api('/proposals', {
      method: 'POST',
      token: owner.token,
      body: {
        customer_id: customerId,
        title: 'Site institucional',
        valid_until: validUntil,
        items: [{ description: 'Site institucional', quantity: 1, unit_price_cents: 89_900, billing: 'one_time' }],
      },
    });
    assert.equal(proposal.status, 201, JSON.stringify(proposal.body));
    const sent = await api(`/proposals/${proposal.body.id}/send`, { method: 'POST', token: owner.token, body: {} });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const proposalToken = new URL(sent.body.public_url).pathname.split('/').pop();
    const accepted = await api(`/public/proposals/${proposalToken}/accept`, {
      method: 'POST',
      body: { name: customerName, email: 'rafael@exemplo.com.br' },
    });
    assert.equal(accepted.status, 204, JSON.stringify(accepted.body));

    // The company's Stripe account: the signing secret its webhook endpoint uses.
    const secret = 'whsec_e2e_segredo_de_teste';
    const gateway = await api('/finance/gateways', {
      method: 'POST',
      token: owner.token,
      body: { provider: 'stripe', api_key: 'sk_test_e2e_0000000000000000', webhook_secret: secret },
    });
    assert.equal(gateway.status, 201, JSON.stringify(gateway.body));
    await api('/finance/settings', { method: 'PATCH', token: owner.token, body: { pix_key: 'financeiro@exemplo.com.br' } });

    const a = await newPage(browser);
    const page = a.page;
    let invoiceId;
    await withScreenshot(page, 'finance-webhook-invoice', async () => {
      await login(page, owner.email);
      await page.goto('/financeiro/faturas');
      const row = page.getByRole('table', { name: 'Faturas' }).getByRole('row').filter({ hasText: customerName });
      await reloadUntilVisible(page, row, { what: 'the accepted proposal’s invoice' });
      await row.getByRole('link', { name: 'FAT-0001' }).click();
      await page.waitForURL(/\/financeiro\/faturas\/[0-9a-f-]{36}$/);
      invoiceId = page.url().split('/').pop();
      await page.getByTestId('amount-due').getByText(money('899,00')).waitFor();
    });

    // The customer's page (no login) shows the PIX code.
    const link = await api(`/invoices/${invoiceId}/link`, { token: owner.token });
    const b = await newPage(browser, { viewport: PHONE });
    await withScreenshot(b.page, 'finance-webhook-public', async () => {
      await b.page.goto(new URL(link.body.link).pathname);
      await b.page.getByRole('heading', { level: 1, name: 'Fatura FAT-0001' }).waitFor();
      assert.match(await b.page.getByLabel('PIX copia e cola').inputValue(), /^000201.*br\.gov\.bcb\.pix/);
      await b.page.getByRole('button', { name: 'Pagar com cartão' }).waitFor();
    });

    // Stripe tells us the card payment succeeded, signed as Stripe signs it.
    const event = JSON.stringify({
      id: `evt_e2e_${Date.now()}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: `pi_e2e_${Date.now()}`, object: 'payment_intent', amount: 89_900, amount_received: 89_900, metadata: { invoice_id: invoiceId } } },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', secret).update(`${timestamp}.${event}`).digest('hex');
    const hookPath = new URL(gateway.body.webhook_url).pathname;
    const forged = await fetch(`${BASE_URL}${hookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${timestamp},v1=${'0'.repeat(64)}` },
      body: event,
    });
    assert.equal(forged.status, 401);
    const delivered = await fetch(`${BASE_URL}${hookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${timestamp},v1=${signature}` },
      body: event,
    });
    assert.equal(delivered.status, 200, await delivered.text());

    await withScreenshot(page, 'finance-webhook-paid', async () => {
      const heading = page.getByRole('heading', { level: 1, name: 'Fatura FAT-0001' });
      await reloadUntilVisible(page, heading.locator('xpath=..').getByText('Paga', { exact: true }), { what: 'the paid status' });
      const payment = page.getByRole('region', { name: 'Pagamentos' }).getByRole('row').filter({ hasText: money('899,00') });
      await payment.getByText('Confirmado').waitFor();
    });
    await withScreenshot(b.page, 'finance-webhook-public-paid', async () => {
      await b.page.reload();
      await b.page.getByText('Fatura paga').waitFor();
    });
    await withScreenshot(page, 'finance-webhook-timeline', async () => {
      await page.goto(`/crm/clientes/${customerId}`);
      const timeline = page.getByRole('list', { name: 'Histórico do cliente' });
      await reloadUntilVisible(page, timeline.getByText(/Fatura FAT-0001 paga/), { what: 'the timeline entry' });
      await page.goto('/financeiro');
      await page.getByTestId('received').getByText(money('899,00')).waitFor();
    });
    await b.context.close();
    await a.context.close();
  });
});
