// Browser test of Automação → Fluxos against a running server that serves
// the built app (see web/README.md): the owner builds a flow in the editor,
// simulates it on a real past ticket, turns it on, a web-chat visitor's
// message triggers it, and the run shows in the flow's history.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, launchBrowser, missingConfig, newFlowEditor, newPage, signIn, signupConfirmed, uniqueEmail, visitorWrites, waitForTicket, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
/** The worker runs the flow after the intake job: both are jobs. */
const RUN_MS = 30_000;

describe('automation', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the owner builds a flow, simulates it, turns it on and sees its run', async () => {
    const email = uniqueEmail('auto-dono');
    const pair = await signupConfirmed({ company_name: `Automação E2E ${Date.now()}`, name: 'Dona Rita', email, password: PASSWORD });
    const token = pair.access_token;
    const channel = await api('/channels', { method: 'POST', token, body: { kind: 'webchat', name: 'Site' } });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    const rules = await api('/triage-rules', { method: 'PUT', token, body: [{ keywords: ['parado'], priority: 'urgent' }] });
    assert.equal(rules.status, 200, JSON.stringify(rules.body));
    // A past urgent ticket: what the simulation evaluates.
    await visitorWrites(channel.body.public_id, 'Caixa parado');
    const past = await waitForTicket(token, 'Caixa parado');
    assert.equal(past.priority, 'urgent');

    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'automation', async () => {
      await signIn(page, email, PASSWORD);
      const editor = await newFlowEditor(page, 'Urgente → nota e etiqueta', 'Ticket aberto');
      await editor.getByRole('button', { name: 'Adicionar condição' }).click();
      await editor.getByLabel(/^Campo/).selectOption('priority');
      await editor.getByLabel(/^Operador/).selectOption({ label: 'é igual a' });
      await editor.getByLabel(/^Valor/).fill('urgent');
      await editor.getByRole('button', { name: '+ Adicionar nota interna' }).click();
      await editor.getByLabel(/^Texto da nota/).fill('Ticket #{{ticket.number}} urgente: atenda primeiro.');
      await editor.getByRole('button', { name: '+ Adicionar etiquetas' }).click();
      await editor.getByLabel(/^Etiquetas/).fill('urgente-auto');

      await editor.getByRole('button', { name: 'Testar (simulação)' }).click();
      const result = editor.getByRole('list', { name: 'Resultado da simulação' });
      await result.getByText('as ações seriam feitas').waitFor();
      await result.getByText(`Ticket #${past.number} urgente: atenda primeiro.`, { exact: false }).waitFor();

      await editor.getByRole('button', { name: 'Criar fluxo' }).click();
      const list = page.getByRole('list', { name: 'Fluxos' });
      await list.getByText('Urgente → nota e etiqueta', { exact: true }).waitFor();
      await list.getByText(/Rascunho/).waitFor();
      await list.getByRole('switch').click();
      await list.getByText(/· Ativo ·/).waitFor();

      await visitorWrites(channel.body.public_id, 'Servidor parado agora');
      const fresh = await waitForTicket(token, 'Servidor parado agora');

      await list.getByRole('button', { name: 'Histórico' }).click();
      const history = page.getByRole('table', { name: /Execuções de Urgente/ });
      await history.getByText('Concluída').waitFor({ timeout: RUN_MS });
      await history.getByText(`Ticket #${fresh.number} urgente: atenda primeiro.`, { exact: false }).waitFor();
    });
    await context.close();

    const notes = await api(`/tickets/${(await waitForTicket(token, 'Servidor parado agora')).id}/messages`, { token });
    assert.ok(notes.body.items.some((m) => m.direction === 'note' && m.author_name === 'Automação'), JSON.stringify(notes.body));
  });
});
