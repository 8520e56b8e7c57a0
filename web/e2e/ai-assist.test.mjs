// Browser test of the ticket's summary and the LLM's help to the agent,
// against a running server that serves the built app (see web/README.md).
// A web-chat customer asks about a wrong invoice and, later, gives their
// CPF; the side panel's "Resumo" shows the conversation's own sentences,
// and a transfer to the finance team with "Incluir resumo da conversa na
// nota" leaves that summary in the internal note. Then the company turns
// on an OpenAI-compatible LLM — a fake one on E2E_HOOK_PORT, the only local
// address the operator's egress allow-list names: "Rascunho com IA" puts a
// reply in the composer (not sent) with the real link of the customer's
// open invoice, the LLM never sees the CPF, and "Resumir com IA" shows the
// LLM's summary.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';

import { api, launchBrowser, missingConfig, newPage, signIn, signupConfirmed, startChat, uniqueEmail, waitForTicket, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);
const HOOK_PORT = Number(process.env.E2E_HOOK_PORT ?? '');
if (!HOOK_PORT) throw new Error('e2e: set E2E_HOOK_PORT (a port the server may call, see test.sh)');

const PASSWORD = 'senha-forte-2026';
/** The visitor's messages become a ticket through a job; notes and replies arrive live. */
const LIVE_MS = 30_000;
// At most 80 characters, so the web chat's subject (its first 80) is the whole message.
const FIRST = 'Meu boleto de novembro veio com o valor errado, podem corrigir?';
const REPLY = 'Vamos conferir o valor do boleto de novembro e enviar a correção ainda hoje.';
const CPF = '123.456.789-09';
const SECOND = `Meu CPF é ${CPF}, preciso pagar o boleto corrigido até sexta-feira.`;
const LLM_SUMMARY = 'O cliente recebeu o boleto de novembro com valor errado; a equipe vai corrigir e reenviar.';

/** A chat completion as OpenAI answers it, its content the JSON the schema asked for. */
function completion(content) {
  return {
    id: 'chatcmpl-e2e',
    object: 'chat.completion',
    model: 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(content) }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

/**
 * An OpenAI-compatible server: keeps every request and answers by the
 * schema the server asked for — a triage, a summary or a reply (which
 * links the first invoice the prompt offers, by its placeholder).
 */
function fakeOpenAi() {
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw || '{}');
      const schema = body.response_format?.json_schema?.name;
      received.push({ path: req.url, raw, body, schema });
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const prompt = (body.messages ?? []).map((m) => m.content).join('\n');
      let content;
      if (schema === 'resposta') {
        const placeholder = prompt.match(/\[link FAT-\d+\]/)?.[0];
        content = { reply: `Olá! Conferimos o boleto de novembro e o valor foi corrigido.${placeholder ? ` Para pagar: ${placeholder}` : ''}` };
      } else if (schema === 'resumo') {
        content = { summary: LLM_SUMMARY };
      } else {
        content = { category: null, intent: 'segunda_via', priority: 'normal', sentiment: 'neutral', reason: 'Pedido de boleto.' };
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(content)));
    });
  });
  return new Promise((resolve) => {
    server.listen(HOOK_PORT, '127.0.0.1', () => resolve({ received, close: () => new Promise((r) => server.close(r)) }));
  });
}

