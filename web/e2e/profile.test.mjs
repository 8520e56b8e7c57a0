// Browser test of "Meu perfil" (/perfil), against a running server that
// serves the built app (see web/README.md): the person renames themselves
// and writes an e-mail signature (kept after a reload, the header follows);
// uploads a photo and removes it; ends their other logins from one browser,
// which sends the other to the login page; and changes the password, a
// wrong current one refused under its field.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, launchBrowser, missingConfig, newPage, signIn, signupConfirmed, uniqueEmail, withScreenshot } from './support.mjs';

const missing = missingConfig();
if (missing) throw new Error(`e2e: ${missing}`);

const PASSWORD = 'senha-forte-2026';
const NEW_PASSWORD = 'outra-senha-2027!';
const FIRST_NAME = 'Rita Perfil';
const NEW_NAME = 'Rita de Cássia Perfil';
const SIGNATURE = 'Rita de Cássia\nAtendimento · Doceria Perfil E2E';
const PHONE = { width: 390, height: 844 };

/** A valid 1×1 PNG (one transparent grey pixel), so the test carries no binary file. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** How many pixels the page is wider than the window (0 or less: no sideways scroll). */
const pageOverflow = (page) => page.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth);

async function until(read, accept, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

/** Opens "Meu perfil" on a signed-in page and waits for its heading. */
async function openProfile(page) {
  await page.goto('/perfil');
  await page.getByRole('heading', { level: 1, name: 'Meu perfil' }).waitFor();
}

const section = (page, name) => page.getByRole('region', { name, exact: true });

describe('meu perfil', () => {
  let browser;
  let email;
  // The password changes in the last test; the tests before it use the first one.
  let password = PASSWORD;

  before(async () => {
    browser = await launchBrowser();
    email = uniqueEmail('perfil');
    await signupConfirmed({ company_name: `Doceria Perfil E2E ${Date.now()}`, name: FIRST_NAME, email, password: PASSWORD });
  });

  after(async () => {
    await browser?.close();
  });

  test('name and e-mail signature are saved, kept after a reload, and the header shows the new name', async () => {
    const { context, page } = await newPage(browser, { viewport: PHONE });
    await withScreenshot(page, 'profile-data', async () => {
      await signIn(page, email, password);
      await openProfile(page);
      assert.ok((await pageOverflow(page)) <= 0, `the page is ${await pageOverflow(page)}px wider than a 390 px phone`);

      const data = section(page, 'Seus dados');
      assert.equal(await data.getByLabel(/^Nome/).inputValue(), FIRST_NAME);
      assert.equal(await data.getByLabel(/^E-mail/).inputValue(), email);
      await data.getByText('Proprietário').waitFor();
      await data.getByLabel(/^Nome/).fill(NEW_NAME);
      await data.getByRole('button', { name: 'Salvar dados' }).click();
      await data.getByText('Dados salvos.').waitFor();

      const signature = section(page, 'Assinatura de e-mail');
      await signature.getByText('Vai no fim das suas respostas por e-mail.').waitFor();
      await signature.getByLabel('Assinatura', { exact: true }).fill(SIGNATURE);
      await signature.getByText(`${SIGNATURE.length}/2.000 caracteres`).waitFor();
      await signature.getByRole('button', { name: 'Salvar assinatura' }).click();
      await signature.getByText('Assinatura salva.').waitFor();

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Meu perfil' }).waitFor();
      assert.equal(await section(page, 'Seus dados').getByLabel(/^Nome/).inputValue(), NEW_NAME);
      assert.equal(await section(page, 'Assinatura de e-mail').getByLabel('Assinatura', { exact: true }).inputValue(), SIGNATURE);

      // The header names the person: as text, or as their photo's (initials') name.
      const header = page.getByRole('banner');
      await until(
        async () => ({
          text: (await header.textContent()) ?? '',
          named: await header.getByRole('img', { name: NEW_NAME, exact: true }).count(),
        }),
        ({ text, named }) => text.includes(NEW_NAME) || named > 0,
        'the header showing the new name',
      );
    });
    await context.close();

    // The server kept both.
    const login = await api('/auth/login', { method: 'POST', body: { email, password } });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const me = await api('/me', { token: login.body.access_token });
    assert.equal(me.body.user.name, NEW_NAME);
    assert.equal(me.body.signature, SIGNATURE);
  });

  test('a PNG photo is uploaded, shown as an image named after the person, then removed', async () => {
    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'profile-photo', async () => {
      await signIn(page, email, password);
      await openProfile(page);
      const photo = section(page, 'Foto');
      const image = photo.locator(`img[alt="${NEW_NAME}"]`);
      // No photo yet: the initials, named after the person, and nothing to remove.
      await photo.getByRole('img', { name: NEW_NAME, exact: true }).waitFor();
      assert.equal(await image.count(), 0);
      assert.equal(await photo.getByRole('button', { name: 'Remover foto' }).count(), 0);

      await photo.getByLabel('Escolher imagem').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: PNG });
      await photo.getByRole('img', { name: 'Pré-visualização da nova foto' }).waitFor();
      await photo.getByRole('button', { name: 'Salvar foto' }).click();
      await photo.getByRole('button', { name: 'Salvar foto' }).waitFor({ state: 'detached' });

      // The photo comes from the API with the token, through an object URL.
      await image.waitFor();
      assert.match((await image.getAttribute('src')) ?? '', /^blob:/);
      await until(
        () => image.evaluate((img) => img.complete && img.naturalWidth),
        (width) => width === 1,
        'the photo decoded',
      );

      // Still there after a reload (a new id, fetched again).
      await page.reload();
      await section(page, 'Foto').locator(`img[alt="${NEW_NAME}"]`).waitFor();

      await section(page, 'Foto').getByRole('button', { name: 'Remover foto' }).click();
      const dialog = page.getByRole('dialog', { name: 'Remover a sua foto?' });
      await dialog.getByRole('button', { name: 'Remover', exact: true }).click();
      await section(page, 'Foto').locator(`img[alt="${NEW_NAME}"]`).waitFor({ state: 'detached' });
      await section(page, 'Foto').getByRole('img', { name: NEW_NAME, exact: true }).waitFor();
      assert.equal(await section(page, 'Foto').getByRole('button', { name: 'Remover foto' }).count(), 0);
    });
    await context.close();
  });

  test('"Sair de todos os outros dispositivos" in one browser sends the other one to the login page', async () => {
    const first = await newPage(browser);
    const second = await newPage(browser);
    await withScreenshot(second.page, 'profile-sessions-other', async () => {
      await signIn(second.page, email, password);
    });
    await withScreenshot(first.page, 'profile-sessions', async () => {
      await signIn(first.page, email, password);
      await openProfile(first.page);
      const sessions = section(first.page, 'Sessões ativas');
      const list = sessions.getByRole('list', { name: 'Sessões ativas' });
      await list.getByText('Este dispositivo').waitFor();
      // This browser's row offers no "Encerrar"; the other browser's does.
      const current = list.getByRole('listitem').filter({ hasText: 'Este dispositivo' });
      assert.equal(await current.getByRole('button').count(), 0);
      assert.match((await current.textContent()) ?? '', /Desde \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      assert.match((await current.textContent()) ?? '', /Último uso (agora mesmo|há \d+ min)/);
      assert.ok((await list.getByRole('button', { name: /^Encerrar/ }).count()) >= 1, 'the other browser is listed');

      await sessions.getByRole('button', { name: 'Sair de todos os outros dispositivos' }).click();
      const dialog = first.page.getByRole('dialog', { name: 'Sair de todos os outros dispositivos?' });
      await dialog.getByRole('button', { name: 'Sair dos outros' }).click();
      await sessions.getByText(/^\d+ (sessão encerrada|sessões encerradas)\.$/).waitFor();
      await sessions.locator('button:disabled', { hasText: 'Sair de todos os outros dispositivos' }).waitFor();
      assert.equal(await list.getByRole('listitem').count(), 1);
    });

    await withScreenshot(second.page, 'profile-sessions-ended', async () => {
      // Its refresh token was revoked: the next load cannot renew the session.
      await second.page.reload();
      await second.page.waitForURL(/\/entrar(\?|$)/);
      await second.page.getByRole('button', { name: 'Entrar', exact: true }).waitFor();
    });

    // This browser is still signed in.
    await first.page.reload();
    await first.page.getByRole('heading', { level: 1, name: 'Meu perfil' }).waitFor();
    await second.context.close();
    await first.context.close();
  });

  test('changing the password: a wrong current one is refused under its field, the right one works', async () => {
    const { context, page } = await newPage(browser);
    await withScreenshot(page, 'profile-password', async () => {
      await signIn(page, email, password);
      await openProfile(page);
      const form = section(page, 'Senha');

      await form.getByLabel(/^Senha atual/).fill('senha-errada-2026');
      await form.getByLabel(/^Nova senha/).fill(NEW_PASSWORD);
      await form.getByLabel(/^Repita a nova senha/).fill(NEW_PASSWORD);
      await form.getByRole('button', { name: 'Alterar senha' }).click();
      await form.getByText('Senha atual incorreta.').waitFor();

      await form.getByLabel(/^Senha atual/).fill(password);
      await form.getByRole('button', { name: 'Alterar senha' }).click();
      await form.getByText('Senha alterada. Suas outras sessões foram encerradas.').waitFor();
      password = NEW_PASSWORD;

      // Every other login ended; this one goes on.
      await section(page, 'Sessões ativas').locator('button:disabled', { hasText: 'Sair de todos os outros dispositivos' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Meu perfil' }).waitFor();
    });
    await context.close();

    const old = await api('/auth/login', { method: 'POST', body: { email, password: PASSWORD } });
    assert.equal(old.status, 401, JSON.stringify(old.body));
    const fresh = await api('/auth/login', { method: 'POST', body: { email, password: NEW_PASSWORD } });
    assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
  });
});
