// Browser test of Configurações → Tarefas com falha against a running server
// that serves the built app (see web/README.md): the owner finds it in the
// settings navigation, and a new company has none.
import { after, before, describe, test } from 'node:test';

import { launchBrowser, missingConfig, newPage, signupConfirmed, uniqueEmail, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';

async function signupOwner(companyName) {
  const email = uniqueEmail('tarefas-dono');
  await signupConfirmed({ company_name: companyName, name: 'Dona Clara', email, password: PASSWORD });
  return { email };
}

describe('failed jobs', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the owner opens "Tarefas com falha" from the settings and a new company has none', async () => {
    const owner = await signupOwner(`Tarefas E2E ${Date.now()}`);
    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'failed-jobs', async () => {
      await page.goto('/entrar');
      await page.getByLabel(/^E-mail/).fill(owner.email);
      await page.getByLabel(/^Senha/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Entrar' }).click();
      await page.waitForURL('**/dashboard');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Configurações' }).click();
      await page.getByRole('navigation', { name: 'Configurações' }).getByRole('link', { name: 'Tarefas com falha' }).click();
      await page.waitForURL('**/configuracoes/tarefas');
      await page.getByRole('heading', { level: 1, name: 'Tarefas com falha' }).waitFor();
      await page.getByText('Nenhuma tarefa falhou').waitFor();
      await page.getByText(/como o envio de e-mails/).waitFor();
    });
    await context.close();
  });
});
