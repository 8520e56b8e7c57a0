// Browser tests of proposals and contracts against a running server that
// serves the built app (see web/README.md): the editor with live totals, the
// PDF, sending by e-mail, the customer's public page on a phone (no login),
// acceptance → signed contract and won deal, and a tampered link.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, launchBrowser, missingConfig, newPage, signupConfirmed, uniqueEmail, waitForEmail, withScreenshot } from './support.mjs';

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
  const email = uniqueEmail('prop-dono');
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

/** The default pipeline, made in the background when the company is created. */
async function defaultPipelineId(token) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const { status, body } = await api('/pipelines', { token });
    assert.equal(status, 200, JSON.stringify(body));
    if (body.length > 0) return body[0].id;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the default pipeline was not created');
}

/** Reads a Playwright download into a Buffer. */
async function readDownload(download) {
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const money = (text) => new RegExp(`R\\$\\s${text.replace(/\./g, '\\.')}`);
const column = (page, name) => page.getByRole('region', { name, exact: true });

describe('proposals', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('a proposal from a deal: live totals, PDF, e-mail, accepted on a phone → signed contract and won deal', async () => {
    const companyName = `Proposta E2E ${Date.now()}`;
    const owner = await signupOwner(companyName);
    const customerEmail = uniqueEmail('cliente-prop');
    const customerName = 'Marina Costa Andrade';
    const dealTitle = 'Implantação do CRM na loja';

    // Data that is not under test here goes through the API: the customer
    // (with an e-mail), the deal and a monthly product in the catalogue.
    const customer = await api('/customers', {
      method: 'POST',
      token: owner.token,
      body: { kind: 'person', name: customerName, emails: [customerEmail] },
    });
    assert.equal(customer.status, 201, JSON.stringify(customer.body));
    const customerId = customer.body.customer?.id ?? customer.body.id;
    const pipelineId = await defaultPipelineId(owner.token);
    const deal = await api('/opportunities', {
      method: 'POST',
      token: owner.token,
      body: { customer_id: customerId, pipeline_id: pipelineId, title: dealTitle, value_cents: 500_000 },
    });
    assert.equal(deal.status, 201, JSON.stringify(deal.body));
    const product = await api('/products', {
      method: 'POST',
      token: owner.token,
      body: { sku: 'SUP-MENSAL', name: 'Suporte mensal', unit: 'mês', price_cents: 19_990, billing: 'monthly', active: true },
    });
    assert.equal(product.status, 201, JSON.stringify(product.body));

    const a = await newPage(browser);
    const page = a.page;
    let proposalUrl;
    let shownLink;

    await withScreenshot(page, 'proposal-editor', async () => {
      await login(page, owner.email);
      await page.goto('/crm/oportunidades');
      const card = column(page, 'Novo').getByRole('article', { name: dealTitle });
      await card.getByRole('button', { name: `Ações de ${dealTitle}` }).click();
      await card.getByRole('menuitem', { name: 'Nova proposta' }).click();
      await page.waitForURL(/\/crm\/propostas\/nova\?customer_id=.+&opportunity_id=.+/);

      // Prefilled from the deal.
      await page.getByRole('heading', { level: 1, name: 'Nova proposta' }).waitFor();
      assert.equal(await page.getByRole('combobox', { name: 'Cliente' }).inputValue(), customerName);
      assert.equal(await page.getByLabel('Oportunidade').inputValue(), deal.body.id);
      assert.equal(await page.getByLabel(/^Título/).inputValue(), dealTitle);

      // A free-text line: 1,5 h × R$ 199,99 with 10% off → R$ 269,99.
      const first = page.getByRole('group', { name: 'Item 1' });
      await first.getByRole('combobox', { name: /^Descrição/ }).fill('Consultoria de implantação');
      await first.getByLabel(/^Quantidade/).fill('1,5');
      await first.getByLabel(/^Unidade/).fill('h');
      await first.getByLabel(/^Preço unitário/).fill('199,99');
      await first.getByLabel(/^Desconto/).fill('10');
      await first.getByTestId('item-total').getByText(money('269,99')).waitFor();

      // A catalogue line, found by typing.
      await page.getByRole('button', { name: '+ Adicionar item' }).click();
      const second = page.getByRole('group', { name: 'Item 2' });
      await second.getByRole('combobox', { name: /^Descrição/ }).fill('suporte');
      await second.getByRole('option', { name: /Suporte mensal/ }).click();
      assert.equal(await second.getByLabel(/^Preço unitário/).inputValue(), '199,90');
      assert.equal(await second.getByLabel('Cobrança').inputValue(), 'monthly');
      await second.getByTestId('item-total').getByText(money('199,90')).waitFor();

      // 5% overall, live: one-time 256,49, recurring 189,90/mês, total 446,39.
      await page.getByLabel('Desconto geral (%)').fill('5');
      await page.getByTestId('total').getByText(money('446,39')).waitFor();
      await page.getByTestId('one-time').getByText(money('256,49')).waitFor();
      await page.getByTestId('recurring').getByText(/R\$\s189,90\/mês/).waitFor();

      await page.getByRole('button', { name: 'Salvar' }).click();
      await page.waitForURL(/\/crm\/propostas\/[0-9a-f-]{36}$/);
      proposalUrl = page.url();
      await page.getByRole('heading', { level: 1, name: `PROP-0001 — ${dealTitle}` }).waitFor();
      // The server's figures, the same as the preview.
      await page.getByText('Valores calculados pelo servidor.').waitFor();
      await page.getByTestId('total').getByText(money('446,39')).waitFor();
      await page.getByText('Rascunho', { exact: true }).first().waitFor();
    });

    await withScreenshot(page, 'proposal-pdf', async () => {
      const refused = [];
      const onConsole = (message) => {
        if (/Refused to (frame|load)/i.test(message.text())) refused.push(message.text());
      };
      page.on('console', onConsole);
      await page.getByRole('button', { name: 'Pré-visualizar PDF' }).click();
      const dialog = page.getByRole('dialog', { name: /Pré-visualizar PDF/ });
      const downloadLink = dialog.getByRole('link', { name: 'Baixar PDF' });
      await downloadLink.waitFor();
      // Shown inline: the server's CSP allows blob: frames.
      const frame = dialog.locator('iframe[title="PDF da proposta PROP-0001"]');
      await frame.waitFor();
      assert.match(await frame.getAttribute('src'), /^blob:/);
      await dialog.getByRole('link', { name: 'Abrir em nova aba' }).waitFor();
      await page.waitForTimeout(500);
      page.off('console', onConsole);
      assert.deepEqual(refused, [], 'the CSP lets the preview frame load');
      assert.equal(await dialog.getByText('Este navegador não mostra o PDF dentro da página.').count(), 0);
      const [download] = await Promise.all([page.waitForEvent('download'), downloadLink.click()]);
      assert.equal(download.suggestedFilename(), 'PROP-0001.pdf');
      const pdf = await readDownload(download);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      await dialog.getByRole('button', { name: 'Fechar' }).click();
      await dialog.waitFor({ state: 'hidden' });
    });

    await withScreenshot(page, 'proposal-send', async () => {
      await page.getByRole('button', { name: 'Enviar', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Enviar PROP-0001' });
      assert.equal(await dialog.getByLabel(/^E-mail do destinatário/).inputValue(), customerEmail);
      await dialog.getByRole('button', { name: 'Enviar proposta' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const panel = page.getByRole('status', { name: `Proposta enviada para ${customerEmail}` });
      await panel.waitFor();
      shownLink = await panel.getByLabel('Link público da proposta').inputValue();
      assert.match(new URL(shownLink).pathname, /^\/p\/[^/]+$/);
      await page.getByText('Enviada', { exact: true }).first().waitFor();
    });

    // The e-mail: the PDF attached and the same link.
    const { mail, links } = await waitForEmail(customerEmail, { subject: /PROP-0001/, pathPattern: /^\/p\/[^/]+$/ });
    const attachment = mail.attachments.find((file) => file.contentType === 'application/pdf');
    assert.ok(attachment, 'the e-mail carries the PDF');
    assert.equal(attachment.filename, 'PROP-0001.pdf');
    assert.equal(attachment.content.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(links.length > 0, true, 'the e-mail has the public link');
    const publicLink = links[0];
    assert.equal(new URL(publicLink).pathname, new URL(shownLink).pathname);

    // Later, on the proposal's page: the same link copied again, without sending anew.
    await a.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
    await page.reload();
    await page.getByRole('button', { name: 'Copiar link' }).click();
    await page.getByRole('button', { name: 'Copiado!' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shownLink);
    await page.getByText('Cadastre um telefone do cliente para compartilhar no WhatsApp.').waitFor();

    // The customer, on a phone, with no session.
    const b = await newPage(browser, { viewport: PHONE });
    const phone = b.page;
    await withScreenshot(phone, 'proposal-public', async () => {
      await phone.goto(publicLink);
      await phone.getByRole('heading', { level: 1, name: dealTitle }).waitFor();
      await phone.getByText(companyName).waitFor();
      await phone.getByText('PROP-0001').first().waitFor();
      await phone.getByText(customerName).waitFor();
      const items = phone.getByRole('list', { name: 'Itens da proposta' });
      await items.getByText('Consultoria de implantação').waitFor();
      await items.getByText('Suporte mensal').waitFor();
      await phone.getByTestId('public-total').getByText(money('446,39')).waitFor();
      // Nothing wider than the phone.
      const overflow = await phone.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      assert.equal(await phone.evaluate(() => globalThis.localStorage.getItem('conectcrm.refresh_token')), null);

      // The PDF is a plain link that works without a login.
      const href = await phone.getByRole('link', { name: 'Baixar PDF' }).getAttribute('href');
      const pdf = await b.context.request.get(href);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');

      await phone.getByRole('button', { name: 'Aceitar proposta' }).click();
      const form = phone.getByRole('form', { name: 'Aceitar proposta' });
      await form.getByRole('button', { name: 'Confirmar aceite' }).click();
      await form.getByText('Informe seu CPF/CNPJ ou e-mail.').waitFor();
      await form.getByLabel(/^Nome completo/).fill('Marina Costa Andrade');
      await form.getByLabel('CPF ou CNPJ').pressSequentially('52998224725');
      assert.equal(await form.getByLabel('CPF ou CNPJ').inputValue(), '529.982.247-25');
      await form.getByRole('checkbox', { name: /Declaro que li e aceito/ }).check();
      await form.getByRole('button', { name: 'Confirmar aceite' }).click();
      await phone.getByText(/^Proposta aceita em \d{2}\/\d{2}\/\d{4}/).waitFor();
      await phone.getByRole('button', { name: 'Aceitar proposta' }).waitFor({ state: 'detached' });
    });

    // Back with the owner: the open page follows live, then the contract and the board.
    await withScreenshot(page, 'proposal-accepted', async () => {
      await page.getByText(/^Aceita em /).waitFor({ timeout: 10_000 });
      await page.goto(proposalUrl);
      await page.getByText('Aceita', { exact: true }).first().waitFor();
      const decision = page.getByRole('status').filter({ hasText: /^Aceita em/ });
      await decision.getByText('Marina Costa Andrade').waitFor();
      await decision.getByText('529.982.247-25').waitFor();
      await decision.getByRole('link', { name: /^CT-0001/ }).waitFor();
      // Read-only now.
      assert.equal(await page.getByRole('button', { name: 'Salvar' }).count(), 0);

      await page.goto('/crm/contratos');
      const table = page.getByRole('table', { name: 'Contratos' });
      const row = table.getByRole('row').filter({ hasText: customerName });
      await row.getByText('Ativo').waitFor();
      await row.getByText('CT-0001').waitFor();
      await row.getByText(/R\$\s189,90\/mês/).waitFor();
      await row.getByRole('link', { name: dealTitle }).click();
      await page.getByRole('heading', { level: 1, name: `CT-0001 — ${dealTitle}` }).waitFor();
      await page.getByTestId('contract-recurring').getByText(/R\$\s189,90\/mês/).waitFor();
      await page.getByTestId('contract-one-time').getByText(money('256,49')).waitFor();
      await page.getByRole('group', { name: 'Ações do contrato' }).getByRole('button', { name: 'Suspender' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Assinar' }).count(), 0, 'an active contract is not signed again');

      await page.goto('/crm/oportunidades');
      await column(page, 'Ganho').getByRole('article', { name: dealTitle }).waitFor();
      assert.equal(await column(page, 'Novo').getByRole('article', { name: dealTitle }).count(), 0);

      // The customer's page lists both.
      await page.goto(`/crm/clientes/${customerId}`);
      await page.getByRole('region', { name: 'Propostas' }).getByText('Aceita').waitFor();
      await page.getByRole('region', { name: 'Contratos' }).getByText('Ativo').waitFor();
    });

    await b.context.close();
    await a.context.close();
  });

  test('a contract typed by hand: created as a draft, signed, suspended, resumed and cancelled with a reason', async () => {
    const owner = await signupOwner(`Contrato E2E ${Date.now()}`);
    const customerName = 'Hotel Beira Mar Ltda';
    const customer = await api('/customers', { method: 'POST', token: owner.token, body: { kind: 'company', name: customerName } });
    assert.equal(customer.status, 201, JSON.stringify(customer.body));

    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'contract-lifecycle', async () => {
      await login(page, owner.email);
      await page.goto('/crm/contratos');
      await page.getByText('Nenhum contrato ainda').waitFor();
      await page.getByRole('link', { name: 'Novo contrato' }).first().click();
      await page.waitForURL('**/crm/contratos/novo');

      await page.getByRole('combobox', { name: 'Cliente' }).fill('hotel');
      await page.getByRole('option', { name: new RegExp(customerName) }).click();
      await page.getByLabel(/^Título/).fill('Manutenção predial');
      await page.getByLabel('Prazo (meses)').fill('12');
      await page.getByLabel('Dia de cobrança').fill('10');
      const item = page.getByRole('group', { name: 'Item 1' });
      await item.getByRole('combobox', { name: /^Descrição/ }).fill('Manutenção mensal');
      await item.getByLabel(/^Preço unitário/).fill('1.200,00');
      await page.getByTestId('recurring').getByText(/R\$\s1\.200,00\/mês/).waitFor();
      await page.getByRole('button', { name: 'Criar contrato' }).click();

      await page.waitForURL(/\/crm\/contratos\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: 'CT-0001 — Manutenção predial' }).waitFor();
      await page.getByText('Todo dia 10').waitFor();
      await page.getByText('12 meses').waitFor();
      const actions = page.getByRole('group', { name: 'Ações do contrato' });
      const badge = () => page.getByRole('heading', { level: 1 }).locator('xpath=..').getByText(/^(Rascunho|Ativo|Suspenso|Cancelado|Encerrado)$/);
      assert.equal(await badge().textContent(), 'Rascunho');
      assert.equal(await actions.getByRole('button', { name: 'Suspender' }).count(), 0);

      const confirm = async (action, title) => {
        await actions.getByRole('button', { name: action, exact: true }).click();
        const dialog = page.getByRole('dialog', { name: title });
        await dialog.getByRole('button', { name: action, exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });
      };
      await confirm('Assinar', 'Assinar contrato?');
      await page.getByText(/^(Ativo)$/).first().waitFor();
      await actions.getByRole('button', { name: 'Suspender' }).waitFor();
      assert.equal(await actions.getByRole('button', { name: 'Assinar' }).count(), 0);

      await confirm('Suspender', 'Suspender contrato?');
      await actions.getByRole('button', { name: 'Retomar' }).waitFor();
      assert.equal(await badge().textContent(), 'Suspenso');
      await confirm('Retomar', 'Retomar contrato?');
      await actions.getByRole('button', { name: 'Suspender' }).waitFor();
      assert.equal(await badge().textContent(), 'Ativo');

      await actions.getByRole('button', { name: 'Cancelar contrato' }).click();
      const dialog = page.getByRole('dialog', { name: 'Cancelar CT-0001?' });
      await dialog.getByRole('button', { name: 'Cancelar contrato' }).click();
      await dialog.getByText('Informe o motivo do cancelamento.').waitFor();
      await dialog.getByLabel(/^Motivo/).fill('Cliente vendeu o prédio');
      await dialog.getByRole('button', { name: 'Cancelar contrato' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Cliente vendeu o prédio').waitFor();
      assert.equal(await badge().textContent(), 'Cancelado');
      assert.equal(await page.getByRole('group', { name: 'Ações do contrato' }).count(), 0);

      // The list filters by status.
      await page.goto('/crm/contratos');
      const table = page.getByRole('table', { name: 'Contratos' });
      await table.getByRole('link', { name: 'Manutenção predial' }).waitFor();
      await page.getByLabel('Situação').selectOption('active');
      await page.getByText('Nenhum contrato encontrado com estes filtros.').waitFor();
      await page.getByLabel('Situação').selectOption('cancelled');
      await table.getByRole('link', { name: 'Manutenção predial' }).waitFor();
    });
    await context.close();
  });

  test('a tampered or unknown link shows "Link inválido ou substituído"', async () => {
    const owner = await signupOwner(`Link E2E ${Date.now()}`);
    const customer = await api('/customers', {
      method: 'POST',
      token: owner.token,
      body: { kind: 'company', name: 'Padaria Pão Quente Ltda', emails: [uniqueEmail('padaria')] },
    });
    assert.equal(customer.status, 201, JSON.stringify(customer.body));
    const customerId = customer.body.customer?.id ?? customer.body.id;
    const created = await api('/proposals', {
      method: 'POST',
      token: owner.token,
      body: {
        customer_id: customerId,
        title: 'Forno industrial',
        terms: '',
        discount_bp: 0,
        items: [{ description: 'Forno', quantity: 1, unit_price_cents: 1_000_000, discount_bp: 0 }],
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const sent = await api(`/proposals/${created.body.id}/send`, { method: 'POST', token: owner.token, body: {} });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const path = new URL(sent.body.public_url).pathname;
    // One character in the middle of the secret (the last one carries padding bits).
    const at = path.length - 10;
    const tampered = `${path.slice(0, at)}${path[at] === 'x' ? 'y' : 'x'}${path.slice(at + 1)}`;

    const { context, page } = await newPage(browser, { viewport: PHONE });
    await withScreenshot(page, 'proposal-tampered', async () => {
      await page.goto(tampered);
      await page.getByRole('heading', { level: 1, name: 'Link inválido ou substituído' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Aceitar proposta' }).count(), 0);

      await page.goto('/p/nada-disso');
      await page.getByRole('heading', { level: 1, name: 'Link inválido ou substituído' }).waitFor();

      // The real link still works (the tampered one was not it).
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Forno industrial' }).waitFor();
    });
    await context.close();
  });
});
