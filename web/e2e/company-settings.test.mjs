// Browser test of Configurações → Empresa and Plano: the owner corrects a bad
// CNPJ, saves the company's data (kept after a reload), uploads a logo and
// sees the plan with its usage.
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, launchBrowser, missingConfig, newPage, signupConfirmed, uniqueEmail, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';

/** A valid 2×2 PNG, built here so the test carries no binary file. */
function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.from([0, 0x43, 0x38, 0xca, 0x10, 0xb9, 0x81]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('company settings', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the owner fixes a bad CNPJ, saves, uploads a logo and sees the plan', async () => {
    const email = uniqueEmail('empresa-dono');
    await signupConfirmed({ company_name: 'Ateliê Flor de Lis', name: 'Dona Rosa', email, password: PASSWORD });
    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'company-settings', async () => {
      await page.goto('/entrar');
      await page.getByLabel(/^E-mail/).fill(email);
      await page.getByLabel(/^Senha/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Entrar' }).click();
      await page.waitForURL('**/dashboard');
      await page.goto('/configuracoes/empresa');

      await page.getByLabel(/^CNPJ/).fill('11.222.333/0001-82');
      await page.getByRole('button', { name: 'Salvar', exact: true }).click();
      await page.getByText('CNPJ inválido: confira os dígitos.').waitFor();

      await page.getByLabel(/^CNPJ/).fill('12.ABC.345/01DE-35');
      await page.getByLabel(/^Nome fantasia/).fill('Flor de Lis');
      await page.getByRole('button', { name: 'Salvar', exact: true }).click();
      await page.getByText('Dados da empresa salvos.').waitFor();

      await page.reload();
      await page.getByLabel(/^Nome fantasia/).waitFor();
      assert.equal(await page.getByLabel(/^Nome fantasia/).inputValue(), 'Flor de Lis');
      assert.match(await page.getByLabel(/^CNPJ/).inputValue(), /12\.?ABC\.?345\/?01DE-?35/);

      await page.getByLabel('Escolher imagem').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png() });
      await page.getByRole('button', { name: 'Salvar logo' }).click();
      await page.getByRole('button', { name: 'Salvar logo' }).waitFor({ state: 'detached' });
      await page.goto('/configuracoes/plano');
      await page.getByText('Plano atual: Starter').waitFor();
    });
    await context.close();

    // The server kept the logo and the CNPJ.
    const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const { access_token: token } = await login.json();
    const company = await (await fetch(`${BASE_URL}/api/v1/company`, { headers: { authorization: `Bearer ${token}` } })).json();
    assert.equal(company.cnpj, '12ABC34501DE35');
    assert.equal(company.trade_name, 'Flor de Lis');
    assert.equal(company.has_logo, true);
  });
});
