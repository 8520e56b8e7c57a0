import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Me } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { Avatar } from './avatar';
import { AvatarUpload } from './avatar-upload';
import { PasswordForm } from './password-form';
import { ProfileDetailsForm } from './profile-details-form';
import { SessionsList } from './sessions-list';
import { SignatureForm } from './signature-form';

const me: Me = {
  user: { id: 'u1', name: 'Ana Souza', email: 'ana@example.com', role: 'agent', active: true, created_at: '2026-01-01T00:00:00Z', avatar_id: null },
  company: { id: 'c1', name: 'ACME', trade_name: null, plan_code: 'free' },
  signature: '',
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const noContent = () => new Response(null, { status: 204 });

type Call = { url: string; init: RequestInit };

/** A fetch that answers by method and path, and records the calls. */
function stubApi(routes: Record<string, (call: Call) => Response>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = { url, init };
      calls.push(call);
      const path = url.replace(/^\/api\/v1/, '').split('?')[0];
      const handler = routes[`${init.method ?? 'GET'} ${path}`];
      return handler ? handler(call) : json({ title: 'não encontrado', status: 404 }, 404);
    }),
  );
  return calls;
}

const bodyOf = (call: Call | undefined) => JSON.parse(String(call?.init.body));

function render(ui: React.ReactElement, who: Me = me) {
  return renderWithProviders(ui, { seed: (client) => client.setQueryData(meQueryKey, who) });
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('Avatar', () => {
  it('shows the initials on a coloured circle, named by the person, when there is no photo', () => {
    const calls = stubApi({});
    render(<Avatar user={me.user} />);
    const avatar = screen.getByRole('img', { name: 'Ana Souza' });
    expect(avatar.tagName).toBe('SPAN');
    expect(avatar).toHaveTextContent('AS');
    expect(calls).toHaveLength(0);
  });

  it('fetches the photo with the token and shows it, the initials while it loads', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:foto-da-ana');
    const calls = stubApi({
      'GET /users/u1/avatar': () => new Response(new Blob(['png'], { type: 'image/png' }), { headers: { 'Content-Type': 'image/png' } }),
    });
    render(<Avatar user={{ ...me.user, avatar_id: 'f1' }} size="lg" />);
    expect(screen.getByRole('img', { name: 'Ana Souza' })).toHaveTextContent('AS');
    await vi.waitFor(() => expect(screen.getByRole('img', { name: 'Ana Souza' }).tagName).toBe('IMG'));
    expect(screen.getByRole('img', { name: 'Ana Souza' })).toHaveAttribute('src', 'blob:foto-da-ana');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer a');
  });
});

