// Browser test of Configurações → IA and of the ticket's category against a
// running server that serves the built app (see web/README.md): the owner
// finds the LLM off, chooses OpenAI with a key and sees only its last four
// characters, reads an empty month of usage, is refused an internal base
// URL on that field, and then gives a web-chat ticket a category in its
// header, which marks its triage corrected.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, launchBrowser, missingConfig, newPage, signIn, signupConfirmed, uniqueEmail, visitorWrites, waitForTicket, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
// At most 80 characters, so the web chat's subject (its first 80) is the whole message.
const MESSAGE = 'Meu boleto veio com valor errado, podem conferir?';
// Never sent anywhere: the ticket exists before the LLM is chosen, so no triage job calls OpenAI.
const API_KEY = 'sk-e2e-not-a-real-key-7Qx9';
/** The visitor's message becomes a ticket through a job; the triage's correction reaches the panel on the next read. */
const LIVE_MS = 30_000;

describe('Configurações → IA and the ticket’s category', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the owner chooses OpenAI with a key, is refused an internal base URL, and corrects a ticket’s category', async () => {
    const email = uniqueEmail('ia-dono');
    const pair = await signupConfirmed({ company_name: `IA E2E ${Date.now()}`, name: 'Dono da IA', email, password: PASSWORD });
    const token = pair.access_token;
    const channel = await api('/channels', { method: 'POST', token, body: { kind: 'webchat', name: 'Site' } });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    await visitorWrites(channel.body.public_id, MESSAGE);
    const ticket = await waitForTicket(token, MESSAGE, { timeoutMs: LIVE_MS });
    // A new company has no categories: the offline triage left it without one.
    assert.equal(ticket.category ?? null, null, JSON.stringify(ticket));

    // Wide enough for the inbox's side panel to show beside the conversation.
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    const form = page.getByRole('form', { name: 'Configurações de IA' });

    await withScreenshot(page, 'ai-settings-provider', async () => {
      await signIn(page, email, PASSWORD);
      await page.goto('/atendimento');
      await page.getByRole('main').getByRole('link', { name: 'Configurações', exact: true }).click();
      await page.getByRole('link', { name: 'IA', exact: true }).click();
      await page.waitForURL('**/atendimento/configuracoes/ia');

      // Off until someone chooses: only the offline triage.
      await form.getByText('Desligada: só a triagem offline.').waitFor();
      assert.equal(await form.getByLabel('Provedor').inputValue(), '');
      const usage = page.getByRole('region', { name: 'Uso do mês' });
      await usage.getByText(/^Nenhuma chamada à IA em /).waitFor();

      await form.getByLabel('Provedor').selectOption({ label: 'OpenAI' });
      assert.equal(await form.getByLabel('Modelo').getAttribute('placeholder'), 'gpt-4o-mini');
      assert.equal(await form.getByRole('checkbox', { name: /^Mascarar dados pessoais/ }).isChecked(), true);
      assert.equal(await form.getByLabel('Limite mensal de tokens').inputValue(), '500.000');
      await form.getByLabel('Chave da API').fill(API_KEY);
      await form.getByRole('button', { name: 'Salvar' }).click();
      await form.getByText('Configurações de IA salvas.').waitFor();
      await form.getByText(`Chave salva terminando em ••••${API_KEY.slice(-4)}`, { exact: false }).waitFor();
      await form.getByText('Ligada: OpenAI (gpt-4o-mini).').waitFor();
      assert.equal(await form.getByLabel('Chave da API').inputValue(), '', 'the key never comes back to the page');
      // Saving chose a provider; no call was made.
      await usage.getByText(/^Nenhuma chamada à IA em /).waitFor();
    });

    const saved = await api('/ai/settings', { token });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(
      [saved.body.provider, saved.body.has_api_key, saved.body.api_key_hint, saved.body.base_url ?? null, saved.body.enabled],
      ['openai', true, API_KEY.slice(-4), null, true],
    );

    await withScreenshot(page, 'ai-settings-base-url', async () => {
      // The cloud's metadata address: the operator allowed no such host.
      const baseUrl = form.getByLabel('Servidor compatível com OpenAI (opcional)');
      await baseUrl.fill('http://169.254.169.254/x');
      await form.getByRole('button', { name: 'Salvar' }).click();
      await form.getByText(/^Endereço não permitido/).waitFor();
      assert.equal(await baseUrl.getAttribute('aria-invalid'), 'true');
    });

    const unchanged = await api('/ai/settings', { token });
    assert.equal(unchanged.body.base_url ?? null, null, JSON.stringify(unchanged.body));

    const triage = page.getByRole('complementary', { name: 'Cliente' }).getByRole('region', { name: 'Triagem' });
    await withScreenshot(page, 'ai-settings-category', async () => {
      await page.goto(`/atendimento/${ticket.id}`);
      await triage.getByText('Modelo inicial', { exact: true }).waitFor();
      assert.equal(await triage.getByText(/Corrigido pelo agente/).count(), 0);

      const category = page.getByRole('form', { name: 'Categoria do ticket' });
      await category.getByLabel('Categoria', { exact: true }).fill('cobrança');
      await category.getByRole('button', { name: 'Salvar categoria' }).click();
      await triage.getByText('Corrigido pelo agente (categoria).').waitFor({ timeout: LIVE_MS });
      // Saved: the field shows it and offers nothing more to save.
      assert.equal(await category.getByLabel('Categoria', { exact: true }).inputValue(), 'cobrança');
      assert.equal(await category.getByRole('button', { name: 'Salvar categoria' }).count(), 0);
    });
    await context.close();

    const stored = await api(`/tickets/${ticket.id}`, { token });
    assert.equal(stored.body.category, 'cobrança', JSON.stringify(stored.body));
    const triages = await api(`/tickets/${ticket.id}/triage`, { token });
    assert.ok(triages.body.find((t) => t.initial)?.corrected.includes('category'), JSON.stringify(triages.body));
  });
});
