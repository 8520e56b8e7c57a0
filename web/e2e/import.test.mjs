// Browser tests of the customer CSV import against a running server that
// serves the built app (see web/README.md): a Latin-1, `;` separated file
// from a spreadsheet, all-or-nothing (one bad row → nothing imported), then
// again skipping the bad row, and the imported customer found by an
// accent-free search.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, launchBrowser, missingConfig, newPage, signupConfirmed, uniqueEmail, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';

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

/** A new company and its owner, through the API. */
async function signupOwner(companyName) {
  const email = uniqueEmail('import-dono');
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

/** Reads a Playwright download into a Buffer. */
async function readDownload(download) {
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

// What a spreadsheet in Brazil saves: Windows-1252/Latin-1, `;`, CRLF. Line 3
// has a CPF with wrong check digits.
const CSV = Buffer.from(['Nome;CPF/CNPJ;E-mail', 'José Conceição;;jose@x.com.br', 'Bad;111.111.111-12;', ''].join('\r\n'), 'latin1');

describe('customer import', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('a Latin-1 ; file: all or nothing fails on the bad row, then skipping it imports the good one', async () => {
    assert.equal(CSV.includes(Buffer.from('Conceição', 'utf8')), false, 'the file is not UTF-8');
    const owner = await signupOwner(`Importação E2E ${Date.now()}`);
    const { context, page } = await newPage(browser);

    await withScreenshot(page, 'import-upload', async () => {
      await login(page, owner.email);
      await page.goto('/crm/clientes');
      await page.getByRole('link', { name: 'Importar CSV' }).click();
      await page.waitForURL('**/crm/clientes/importar');
      await page.getByRole('heading', { level: 1, name: 'Importar clientes' }).waitFor();
      await page.getByText('Nenhuma importação ainda.').waitFor();

      await page.getByLabel('Arquivo CSV').setInputFiles({ name: 'clientes-planilha.csv', mimeType: 'text/csv', buffer: CSV });
      await page.getByTestId('chosen-file').getByText('clientes-planilha.csv').waitFor();
      await page.getByRole('button', { name: 'Continuar' }).click();

      // What was detected, the preview decoded from Latin-1, and the suggested mapping.
      await page.getByTestId('import-encoding').getByText(/^Latin-1/).waitFor();
      await page.getByTestId('import-delimiter').getByText('ponto e vírgula (;)').waitFor();
      const preview = page.getByRole('table', { name: 'Primeiras linhas do arquivo' });
      await preview.getByRole('cell', { name: 'José Conceição' }).waitFor();
      await preview.getByRole('cell', { name: '111.111.111-12' }).waitFor();
      assert.equal(await page.getByLabel(/^Nome/).first().inputValue(), 'Nome');
      assert.equal(await page.getByLabel(/^CPF\/CNPJ/).inputValue(), 'CPF/CNPJ');
      assert.equal(await page.getByLabel(/^E-mail/).inputValue(), 'E-mail');
      assert.equal(await page.getByLabel(/^Cidade/).inputValue(), '');
      const skip = page.getByLabel('Importar as linhas válidas e pular as com erro');
      assert.equal(await skip.isChecked(), false, 'all or nothing by default');
      await page.getByText('Sem marcar, nada é importado se houver qualquer erro', { exact: false }).waitFor();
    });

    await withScreenshot(page, 'import-all-or-nothing', async () => {
      await page.getByRole('button', { name: 'Importar 2 linhas' }).click();
      await page.waitForURL(/\/crm\/clientes\/importar\?importacao=[0-9a-f-]{36}$/);
      await page.getByTestId('import-status').getByText('Nada importado').waitFor();
      await page.getByRole('alert').filter({ hasText: 'Nada foi importado' }).waitFor();
      const result = page.getByLabel('Resultado da importação').getByRole('definition');
      assert.deepEqual(await result.allInnerTexts(), ['0', '0', '1'], 'criados, atualizados, ignorados');

      const errors = page.getByRole('table', { name: 'Erros da importação' });
      const rows = errors.getByRole('row');
      assert.equal(await rows.count(), 2, 'header + one error');
      const cells = await rows.nth(1).getByRole('cell').allInnerTexts();
      assert.equal(cells[0], '3');
      assert.equal(cells[1], 'CPF/CNPJ');
      assert.match(cells[2], /CPF/);

      // The error report, built in the page.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Baixar erros (CSV)' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'clientes-planilha-erros.csv');
      const report = (await readDownload(download)).toString('utf8');
      assert.match(report, /^\uFEFFLinha;Campo;Mensagem\r\n3;CPF\/CNPJ;CPF/);

      // Nothing reached the customer list.
      const list = await api('/customers', { token: owner.token });
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 0, 'nothing imported');

      const history = page.getByRole('table', { name: 'Importações recentes' });
      await history.getByRole('row', { name: /clientes-planilha\.csv.*Nada importado/ }).waitFor();
    });

    await withScreenshot(page, 'import-skipping', async () => {
      // Back with the same file and columns, "skip" ticked for us.
      await page.getByRole('button', { name: 'Voltar e pular as linhas com erro' }).click();
      await page.waitForURL(/\/crm\/clientes\/importar$/);
      const skip = page.getByLabel('Importar as linhas válidas e pular as com erro');
      await skip.waitFor();
      assert.equal(await skip.isChecked(), true);
      assert.equal(await page.getByLabel(/^CPF\/CNPJ/).inputValue(), 'CPF/CNPJ');
      await page.getByRole('button', { name: 'Importar 2 linhas' }).click();
      await page.waitForURL(/\/crm\/clientes\/importar\?importacao=[0-9a-f-]{36}$/);
      await page.getByTestId('import-status').getByText('Concluída').waitFor();
      await page.getByText('1 linha com erro foi pulada', { exact: false }).waitFor();
      const result = page.getByLabel('Resultado da importação').getByRole('definition');
      assert.deepEqual(await result.allInnerTexts(), ['1', '0', '1'], 'criados, atualizados, ignorados');
      const errors = page.getByRole('table', { name: 'Erros da importação' });
      assert.equal(await errors.getByRole('row').count(), 2);

      const history = page.getByRole('table', { name: 'Importações recentes' });
      await history.getByRole('row', { name: /Concluída/ }).waitFor();
      await history.getByRole('row', { name: /Nada importado/ }).waitFor();
    });

    await withScreenshot(page, 'import-search', async () => {
      await page.getByRole('link', { name: 'Ver clientes' }).click();
      await page.waitForURL('**/crm/clientes');
      const table = page.getByRole('table', { name: 'Clientes' });
      await table.getByRole('link', { name: 'José Conceição' }).waitFor();
      await page.getByLabel('Buscar clientes').fill('jose conceicao');
      await page.waitForURL(/[?&]q=jose(\+|%20)conceicao/);
      await table.getByRole('link', { name: 'José Conceição' }).waitFor();
      assert.equal(await table.getByRole('row').count(), 2, 'header + one customer');
      await table.getByText('jose@x.com.br').waitFor();
      assert.equal(await table.getByRole('link', { name: 'Bad' }).count(), 0);
    });

    await context.close();
  });
});