describe('Seus dados', () => {
  it('saves the name and puts the answer in the shared user (the header reads it)', async () => {
    const calls = stubApi({ 'PATCH /me': (call) => json({ ...me, user: { ...me.user, name: bodyOf(call).name } }) });
    const user = userEvent.setup();
    const { queryClient } = render(<ProfileDetailsForm user={me.user} />);

    expect(screen.getByLabelText('E-mail')).toHaveValue('ana@example.com');
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('readonly');
    expect(screen.getByText('Atendente')).toBeInTheDocument();
    const name = screen.getByLabelText(/^Nome/);
    await user.clear(name);
    await user.type(name, 'Ana Paula Souza');
    await user.click(screen.getByRole('button', { name: 'Salvar dados' }));

    expect(await screen.findByText('Dados salvos.')).toBeInTheDocument();
    expect(bodyOf(calls.find((call) => call.init.method === 'PATCH'))).toEqual({ name: 'Ana Paula Souza' });
    expect(queryClient.getQueryData<Me>(meQueryKey)?.user.name).toBe('Ana Paula Souza');
  });

  it('shows the server’s field error under the name', async () => {
    stubApi({
      'PATCH /me': () =>
        json({ title: 'Dados inválidos', status: 422, detail: 'Corrija os campos indicados.', errors: [{ field: 'name', message: 'O nome tem um caractere inválido.' }] }, 422),
    });
    const user = userEvent.setup();
    render(<ProfileDetailsForm user={me.user} />);
    await user.type(screen.getByLabelText(/^Nome/), '!');
    await user.click(screen.getByRole('button', { name: 'Salvar dados' }));
    expect(await screen.findByText('O nome tem um caractere inválido.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Nome/)).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('Assinatura de e-mail', () => {
  it('counts the characters and saves the signature', async () => {
    const calls = stubApi({ 'PATCH /me': (call) => json({ ...me, signature: bodyOf(call).signature }) });
    const user = userEvent.setup();
    const { queryClient } = render(<SignatureForm signature="" />);
    expect(screen.getByText('Vai no fim das suas respostas por e-mail.')).toBeInTheDocument();
    expect(screen.getByText('0/2.000 caracteres')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Assinatura'), 'Ana{Enter}Suporte');
    expect(screen.getByText('11/2.000 caracteres')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Salvar assinatura' }));
    expect(await screen.findByText('Assinatura salva.')).toBeInTheDocument();
    expect(bodyOf(calls[0])).toEqual({ signature: 'Ana\nSuporte' });
    expect(queryClient.getQueryData<Me>(meQueryKey)?.signature).toBe('Ana\nSuporte');
  });
});

describe('Foto', () => {
  const png = (bytes = 68) => new File([new Uint8Array(bytes)], 'foto.png', { type: 'image/png' });

  it('refuses another format or a file over 1 MB before sending it', async () => {
    const calls = stubApi({});
    const user = userEvent.setup({ applyAccept: false });
    render(<AvatarUpload user={me.user} />);
    const input = screen.getByLabelText('Escolher imagem');
    await user.upload(input, new File(['gif'], 'foto.gif', { type: 'image/gif' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Use uma imagem PNG, JPEG ou WebP.');
    await user.upload(input, png(1024 * 1024 + 1));
    expect(await screen.findByRole('alert')).toHaveTextContent('A imagem passa de 1 MB.');
    expect(screen.queryByRole('button', { name: 'Salvar foto' })).not.toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('uploads the chosen image as its own type and shows the server’s refusal', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:preview');
    let attempt = 0;
    const calls = stubApi({
      'PUT /me/avatar': () => {
        attempt += 1;
        return attempt === 1
          ? json({ title: 'Dados inválidos', status: 422, detail: 'A imagem não pôde ser lida.' }, 422)
          : json({ ...me, user: { ...me.user, avatar_id: 'f2' } });
      },
      'GET /users/u1/avatar': () => new Response(new Blob(['png'], { type: 'image/png' }), { headers: { 'Content-Type': 'image/png' } }),
    });
    const user = userEvent.setup();
    const { queryClient } = render(<AvatarUpload user={me.user} />);
    await user.upload(screen.getByLabelText('Escolher imagem'), png());
    expect(screen.getByRole('img', { name: 'Pré-visualização da nova foto' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Salvar foto' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A imagem não pôde ser lida.');
    await user.click(screen.getByRole('button', { name: 'Salvar foto' }));
    await vi.waitFor(() => expect(queryClient.getQueryData<Me>(meQueryKey)?.user.avatar_id).toBe('f2'));

    const put = calls.find((call) => call.init.method === 'PUT');
    expect((put?.init.headers as Record<string, string>)['Content-Type']).toBe('image/png');
    expect(put?.init.body).toBeInstanceOf(File);
  });

  it('removes the photo after a confirmation', async () => {
    const calls = stubApi({ 'DELETE /me/avatar': noContent, 'GET /me': () => json(me) });
    const user = userEvent.setup();
    const withPhoto = { ...me, user: { ...me.user, avatar_id: 'f1' } };
    const { queryClient } = render(<AvatarUpload user={withPhoto.user} />, withPhoto);
    await user.click(screen.getByRole('button', { name: 'Remover foto' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remover' }));
    await vi.waitFor(() => expect(calls.some((call) => call.init.method === 'DELETE')).toBe(true));
    await vi.waitFor(() => expect(queryClient.getQueryData<Me>(meQueryKey)?.user.avatar_id ?? null).toBeNull());
  });
});

describe('Senha', () => {
  it('checks the repetition here, shows the server’s field error, then confirms the change', async () => {
    let attempt = 0;
    const calls = stubApi({
      'POST /me/password': () => {
        attempt += 1;
        return attempt === 1
          ? json({ title: 'Dados inválidos', status: 422, detail: 'Corrija os campos indicados.', errors: [{ field: 'current_password', message: 'Senha atual incorreta.' }] }, 422)
          : noContent();
      },
      'GET /me/sessions': () => json({ items: [] }),
    });
    const user = userEvent.setup();
    render(<PasswordForm />);

    await user.type(screen.getByLabelText(/^Senha atual/), 'errada-123');
    await user.type(screen.getByLabelText(/^Nova senha/), 'nova-senha-2026');
    await user.type(screen.getByLabelText(/^Repita a nova senha/), 'outra-senha-2026');
    await user.click(screen.getByRole('button', { name: 'Alterar senha' }));
    expect(await screen.findByText('As senhas não coincidem.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await user.clear(screen.getByLabelText(/^Repita a nova senha/));
    await user.type(screen.getByLabelText(/^Repita a nova senha/), 'nova-senha-2026');
    await user.click(screen.getByRole('button', { name: 'Alterar senha' }));
    expect(await screen.findByText('Senha atual incorreta.')).toBeInTheDocument();
    expect(bodyOf(calls[0])).toEqual({ current_password: 'errada-123', new_password: 'nova-senha-2026' });

    await user.clear(screen.getByLabelText(/^Senha atual/));
    await user.type(screen.getByLabelText(/^Senha atual/), 'certa-senha-1');
    await user.click(screen.getByRole('button', { name: 'Alterar senha' }));
    expect(await screen.findByText('Senha alterada. Suas outras sessões foram encerradas.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Senha atual/)).toHaveValue('');
  });
});

describe('Sessões ativas', () => {
  const current = {
    id: 's1',
    current: true,
    started_at: '2026-12-01T12:00:00Z',
    last_seen_at: new Date().toISOString(),
    ip: '203.0.113.7',
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  };
  const phone = {
    id: 's2',
    current: false,
    started_at: '2026-12-02T12:00:00Z',
    last_seen_at: new Date(Date.now() - 5 * 60_000).toISOString(),
    ip: '198.51.100.4',
    user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  };
  const unknown = { id: 's3', current: false, started_at: '2026-12-03T12:00:00Z', last_seen_at: '2026-12-03T12:00:00Z', ip: null, user_agent: null };

  it('lists the logins, this one marked and without "Encerrar", and ends one', async () => {
    let items = [current, phone, unknown];
    const calls = stubApi({
      'GET /me/sessions': () => json({ items }),
      'DELETE /me/sessions/s2': () => {
        items = items.filter((session) => session.id !== 's2');
        return noContent();
      },
    });
    const user = userEvent.setup();
    render(<SessionsList />);

    const list = await screen.findByRole('list', { name: 'Sessões ativas' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Firefox 133 no Linux');
    expect(rows[0]).toHaveTextContent('Este dispositivo');
    expect(rows[0]).toHaveTextContent('IP 203.0.113.7');
    expect(rows[0]).toHaveTextContent('Último uso agora mesmo');
    expect(within(rows[0]).queryByRole('button')).not.toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Safari 17 no iOS');
    expect(rows[1]).toHaveTextContent('Último uso há 5 min');
    expect(rows[1]).not.toHaveTextContent('Este dispositivo');
    expect(rows[2]).toHaveTextContent('Navegador desconhecido');
    expect(rows[2]).not.toHaveTextContent('IP');

    await user.click(within(rows[1]).getByRole('button', { name: /^Encerrar/ }));
    await vi.waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(calls.some((call) => call.init.method === 'DELETE' && call.url === '/api/v1/me/sessions/s2')).toBe(true);
  });

  it('"Sair de todos os outros dispositivos" asks first, says how many ended, then has nothing left to end', async () => {
    let items = [current, phone, unknown];
    stubApi({
      'GET /me/sessions': () => json({ items }),
      'DELETE /me/sessions': () => {
        items = [current];
        return json({ ended: 2 });
      },
    });
    const user = userEvent.setup();
    render(<SessionsList />);

    const button = await screen.findByRole('button', { name: 'Sair de todos os outros dispositivos' });
    expect(button).toBeEnabled();
    await user.click(button);
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('2 outras sessões serão encerradas');
    await user.click(within(dialog).getByRole('button', { name: 'Sair dos outros' }));

    expect(await screen.findByText('2 sessões encerradas.')).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    expect(screen.getByRole('button', { name: 'Sair de todos os outros dispositivos' })).toBeDisabled();
  });

  it('says when the list cannot be loaded', async () => {
    stubApi({ 'GET /me/sessions': () => json({ title: 'Erro', status: 500, detail: 'Falha temporária.' }, 500) });
    render(<SessionsList />);
    expect(await screen.findByText('Falha temporária.')).toBeInTheDocument();
  });
});
