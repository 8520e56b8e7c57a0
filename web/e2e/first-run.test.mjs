// Browser test of a company's first run against a running server that
// serves the built app (see web/README.md). The owner signs up and lands on
// the Painel with the setup guide at 0 de 6; the empty inbox points to its
// next step (connect a channel); back on the Painel, the web chat is
// connected in one click from the guide, its code is on screen and the step
// ticks (1 de 6); "Ocultar guia" hides it for good. An agent invited to the
// company starts in the inbox, which says plainly that nothing is open, and a
// deep link opened while signed out is where the login goes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, BASE_URL, inviteUser, launchBrowser, missingConfig, newPage, signIn, uniqueEmail, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';

describe('first run', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the owner follows the setup guide; an agent starts in the inbox', async () => {
    const ownerEmail = uniqueEmail('primeiros-passos');
    const owner = await newPage(browser);
    const { page } = owner;
    const guide = page.getByRole('region', { name: 'Primeiros passos' });
    const nav = page.getByRole('navigation', { name: 'Principal' });

    await withScreenshot(page, 'first-run-guide', async () => {
      await page.goto('/cadastro');
      await page.getByLabel(/^Nome da empresa/).fill(`Primeiros Passos E2E ${Date.now()}`);
      await page.getByLabel(/^Seu nome/).fill('Dona Cida Prado');
      await page.getByLabel(/^E-mail/).fill(ownerEmail);
      await page.getByLabel(/^Senha/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Criar conta' }).click();
      await page.waitForURL('**/dashboard');
      await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
      await nav.getByRole('link', { name: 'Painel' }).waitFor();

      // A new company: nothing done yet.
      await guide.getByText(/^[01] de 6$/).waitFor();
      assert.equal(await guide.getByText('0 de 6').count(), 1);
      const steps = guide.getByRole('list', { name: 'Passos da configuração' }).getByRole('listitem');
      assert.deepEqual(
        (await steps.evaluateAll((items) => items.map((item) => item.querySelector('p')?.textContent))),
        ['Dados da empresa', 'Convidar a equipe', 'Conectar um canal', 'Cadastrar produtos', 'Configurar PIX ou gateway', 'Criar o primeiro funil'],
      );
      assert.equal(await guide.getByRole('img', { name: 'A fazer' }).count(), 6);
      assert.equal(
        await guide.getByRole('listitem', { name: 'Dados da empresa' }).getByRole('link').getAttribute('href'),
        '/configuracoes/empresa',
      );
    });

    await withScreenshot(page, 'first-run-inbox-no-channel', async () => {
      // The inbox without a channel says what to do next.
      await nav.getByRole('link', { name: 'Atendimento' }).click();
      await page.waitForURL('**/atendimento');
      await page.getByText('Nenhum canal conectado ainda.').waitFor();
      await page.getByRole('region', { name: 'Lista de tickets' }).getByRole('button', { name: 'Conectar o chat do site' }).waitFor();
      await nav.getByRole('link', { name: 'Painel' }).click();
      await page.waitForURL('**/dashboard');
    });

    let publicId;
    await withScreenshot(page, 'first-run-webchat', async () => {
      // One click in the guide: the web chat exists, its code is on screen, the step ticks.
      const channelStep = guide.getByRole('listitem', { name: 'Conectar um canal' });
      await channelStep.getByRole('button', { name: 'Conectar o chat do site' }).click();
      await channelStep.getByText('Chat do site conectado').waitFor();
      const snippet = await channelStep.getByRole('textbox', { name: 'Código para o site' }).inputValue();
      const match = /^<script src="(.+)\/widget\.js" data-channel="([^"]+)" async><\/script>$/.exec(snippet);
      assert.ok(match, snippet);
      assert.equal(match[1], BASE_URL);
      publicId = match[2];
      await channelStep.getByRole('img', { name: 'Concluído' }).waitFor();
      await guide.getByText('1 de 6').waitFor();
      assert.equal(await channelStep.getByRole('button', { name: 'Conectar o chat do site' }).count(), 0);
    });

    // The code is real: the widget and the channel's public settings answer.
    const widget = await fetch(`${BASE_URL}/widget.js`);
    assert.equal(widget.status, 200);
    const publicChat = await api(`/public/webchat/${publicId}`);
    assert.equal(publicChat.status, 200, JSON.stringify(publicChat.body));

    await withScreenshot(page, 'first-run-hide', async () => {
      await guide.getByRole('button', { name: 'Ocultar guia' }).click();
      await guide.waitFor({ state: 'detached' });
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
      // The Painel's own areas load; the guide stays hidden.
      await page.getByRole('region', { name: 'Atendimento', exact: true }).waitFor();
      assert.equal(await guide.count(), 0);
    });
    await owner.context.close();

    // An agent of the company.
    const login = await api('/auth/login', { method: 'POST', body: { email: ownerEmail, password: PASSWORD } });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const agent = await inviteUser(login.body.access_token, { role: 'agent', name: 'Ivo Atendente', password: PASSWORD, prefix: 'primeiros-passos-agente' });

    const second = await newPage(browser);
    await withScreenshot(second.page, 'first-run-agent', async () => {
      const agentPage = second.page;
      await signIn(agentPage, agent.email, PASSWORD, '**/atendimento');
      await agentPage.getByRole('heading', { level: 1, name: 'Atendimento' }).waitFor();
      await agentPage.getByText('Nenhuma conversa em aberto.').waitFor();
      await agentPage.getByText(/Quando um cliente escrever em um dos canais da empresa/).waitFor();
      assert.equal(await agentPage.getByRole('button', { name: 'Conectar o chat do site' }).count(), 0);
      // `/` is the agent's start page too.
      await agentPage.goto('/');
      await agentPage.waitForURL('**/atendimento');
    });
    await second.context.close();

    // A deep link opened while signed out is where the login goes.
    const third = await newPage(browser);
    await withScreenshot(third.page, 'first-run-deep-link', async () => {
      const linkPage = third.page;
      await linkPage.goto('/insights/tendencias');
      await linkPage.waitForURL('**/entrar?redirectTo=*');
      await linkPage.getByLabel(/^E-mail/).fill(agent.email);
      await linkPage.getByLabel(/^Senha/).fill(PASSWORD);
      await linkPage.getByRole('button', { name: 'Entrar' }).click();
      await linkPage.waitForURL('**/insights/tendencias');
      await linkPage.getByRole('navigation', { name: 'Insights' }).waitFor();
    });
    await third.context.close();
  });
});
