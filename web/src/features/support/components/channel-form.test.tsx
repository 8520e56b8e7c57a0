import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Channel } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { ChannelForm, toSaveChannelRequest, channelDefaults } from './channel-form';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const whatsapp: Channel = {
  id: 'ch1',
  kind: 'whatsapp',
  name: 'WhatsApp Vendas',
  config: { phone_number_id: '1234', base_url: 'http://mock' },
  enabled: true,
  team_id: null,
  public_id: 'tenant.ch1',
  webhook_url: 'https://app/hooks/whatsapp/tenant.ch1',
  secrets: ['access_token', 'app_secret'],
  inbound_secret: 'gerado',
  sender: null,
  created_at: '2026-11-01T10:00:00Z',
};

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('ChannelForm', () => {
  it('asks a new WhatsApp channel for its id and both secrets', async () => {
    const fetchMock = vi.fn(async (_url: string) => json([]));
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<ChannelForm kind="whatsapp" channel={null} onSaved={() => {}} onCancel={() => {}} />);

    await user.type(screen.getByLabelText(/Nome do canal/), 'WhatsApp');
    await user.click(screen.getByRole('button', { name: 'Criar canal' }));
    expect(await screen.findAllByText('Obrigatório para este canal.')).toHaveLength(3);
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/v1/channels')).toBe(false);
  });

  it('keeps stored secrets and generated tokens on an edit', async () => {
    const sent: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        if (url === '/api/v1/channels/ch1' && init.method === 'PATCH') {
          sent.push(JSON.parse(String(init.body)));
          return json(whatsapp);
        }
        return json([]);
      }),
    );
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ChannelForm kind="whatsapp" channel={whatsapp} onSaved={onSaved} onCancel={() => {}} />);

    expect(screen.getByLabelText(/Token de acesso/)).toHaveValue('');
    const name = screen.getByLabelText(/Nome do canal/);
    await user.clear(name);
    await user.type(name, 'WhatsApp Suporte');
    await user.click(screen.getByRole('button', { name: 'Salvar canal' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent[0]).toEqual({
      kind: 'whatsapp',
      name: 'WhatsApp Suporte',
      config: { phone_number_id: '1234', base_url: 'http://mock' },
      secrets: {},
      enabled: true,
      team_id: null,
    });
  });

  it('shows the server’s field errors on their inputs', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) =>
        url === '/api/v1/channels' && init.method === 'POST'
          ? json({ title: 'Dados inválidos', status: 422, errors: [{ field: 'config.from', message: 'Número inválido: use o formato +5511999998888.' }] }, 422)
          : json([]),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<ChannelForm kind="twilio_whatsapp" channel={null} onSaved={() => {}} onCancel={() => {}} />);
    await user.type(screen.getByLabelText(/Nome do canal/), 'Twilio');
    await user.type(screen.getByLabelText(/Account SID/), 'AC123');
    await user.type(screen.getByLabelText(/Número de origem/), 'whatsapp:+14155238886');
    await user.type(screen.getByLabelText(/Auth Token/), 'segredo');
    await user.click(screen.getByRole('button', { name: 'Criar canal' }));
    expect(await screen.findByText('Número inválido: use o formato +5511999998888.')).toBeInTheDocument();
  });
});

describe('toSaveChannelRequest', () => {
  it('sends the web chat’s settings and no secrets', () => {
    const values = { ...channelDefaults(null), name: ' Chat do site ', greeting: 'Oi!', color: '#ff0000', prechat: true };
    expect(toSaveChannelRequest('webchat', values, null)).toEqual({
      kind: 'webchat',
      name: 'Chat do site',
      config: { greeting: 'Oi!', color: '#ff0000', prechat: true },
      secrets: {},
      enabled: true,
      team_id: null,
    });
  });

  it('sends only the secrets typed', () => {
    const values = { ...channelDefaults(null), name: 'E-mail', address: 'suporte@acme.com', sendgrid_api_key: '' };
    expect(toSaveChannelRequest('email', values, null)).toMatchObject({ config: { address: 'suporte@acme.com' }, secrets: {} });
    expect(toSaveChannelRequest('email', { ...values, sendgrid_api_key: 'SG.x' }, null).secrets).toEqual({ sendgrid_api_key: 'SG.x' });
  });
});