/** The ticket's messages (newest first) once `count` of them are there. */
async function waitForMessages(token, ticketId, count) {
  const deadline = Date.now() + LIVE_MS;
  for (;;) {
    const { status, body } = await api(`/tickets/${ticketId}/messages?limit=100`, { token });
    assert.equal(status, 200, JSON.stringify(body));
    if (body.items.length >= count) return body.items;
    if (Date.now() > deadline) throw new Error(`ticket ${ticketId}: ${body.items.length} of ${count} messages after ${LIVE_MS} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What the first test leaves for the second. */
const shared = {};

describe('the ticket’s summary and the LLM’s help', () => {
  let browser;
  let llm;

  before(async () => {
    browser = await launchBrowser();
    llm = await fakeOpenAi();
  });

  after(async () => {
    await browser?.close();
    await llm?.close();
  });

  test('the side panel summarises a real conversation, and a transfer carries the summary in its note', async () => {
    const email = uniqueEmail('resumo-dono');
    const pair = await signupConfirmed({ company_name: `Resumo E2E ${Date.now()}`, name: 'Dona Irene', email, password: PASSWORD });
    const token = pair.access_token;
    const channel = await api('/channels', { method: 'POST', token, body: { kind: 'webchat', name: 'Site', config: { prechat: true } } });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    const team = await api('/teams', { method: 'POST', token, body: { name: 'Cobrança' } });
    assert.equal(team.status, 201, JSON.stringify(team.body));

    const say = await startChat(channel.body.public_id, { name: 'Rafael Nogueira', email: uniqueEmail('rafael') });
    await say(FIRST);
    const ticket = await waitForTicket(token, FIRST, { timeoutMs: LIVE_MS });
    const replied = await api(`/tickets/${ticket.id}/messages`, { method: 'POST', token, body: { text: REPLY } });
    assert.equal(replied.status, 201, JSON.stringify(replied.body));
    await say(SECOND);
    await waitForMessages(token, ticket.id, 3);
    Object.assign(shared, { email, token, ticket });

    // Wide enough for the inbox's side panel to show beside the conversation.
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    const summary = page.getByRole('complementary', { name: 'Cliente' }).getByRole('region', { name: 'Resumo' });
    await withScreenshot(page, 'ai-assist-summary', async () => {
      await signIn(page, email, PASSWORD);
      await page.goto(`/atendimento/${ticket.id}`);
      await summary.getByText('Pedido do cliente').waitFor();
      await summary.getByText(FIRST).waitFor();
      // The team's reply and the customer's latest message are among the points ("Equipe: …") or each side's last word.
      await summary.getByText(REPLY, { exact: false }).first().waitFor();
      await summary.getByText('preciso pagar o boleto corrigido até sexta-feira', { exact: false }).first().waitFor();
      // No LLM yet: nothing to ask.
      assert.equal(await summary.getByRole('button', { name: /com IA/ }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Rascunho com IA' }).count(), 0);
    });

    await withScreenshot(page, 'ai-assist-transfer', async () => {
      await page.getByRole('button', { name: 'Transferir', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Transferir ticket #${ticket.number}` });
      await dialog.getByLabel('Equipe', { exact: true }).selectOption({ label: 'Cobrança' });
      const include = dialog.getByRole('checkbox', { name: 'Incluir resumo da conversa na nota' });
      assert.equal(await include.isChecked(), true, 'on by default');
      await dialog.getByRole('button', { name: 'Transferir', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      const note = page.getByRole('log', { name: 'Conversa' }).getByRole('article', { name: /^Nota interna de / }).filter({ hasText: 'Resumo da conversa' });
      await note.waitFor({ timeout: LIVE_MS });
      assert.match(await note.innerText(), /boleto de novembro/);
    });
    await context.close();

    const notes = (await waitForMessages(token, ticket.id, 4)).filter((m) => m.direction === 'note');
    assert.equal(notes.length, 1, JSON.stringify(notes));
    assert.match(notes[0].text, /^Transferência\. Resumo da conversa:\n/);
  });

  test('with an LLM, "Rascunho com IA" fills the composer without the CPF ever leaving, and "Resumir com IA" shows its summary', async () => {
    const { email, token, ticket } = shared;
    assert.ok(ticket, 'the first test prepared the ticket');
    const settings = await api('/ai/settings', {
      method: 'PUT',
      token,
      body: {
        provider: 'openai',
        api_key: 'sk-e2e-fake-key',
        model: 'gpt-4o-mini',
        // The client adds /v1/chat/completions.
        base_url: `http://127.0.0.1:${HOOK_PORT}`,
        enabled: true,
        mask_personal_data: true,
      },
    });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    // The customer owes an invoice: the draft may link its payment page.
    const today = new Date().toISOString().slice(0, 10);
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const invoice = await api('/invoices', {
      method: 'POST',
      token,
      body: { customer_id: ticket.customer_id, issue_date: today, due_date: due, items: [{ description: 'Mensalidade de novembro', unit_price_cents: 12_990 }] },
    });
    assert.equal(invoice.status, 201, JSON.stringify(invoice.body));
    const label = invoice.body.label;
    const before = (await waitForMessages(token, ticket.id, 4)).length;

    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    const composer = page.getByRole('form', { name: 'Responder ao cliente' });
    const box = composer.getByRole('textbox', { name: 'Mensagem para o cliente' });
    await withScreenshot(page, 'ai-assist-draft', async () => {
      await signIn(page, email, PASSWORD);
      await page.goto(`/atendimento/${ticket.id}`);
      await composer.getByRole('button', { name: 'Rascunho com IA' }).click();
      await composer.getByText(`Baseado em: ${label}`).waitFor({ timeout: LIVE_MS });
      const drafted = await box.inputValue();
      assert.match(drafted, /^Olá! Conferimos o boleto de novembro e o valor foi corrigido\. Para pagar: https?:\/\/\S+\/fatura\/\S+$/);
      assert.ok(!drafted.includes('[link'), 'the placeholder became the invoice’s real page');
    });

    const asked = llm.received.filter((r) => r.schema === 'resposta');
    assert.equal(asked.length, 1, JSON.stringify(llm.received.map((r) => r.schema)));
    assert.ok(!asked[0].raw.includes(CPF) && !asked[0].raw.includes(CPF.replace(/\D/g, '')), 'the CPF never reaches the LLM');
    assert.ok(asked[0].raw.includes('[cpf]'), 'masked in its place');
    assert.ok(asked[0].raw.includes(`[link ${label}]`), 'the open invoice is offered by its placeholder');
    // Nothing was sent: the draft waits in the composer.
    assert.equal((await api(`/tickets/${ticket.id}/messages?limit=100`, { token })).body.items.length, before);

    const summary = page.getByRole('complementary', { name: 'Cliente' }).getByRole('region', { name: 'Resumo' });
    await withScreenshot(page, 'ai-assist-llm-summary', async () => {
      await summary.getByRole('button', { name: 'Resumir com IA' }).click();
      await summary.getByText('Resumo por IA').waitFor({ timeout: LIVE_MS });
      await summary.getByText(LLM_SUMMARY).waitFor();
      await summary.getByText(/gpt-4o-mini/).waitFor();
      assert.equal(await summary.getByText('desatualizado').count(), 0);
      await summary.getByRole('button', { name: 'Atualizar resumo com IA' }).waitFor();
      // The offline summary stays below it.
      await summary.getByText(FIRST).waitFor();
      assert.equal(await box.inputValue().then((v) => v.startsWith('Olá! Conferimos')), true, 'the draft is still there');
    });
    await context.close();

    const summarised = llm.received.filter((r) => r.schema === 'resumo');
    assert.equal(summarised.length, 1);
    assert.ok(!summarised[0].raw.includes(CPF), 'the CPF never reaches the LLM');
    const stored = await api(`/tickets/${ticket.id}/summary`, { token });
    assert.equal(stored.status, 200, JSON.stringify(stored.body));
    assert.equal(stored.body.llm?.text, LLM_SUMMARY, JSON.stringify(stored.body));
    assert.equal(stored.body.llm_available, true);
  });
});
