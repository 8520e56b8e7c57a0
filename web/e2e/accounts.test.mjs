// Browser tests of the accounts flows against a running server that serves
// the built app (see web/README.md for how to run them).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, missingConfig, newPage, signupConfirmed, uniqueEmail, waitForEmailLink, withScreenshot } from './support.mjs';

// Missing configuration is an error, not a skip: a CI run that silently
// tested nothing would look green.
const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';

describe('accounts', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('owner signs up, invites an agent, and the agent gets only the agent areas', async () => {
    const ownerEmail = uniqueEmail('dona');
    const agentEmail = uniqueEmail('atendente');
    const companyName = `Padaria E2E ${Date.now()}`;
    const owner = await newPage(browser);
    const page = owner.page;

    await withScreenshot(page, 'invite-owner', async () => {
      // Sign up: the new owner lands on the Painel.
      await page.goto('/cadastro');
      await page.getByLabel(/^Nome da empresa/).fill(companyName);
      await page.getByLabel(/^Seu nome/).fill('Dona Maria Silva');
      await page.getByLabel(/^E-mail/).fill(ownerEmail);
      await page.getByLabel(/^Senha/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Criar conta' }).click();
      await page.waitForURL('**/dashboard');
      await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();

      // Log out, then back in.
      await page.getByRole('button', { name: 'Sair' }).click();
      await page.waitForURL('**/entrar');
      await page.getByLabel(/^E-mail/).fill(ownerEmail);
      await page.getByLabel(/^Senha/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Entrar' }).click();
      await page.waitForURL('**/dashboard');

      // Configurações → Usuários → invite an agent.
      const nav = page.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('link', { name: 'Configurações' }).click();
      await page.waitForURL('**/configuracoes/empresa');
      await page.getByRole('navigation', { name: 'Configurações' }).getByRole('link', { name: 'Usuários' }).click();
      await page.waitForURL('**/configuracoes/usuarios');
      await page.getByRole('cell', { name: /Dona Maria Silva/ }).waitFor();

      const invite = page.getByRole('region', { name: 'Convidar pessoa' });
      await invite.getByLabel(/^E-mail/).fill(agentEmail);
      await invite.getByLabel(/^Papel/).selectOption({ label: 'Atendente' });
      await invite.getByRole('button', { name: 'Enviar convite' }).click();
      await invite.getByText(`Convite enviado para ${agentEmail}`).waitFor();
      await page.getByRole('region', { name: 'Convites pendentes' }).getByText(agentEmail).waitFor();
    });

    // The invitation e-mail, opened in another browser profile.
    const link = await waitForEmailLink(agentEmail, /^\/convite\/[^/]+$/);
    const agent = await newPage(browser);
    const agentPage = agent.page;
    await withScreenshot(agentPage, 'invite-agent', async () => {
      await agentPage.goto(link);
      await agentPage.getByText(companyName).waitFor();
      await agentPage.getByText(agentEmail).waitFor();
      await agentPage.getByLabel(/^Seu nome/).fill('João Atendente');
      await agentPage.getByLabel(/^Crie uma senha/).fill(PASSWORD);
      await agentPage.getByRole('button', { name: 'Aceitar convite e entrar' }).click();
      // An agent starts in the inbox.
      await agentPage.waitForURL('**/atendimento');
      await agentPage.getByText('Atendente ·').waitFor();

      // The agent's navigation has Atendimento but no Configurações...
      const nav = agentPage.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('link', { name: 'Atendimento' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Configurações' }).count(), 0);
      assert.equal(await nav.getByRole('link', { name: 'CRM' }).count(), 0);

      // ...and opening the page directly is refused.
      await agentPage.goto('/configuracoes/usuarios');
      await agentPage.getByRole('heading', { name: 'Acesso negado' }).waitFor();
    });

    await agent.context.close();
    await owner.context.close();
  });

  test('forgot password: the e-mailed link sets a new password that logs in', async () => {
    const email = uniqueEmail('esqueci');
    const newPassword = 'nova-senha-2026!';

    // Set-up through the API: a company and its owner.
    await signupConfirmed({ company_name: `Oficina E2E ${Date.now()}`, name: 'Carlos Souza', email, password: PASSWORD });

    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'reset-request', async () => {
      await page.goto('/entrar');
      await page.getByRole('link', { name: 'Esqueci minha senha' }).click();
      await page.waitForURL('**/esqueci-senha');
      await page.getByLabel(/^E-mail/).fill(email);
      await page.getByRole('button', { name: 'Enviar link' }).click();
      await page.getByText('Verifique seu e-mail').waitFor();
    });

    const link = await waitForEmailLink(email, /^\/redefinir-senha\/[^/]+$/);
    await withScreenshot(page, 'reset-use', async () => {
      await page.goto(link);
      await page.getByLabel(/^Nova senha/).fill(newPassword);
      await page.getByLabel(/^Repita a nova senha/).fill(newPassword);
      await page.getByRole('button', { name: 'Salvar nova senha' }).click();
      await page.getByText('Senha alterada').waitFor();

      // The old password no longer works; the new one does.
      await page.getByRole('link', { name: 'Ir para o login' }).click();
      await page.waitForURL('**/entrar');
      await page.getByLabel(/^E-mail/).fill(email);
      await page.getByLabel(/^Senha/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Entrar' }).click();
      await page.getByText('E-mail ou senha incorretos.').waitFor();

      await page.getByLabel(/^Senha/).fill(newPassword);
      await page.getByRole('button', { name: 'Entrar' }).click();
      await page.waitForURL('**/dashboard');
      await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
    });
    await context.close();
  });
});
