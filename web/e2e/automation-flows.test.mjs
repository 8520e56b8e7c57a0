// Browser test of Automação → Fluxos, second slice, against a running server
// that serves the built app (see web/README.md): the owner installs a
// ready-made flow, edits a live flow (the change waits as a draft), publishes
// it as version 2, and on a ticket presses the flow's button and sees its run
// in the ticket's "Automações" history.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, launchBrowser, missingConfig, newPage, signIn, signupConfirmed, uniqueEmail, visitorWrites, waitForTicket, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
/** The button's event and the run are jobs: the worker takes them in the background. */
const RUN_MS = 30_000;
const BUTTON_FLOW = 'Marcar VIP';
const GALLERY_ITEM = 'SLA estourado → urgente e aviso';

describe('automation flows: gallery, versions and buttons on tickets', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the owner installs a model, publishes a change as version 2 and runs a button flow on a ticket', async () => {
    const email = uniqueEmail('fluxos-dono');
    const pair = await signupConfirmed({ company_name: `Fluxos E2E ${Date.now()}`, name: 'Dona Rita', email, password: PASSWORD });
    const token = pair.access_token;
    const channel = await api('/channels', { method: 'POST', token, body: { kind: 'webchat', name: 'Site' } });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    await visitorWrites(channel.body.public_id, 'Pedido atrasado');
    const ticket = await waitForTicket(token, 'Pedido atrasado');

    // A button flow, live as version 1 (the editor's building is covered by automation.test.mjs).
    const created = await api('/automation/flows', {
      method: 'POST',
      token,
      body: { name: BUTTON_FLOW, trigger_kind: 'FlowRunRequested', actions: [{ type: 'add_tags', tags: ['vip'] }] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const activated = await api(`/automation/flows/${created.body.id}/activate`, { method: 'POST', token });
    assert.equal(activated.status, 200, JSON.stringify(activated.body));
    assert.equal(activated.body.version, 1);

    // Wide enough for the inbox's side panel (the ticket's customer and automations) to show beside the conversation.
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await withScreenshot(page, 'automation-flows', async () => {
      await signIn(page, email, PASSWORD);
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Automação' }).click();
      await page.waitForURL('**/automacao');
      const list = page.getByRole('list', { name: 'Fluxos' });
      const buttonRow = list.getByRole('listitem', { name: BUTTON_FLOW, exact: true });
      await buttonRow.getByText(/Ativo · versão 1/).waitFor();

      // A ready-made flow becomes a draft of the company's own, opened in the editor.
      await page.getByRole('button', { name: 'Modelos prontos' }).click();
      const gallery = page.getByRole('dialog', { name: 'Modelos prontos' });
      await gallery.getByRole('listitem', { name: GALLERY_ITEM, exact: true }).getByRole('button', { name: 'Usar este modelo' }).click();
      const installed = page.getByRole('form', { name: 'Editar fluxo' });
      await page.getByRole('heading', { name: `Editar “${GALLERY_ITEM}”` }).waitFor();
      assert.equal(await installed.getByLabel(/^Nome/).inputValue(), GALLERY_ITEM);
      // Its e-mail goes to whoever installed it.
      const notify = installed.getByRole('listitem', { name: /Avisar pessoas da equipe/ });
      assert.ok(await notify.getByRole('checkbox', { name: /Dona Rita/ }).isChecked());
      await installed.getByRole('button', { name: 'Voltar' }).click();
      await list.getByRole('listitem', { name: GALLERY_ITEM, exact: true }).getByText(/Rascunho/).waitFor();

      // Editing the live flow keeps version 1 running; the change waits as a draft.
      await buttonRow.getByRole('button', { name: 'Editar' }).click();
      const editor = page.getByRole('form', { name: 'Editar fluxo' });
      await editor.getByText(/Este fluxo está publicado \(versão 1\)/).waitFor();
      await editor.getByLabel(/^Etiquetas/).fill('vip, cliente-especial');
      await editor.getByRole('button', { name: 'Salvar alterações' }).click();
      await buttonRow.getByText('Alterações não publicadas').waitFor();
      await buttonRow.getByText(/Ativo · versão 1/).waitFor();

      await buttonRow.getByRole('button', { name: 'Publicar' }).click();
      await buttonRow.getByText(/Ativo · versão 2/).waitFor();
      await buttonRow.getByText('Alterações não publicadas').waitFor({ state: 'detached' });

      await buttonRow.getByRole('button', { name: 'Versões' }).click();
      const versions = page.getByRole('table', { name: `Versões de ${BUTTON_FLOW}` });
      await versions.getByRole('row', { name: /versão 2.*Atual/ }).waitFor();
      await versions.getByRole('row', { name: /versão 1.*Anterior/ }).waitFor();

      // On the ticket: the flow is a button; its run shows in the ticket's history.
      await page.goto(`/atendimento/${ticket.id}`);
      const automations = page.getByRole('region', { name: 'Automações' });
      await automations.getByText('Nenhuma automação rodou neste ticket ainda.').waitFor();
      await automations.getByRole('button', { name: `Executar: ${BUTTON_FLOW}` }).click();
      const history = automations.getByRole('list', { name: 'Execuções de automações neste ticket' });
      await history.getByText('Concluída').waitFor({ timeout: RUN_MS });
      await history.getByText(BUTTON_FLOW, { exact: true }).waitFor();
      await history.getByText(/versão 2/).waitFor();
    });
    await context.close();

    // Version 2 ran: both tags are on the ticket.
    const tagged = await api(`/tickets/${ticket.id}`, { token });
    assert.equal(tagged.status, 200, JSON.stringify(tagged.body));
    for (const tag of ['vip', 'cliente-especial']) assert.ok(tagged.body.tags.includes(tag), JSON.stringify(tagged.body.tags));
    const runs = await api(`/automation/runs?record_id=${ticket.id}`, { token });
    assert.deepEqual(
      runs.body.items.map((r) => [r.flow_id, r.flow_version, r.status]),
      [[created.body.id, 2, 'succeeded']],
    );
  });
});
