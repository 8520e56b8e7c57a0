import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { AiSettings } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { AiSettingsForm } from './ai-settings-form';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

/** What GET /ai/settings answers for a company that never chose an LLM. */
const off: AiSettings = {
  provider: null,
  model: '',
  base_url: null,
  has_api_key: false,
  api_key_hint: null,
  mask_personal_data: true,
  monthly_token_budget: 500_000,
  enabled: false,
};

const openai: AiSettings = { ...off, provider: 'openai', has_api_key: true, api_key_hint: 'a1b2', enabled: true };

/** Answers each PUT with what was sent, as the server would store it (the key as its last four characters). */
function stubServer() {
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    const key: string | undefined = body.api_key;
    return json({
      ...openai,
      ...body,
      api_key: undefined,
      has_api_key: key === undefined ? true : key !== '',
      api_key_hint: key === undefined ? 'a1b2' : key === '' ? null : key.slice(-4),
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const sent = (fetchMock: ReturnType<typeof vi.fn>, call = 0) => {
  const [url, init] = fetchMock.mock.calls[call] as [string, RequestInit];
  expect(url).toBe('/api/v1/ai/settings');
  expect(init.method).toBe('PUT');
  return JSON.parse(String(init.body));
};

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('AiSettingsForm', () => {
  it('starts off, then chooses OpenAI with a typed key and shows only its last four characters', async () => {
    const fetchMock = stubServer();
    const user = userEvent.setup();
    renderWithProviders(<AiSettingsForm settings={off} />);

    expect(screen.getByLabelText('Provedor')).toHaveValue('');
    expect(screen.getByText('Desligada: só a triagem offline.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Chave da API')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Provedor'), 'openai');
    expect(screen.getByLabelText('Modelo')).toHaveAttribute('placeholder', 'gpt-4o-mini');
    expect(screen.getByLabelText('Limite mensal de tokens')).toHaveValue('500.000');
    expect(screen.getByRole('checkbox', { name: /Mascarar dados pessoais/ })).toBeChecked();
    expect(screen.getByRole('switch', { name: 'Usar a IA na triagem' })).toBeChecked();

    // No key and no own server: the provider would refuse every call.
    await user.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(await screen.findByText('Informe a chave da API do provedor.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Chave da API'), 'sk-test-123456789wxyz');
    await user.clear(screen.getByLabelText('Limite mensal de tokens'));
    await user.type(screen.getByLabelText('Limite mensal de tokens'), '1500000');
    await user.tab();
    expect(screen.getByLabelText('Limite mensal de tokens')).toHaveValue('1.500.000');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));

    expect(await screen.findByText('Configurações de IA salvas.')).toBeInTheDocument();
    expect(sent(fetchMock)).toEqual({
      provider: 'openai',
      model: '',
      base_url: null,
      api_key: 'sk-test-123456789wxyz',
      mask_personal_data: true,
      monthly_token_budget: 1_500_000,
      enabled: true,
    });
    // The typed key leaves the form once saved.
    expect(screen.getByLabelText('Chave da API')).toHaveValue('');
  });

  it('keeps the stored key unless a new one is typed, and removes it with "Remover chave"', async () => {
    const fetchMock = stubServer();
    const user = userEvent.setup();
    renderWithProviders(<AiSettingsForm settings={{ ...openai, base_url: 'http://ollama.interno:11434' }} />);

    expect(screen.getByText('Chave salva terminando em ••••a1b2. Deixe em branco para mantê-la.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Modelo'), 'llama3.1');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Configurações de IA salvas.');
    expect(sent(fetchMock, 0)).not.toHaveProperty('api_key');
    expect(sent(fetchMock, 0)).toMatchObject({ model: 'llama3.1', base_url: 'http://ollama.interno:11434' });

    await user.click(screen.getByRole('button', { name: 'Remover chave' }));
    expect(screen.getByText('A chave terminando em ••••a1b2 será removida ao salvar.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Salvar' }));
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(sent(fetchMock, 1)).toMatchObject({ api_key: '' });
  });

  it('will not send a key saved for OpenAI to Anthropic', async () => {
    const fetchMock = stubServer();
    const user = userEvent.setup();
    renderWithProviders(<AiSettingsForm settings={openai} />);
    await user.selectOptions(screen.getByLabelText('Provedor'), 'anthropic');
    expect(screen.getByLabelText('Modelo')).toHaveAttribute('placeholder', 'claude-3-5-haiku-latest');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(await screen.findByText('A chave salva é da OpenAI: informe a chave da Anthropic (Claude).')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the server’s field error on the base URL', async () => {
    const fetchMock = vi.fn(async () =>
      json(
        {
          type: 'about:blank',
          title: 'Dados inválidos',
          status: 422,
          errors: [{ field: 'base_url', message: 'Endereço não permitido: use o do provedor ou um que o operador liberou.' }],
        },
        422,
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<AiSettingsForm settings={openai} />);
    await user.type(screen.getByLabelText('Servidor compatível com OpenAI (opcional)'), 'http://169.254.169.254/x');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));
    const field = screen.getByLabelText('Servidor compatível com OpenAI (opcional)');
    expect(await screen.findByText('Endereço não permitido: use o do provedor ou um que o operador liberou.')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveFocus();
  });

  it('turns the LLM off with provider null only', async () => {
    const fetchMock = stubServer();
    const user = userEvent.setup();
    renderWithProviders(<AiSettingsForm settings={openai} />);
    await user.selectOptions(screen.getByLabelText('Provedor'), '');
    expect(screen.getByText(/Ao salvar, a IA é desligada e a chave salva é apagada/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Salvar' }));
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(sent(fetchMock)).toEqual({ provider: null });
  });
});
