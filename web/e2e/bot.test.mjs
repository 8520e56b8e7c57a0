// Browser test of the service bot ("Bot IA") against a running server that
// serves the built app (see web/README.md). The owner opens Automação →
// Bot, sees a field error from the server next to the greeting, writes the
// greeting and a FAQ entry, switches the bot on for the web chat only and
// saves; "Testar o bot" answers "oi" with the greeting and the menu and "1"
// with the example invoices (FAT-0001), saving nothing. Then a web-chat
// visitor asks about the opening hours: the ticket's thread shows the bot's
// answer from "Bot IA" and the side panel its "Bot IA" block; when the
// visitor asks for a person, the block turns "Transferido" (live, no
// reload) and the handover note is in the thread. An agent has no "Bot":
// no Automação in the menu, "Acesso negado" at its address, 403 from the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, inviteUser, launchBrowser, missingConfig, newPage, signIn, signupConfirmed, startChat, uniqueEmail, waitForTicket, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
/** The visitor's message becomes a ticket, and the bot's answer a job: both run in the background. */
const LIVE_MS = 30_000;
const COMPANY = `Bot E2E ${Date.now()}`;
const GREETING = 'Olá! Aqui é o assistente virtual da {{empresa}}.';
const FAQ = { question: 'Qual o horário?', answer: 'Das 8h às 18h.' };
const ASKS_HOURS = 'qual o horário?';
const ASKS_PERSON = 'quero falar com um atendente';

describe('the service bot: settings, a simulated chat and a web-chat conversation handed over', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the owner sets the bot up and tries it; it answers a visitor from the FAQ and hands over on request', async () => {
    const email = uniqueEmail('bot-dono');
    const pair = await signupConfirmed({ company_name: COMPANY, name: 'Dona Sônia', email, password: PASSWORD });
    const token = pair.access_token;
    const channel = await api('/channels', { method: 'POST', token, body: { kind: 'webchat', name: 'Site' } });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));

    // Wide enough for the inbox's side panel to show beside the conversation.
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    const form = page.getByRole('form', { name: 'Configurações do bot' });
    await withScreenshot(page, 'bot-settings', async () => {
      await signIn(page, email, PASSWORD);
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Automação' }).click();
      await page.waitForURL('**/automacao');
      await page.getByRole('navigation', { name: 'Automação' }).getByRole('link', { name: 'Bot' }).click();
      await page.waitForURL('**/automacao/bot');

      // The server's field errors land next to their fields.
      const greeting = form.getByLabel('Saudação');
      await greeting.fill('');
      await form.getByRole('button', { name: 'Salvar' }).click();
      await form.getByText('Escreva a saudação (até 1.000 caracteres).').waitFor();
      assert.equal(await greeting.getAttribute('aria-invalid'), 'true');

      await greeting.fill(GREETING);
      await form.getByRole('button', { name: 'Adicionar pergunta' }).click();
      await form.getByLabel('Pergunta 1', { exact: true }).fill(FAQ.question);
      await form.getByLabel('Resposta da pergunta 1').fill(FAQ.answer);
      await form.getByRole('checkbox', { name: 'WhatsApp' }).uncheck();
      assert.ok(await form.getByRole('checkbox', { name: 'Chat do site' }).isChecked());
      await form.getByRole('switch', { name: 'Ligado' }).check();
      await form.getByRole('button', { name: 'Salvar' }).click();
      await form.getByText('Bot salvo.').waitFor();
    });
    const saved = await api('/bot/settings', { token });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(
      [saved.body.enabled, saved.body.channels, saved.body.greeting, saved.body.faq],
      [true, ['webchat'], GREETING, [FAQ]],
      JSON.stringify(saved.body),
    );

    await withScreenshot(page, 'bot-tester', async () => {
      const tester = page.getByRole('region', { name: 'Testar o bot' });
      const input = tester.getByLabel('Mensagem do cliente');
      const chat = tester.getByRole('list', { name: 'Conversa simulada' });
      // As a WhatsApp customer (the default): identified by the provider, so the 2ª via is allowed.
      await input.fill('oi');
      await input.press('Enter');
      await chat.getByText(`Olá! Aqui é o assistente virtual da ${COMPANY}.`, { exact: false }).waitFor();
      await chat.getByText(/Responda com o número da opção/).waitFor();
      await input.fill('1');
      await input.press('Enter');
      await chat.getByText(/FAT-0001/).waitFor();
      assert.deepEqual(await chat.getByRole('listitem', { name: 'Cliente' }).allInnerTexts(), ['oi', '1']);

      await tester.getByRole('button', { name: 'Recomeçar' }).click();
      await chat.waitFor({ state: 'detached' });
    });
    // The simulation changed nothing.
    assert.deepEqual((await api('/bot/settings', { token })).body, saved.body);

    // A visitor of the site asks about the opening hours: the bot answers from the FAQ.
    const write = await startChat(channel.body.public_id);
    await write(ASKS_HOURS);
    const ticket = await waitForTicket(token, ASKS_HOURS, { timeoutMs: LIVE_MS });

    const panel = page.getByRole('complementary', { name: 'Cliente' }).getByRole('region', { name: 'Bot IA' });
    await withScreenshot(page, 'bot-ticket', async () => {
      await page.goto(`/atendimento/${ticket.id}`);
      const replies = page.getByRole('article', { name: 'Resposta de Bot IA' });
      await replies.filter({ hasText: FAQ.answer }).waitFor({ timeout: LIVE_MS });
      await panel.getByText('No menu', { exact: true }).waitFor({ timeout: LIVE_MS });
      await panel.getByText('Resolveu sozinho', { exact: true }).waitFor();

      // Asking for a person: the bot hands over, and the open ticket shows it without a reload.
      await write(ASKS_PERSON);
      await panel.getByText('Transferido', { exact: true }).waitFor({ timeout: LIVE_MS });
      await panel.getByText('a pedido do cliente', { exact: true }).waitFor();
      await panel.getByRole('list', { name: 'O que o bot fez' }).getByText(/Transferiu para um atendente/).waitFor();
      await page.getByRole('article', { name: 'Nota interna de Bot IA' }).filter({ hasText: 'Bot IA transferiu a conversa: a pedido do cliente' }).waitFor({ timeout: LIVE_MS });
    });
    await context.close();

    const bot = await api(`/tickets/${ticket.id}/bot`, { token });
    assert.equal(bot.status, 200, JSON.stringify(bot.body));
    assert.deepEqual([bot.body.step, bot.body.resolved, bot.body.handover_reason], ['handed_over', true, 'a pedido do cliente'], JSON.stringify(bot.body));

    // An agent works the inbox but does not configure the bot.
    const agent = await inviteUser(token, { role: 'agent', name: 'Ivo Atendente', password: PASSWORD, prefix: 'bot-agente' });
    const refused = await api('/bot/settings', { token: agent.token });
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    const agentPage = await newPage(browser);
    await withScreenshot(agentPage.page, 'bot-agent', async () => {
      await signIn(agentPage.page, agent.email, PASSWORD, '**/atendimento');
      const nav = agentPage.page.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('link', { name: 'Atendimento' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Automação' }).count(), 0);
      await agentPage.page.goto('/automacao/bot');
      await agentPage.page.getByRole('heading', { name: 'Acesso negado' }).waitFor();
      assert.equal(await agentPage.page.getByRole('form', { name: 'Configurações do bot' }).count(), 0);
    });
    await agentPage.context.close();
  });
});
