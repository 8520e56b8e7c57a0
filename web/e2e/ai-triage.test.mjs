// Browser test of the AI triage against a running server that serves the
// built app (see web/README.md): a web-chat visitor threatens to cancel and
// to go to Procon; the owner finds the ticket in the inbox (the unhappy face,
// the sentiment filter) and reads its triage in the side panel (intent,
// urgent priority, the "ameaça jurídica" cue); lowering the priority marks
// the triage corrected; "Sugerir resposta" offers the company's canned
// response about cancelling; Configurações → Triagem shows the accuracy of the
// last 30 days (1 triaged, 1 corrected: 0%) and tries a message out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, launchBrowser, missingConfig, newPage, signIn, signupConfirmed, uniqueEmail, visitorWrites, waitForTicket, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
// "é um absurdo" makes the tone negative (without it LeIA scores the message −0.25: neutral);
// 80 characters at most, so the web chat's subject (its first 80) is the whole message.
const MESSAGE = 'Quero cancelar meu plano, o sistema está fora do ar, é um absurdo. Vou no Procon';
/** The visitor's message becomes a ticket through a job; the triage's correction reaches the panel on the next read. */
const LIVE_MS = 30_000;

describe('AI triage: the ticket’s triage, corrections and accuracy', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('an angry cancellation is triaged urgent, the agent corrects it, and the settings show the accuracy and try a message', async () => {
    const email = uniqueEmail('triagem-dono');
    const pair = await signupConfirmed({ company_name: `Triagem E2E ${Date.now()}`, name: 'Dona Lúcia', email, password: PASSWORD });
    const token = pair.access_token;
    const channel = await api('/channels', { method: 'POST', token, body: { kind: 'webchat', name: 'Site' } });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    const canned = await api('/canned-responses', {
      method: 'POST',
      token,
      body: { shortcut: 'cancelamento', title: 'Cancelamento', body: 'Sentimos muito! Vamos verificar o cancelamento do seu plano agora.' },
    });
    assert.equal(canned.status, 201, JSON.stringify(canned.body));
    await visitorWrites(channel.body.public_id, MESSAGE);
    const ticket = await waitForTicket(token, MESSAGE, { timeoutMs: LIVE_MS });

    // What the server decided (the starter model and the urgency cues), before looking at the screen.
    assert.equal(ticket.intent, 'cancelar', JSON.stringify(ticket));
    assert.equal(ticket.priority, 'urgent', JSON.stringify(ticket));
    assert.ok(ticket.sentiment === 'negative' || ticket.sentiment === 'very_negative', JSON.stringify(ticket));
    const triages = await api(`/tickets/${ticket.id}/triage`, { token });
    assert.equal(triages.status, 200, JSON.stringify(triages.body));
    assert.ok(triages.body[0].cues.includes('ameaça jurídica'), JSON.stringify(triages.body));

    // Wide enough for the inbox's side panel to show beside the conversation.
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    const ticketList = page.getByRole('list', { name: 'Tickets' });
    const row = ticketList.getByRole('link', { name: new RegExp(`#${ticket.number}`) });

    await withScreenshot(page, 'ai-triage-inbox', async () => {
      await signIn(page, email, PASSWORD);
      await page.goto('/atendimento?visao=all');
      // The unhappy customer stands out in the list.
      await row.getByRole('img', { name: /^Sentimento: (muito )?negativo$/ }).waitFor();

      // The sentiment filter goes to the URL and to the list query.
      await page.getByRole('button', { name: 'Filtros' }).click();
      await page.getByLabel('Sentimento', { exact: true }).selectOption({ label: 'Positivos' });
      await page.waitForURL(/sentimento=positive/);
      await page.getByText('Nenhum ticket com estes filtros.').waitFor();
      await page.getByLabel('Sentimento', { exact: true }).selectOption({ label: 'Negativos' });
      await page.getByLabel('Intenção', { exact: true }).selectOption({ label: 'Cancelar' });
      await page.waitForURL(/sentimento=negative.*intencao=cancelar|intencao=cancelar.*sentimento=negative/);
      await row.click();
      await page.waitForURL(`**/atendimento/${ticket.id}**`);
    });

    const triage = page.getByRole('complementary', { name: 'Cliente' }).getByRole('region', { name: 'Triagem' });
    await withScreenshot(page, 'ai-triage-panel', async () => {
      await triage.getByText('Cancelar', { exact: true }).waitFor();
      await triage.getByText('Urgente', { exact: true }).waitFor();
      await triage.getByRole('list', { name: 'Sinais de urgência' }).getByText('ameaça jurídica').waitFor();
      // A new company has no rules nor model of its own yet: the built-in model decided, and says why.
      await triage.getByText('Modelo inicial', { exact: true }).waitFor();
      await triage.getByText(/^Modelo inicial: intenção cancelar/).waitFor();
      assert.equal(await triage.getByText(/Corrigido pelo agente/).count(), 0);

      // The agent disagrees: not urgent, only high. The triage counts as corrected.
      await page.getByLabel('Prioridade', { exact: true }).selectOption('high');
      await triage.getByText('Corrigido pelo agente (prioridade).').waitFor({ timeout: LIVE_MS });

      // A reply suggested from the company's canned responses, to edit before sending.
      await page.getByRole('button', { name: 'Sugerir resposta' }).click();
      const suggested = page.getByRole('region', { name: 'Sugestões de resposta' });
      await suggested.getByText('Resposta pronta: Cancelamento').waitFor();
      await suggested.getByRole('button', { name: 'Usar' }).first().click();
      // The panel closes once the text is in the box.
      await suggested.waitFor({ state: 'detached' });
      assert.equal(await page.getByLabel('Mensagem para o cliente').inputValue(), 'Sentimos muito! Vamos verificar o cancelamento do seu plano agora.');
    });

    await withScreenshot(page, 'ai-triage-settings', async () => {
      await page.getByRole('main').getByRole('link', { name: 'Configurações', exact: true }).click();
      await page.getByRole('link', { name: 'Triagem', exact: true }).click();
      await page.waitForURL('**/atendimento/configuracoes/triagem');

      const accuracy = page.getByRole('region', { name: 'Precisão da triagem (30 dias)' });
      await accuracy.getByText('Tickets triados').waitFor();
      const stats = (await accuracy.getByRole('definition').allInnerTexts()).map((text) => text.trim());
      assert.deepEqual(stats, ['0%', '1', '1'], 'precisão, triados, corrigidos');
      const byCategory = accuracy.getByRole('table', { name: 'Por categoria' });
      await byCategory.getByRole('row', { name: /Sem categoria\s+1\s+1\s+0%/ }).waitFor();
      await accuracy.getByRole('table', { name: 'Por quem decidiu' }).getByRole('row', { name: /1\s+1\s+0%/ }).waitFor();
      await accuracy.getByText(/^Ainda sem modelo próprio: a triagem usa o modelo inicial até haver 10 exemplos corrigidos ou resolvidos\./).waitFor();

      // Trying a message out: nothing is stored.
      const tryIt = page.getByRole('form', { name: 'Testar triagem' });
      await tryIt.getByRole('button', { name: 'Testar triagem' }).click();
      await tryIt.getByText('Escreva a mensagem a classificar.').waitFor();
      await tryIt.getByLabel('Mensagem do cliente').fill('preciso da segunda via do boleto');
      await tryIt.getByRole('button', { name: 'Testar triagem' }).click();
      const result = page.getByRole('region', { name: 'Resultado da triagem' });
      await result.getByText('2ª via / boleto', { exact: true }).waitFor();
    });
    await context.close();

    // The preview stored nothing: still one triaged ticket.
    const report = await api('/ai/triage/accuracy?days=30', { token });
    assert.equal(report.status, 200, JSON.stringify(report.body));
    assert.deepEqual([report.body.triaged, report.body.corrected, report.body.accuracy], [1, 1, 0]);
  });
});
