// Browser test of the CEP lookup in an address form (Configurações →
// Empresa): typing a CEP fills street, district, city and UF from the CEP
// service — here a local server speaking ViaCEP's format, the one the
// server is pointed at by test.sh — and the cursor goes to the number; when
// the service cannot be reached the form says to type the address (a CEP
// alone makes no other field mandatory) and saves what was typed.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, missingConfig, newPage, signIn, signupConfirmed, uniqueEmail, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);
const CEP_PORT = Number(process.env.E2E_CEP_PORT);
if (!CEP_PORT) throw new Error('e2e: E2E_CEP_PORT is not set (see test.sh)');

const PASSWORD = 'senha-forte-2026';

/** ViaCEP's `/ws/<cep>/json/`: one CEP it knows, `{"erro": "true"}` for others. */
function fakeViaCep() {
  const server = createServer((req, res) => {
    const match = /^\/ws\/(\d{8})\/json\/$/.exec(req.url ?? '');
    res.writeHead(match ? 200 : 400, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify(
        match?.[1] === '01310100'
          ? { cep: '01310-100', logradouro: 'Avenida Paulista', complemento: 'de 612 a 1510 - lado par', bairro: 'Bela Vista', localidade: 'São Paulo', uf: 'SP' }
          : { erro: 'true' },
      ),
    );
  });
  return new Promise((resolve) => server.listen(CEP_PORT, '127.0.0.1', () => resolve(() => new Promise((r) => server.close(r)))));
}

describe('CEP lookup', () => {
  let browser;
  let stop = null;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await stop?.();
    await browser?.close();
  });

  test('a CEP fills the address; an unreachable service leaves the person typing it', async () => {
    const email = uniqueEmail('cep-dono');
    await signupConfirmed({ company_name: 'Papelaria Paulista', name: 'Dona Rosa', email, password: PASSWORD });
    const { page } = await newPage(browser);
    await signIn(page, email, PASSWORD);
    await page.goto('/configuracoes/empresa');
    const cep = page.getByLabel(/^CEP/);

    // No service listening yet: the form says to type the address, and the person does.
    await cep.fill('01310100');
    await page.getByText('Não foi possível consultar o CEP agora: preencha o endereço.').waitFor();
    assert.equal(await page.getByText('Informe o logradouro.').count(), 0, 'a CEP alone makes nothing mandatory');
    await page.getByLabel(/^Logradouro/).fill('Rua Augusta');
    await page.getByLabel(/^Número/).fill('10');
    await page.getByLabel(/^Bairro/).fill('Consolação');
    await page.getByLabel(/^Cidade/).fill('São Paulo');
    await page.getByLabel(/^Estado/).selectOption('SP');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByText('Dados da empresa salvos.').waitFor();

    stop = await fakeViaCep();
    await cep.fill('');
    await withScreenshot(page, 'cep-lookup', async () => {
      await cep.fill('01310-100');
      await page.getByText('Endereço preenchido pelo CEP: confira e informe o número.').waitFor();
    });
    assert.equal(await page.getByLabel(/^Logradouro/).inputValue(), 'Avenida Paulista');
    assert.equal(await page.getByLabel(/^Bairro/).inputValue(), 'Bela Vista');
    assert.equal(await page.getByLabel(/^Cidade/).inputValue(), 'São Paulo');
    assert.equal(await page.getByLabel(/^Estado/).inputValue(), 'SP');
    assert.equal(await page.getByLabel(/^Número/).evaluate((el) => el === el.ownerDocument.activeElement), true);
    await page.getByLabel(/^Número/).fill('1000');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByText('Dados da empresa salvos.').waitFor();
    await page.reload();
    await page.getByLabel(/^Logradouro/).waitFor();
    assert.equal(await page.getByLabel(/^Logradouro/).inputValue(), 'Avenida Paulista');

    await cep.fill('99999999');
    await page.getByText('CEP não encontrado: confira os números ou preencha o endereço.').waitFor();
  });
});
