import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Channel } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { WEBCHAT_DEFAULTS } from '../utils/channel-setup';
import type { TemplateField } from '../utils/sale-templates';

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

describe('ChannelForm: the web chat', () => {
  const webchat: Channel = {
    ...whatsapp,
    id: 'wc1',
    kind: 'webchat',
    name: 'Chat do site',
    config: { greeting: 'Olá!', color: '#2563eb', prechat: false, token: 'gerado' },
    secrets: [],
  };

  function stubSave(answer: () => Response = () => json(webchat)) {
    const sent: { config: Record<string, unknown> }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        if (url === '/api/v1/channels/wc1' && init.method === 'PATCH') {
          sent.push(JSON.parse(String(init.body)));
          return answer();
        }
        if (url === '/api/v1/me') return json({ user: {}, company: { id: 't1', name: 'Sol Comércio Ltda', trade_name: 'Loja Sol', plan_code: 'pro' } });
        return json([]);
      }),
    );
    return sent;
  }

  it('stores the public title, the corner and offsets, and the notice outside business hours in config', async () => {
    const sent = stubSave();
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ChannelForm kind="webchat" channel={webchat} onSaved={onSaved} onCancel={() => {}} />);

    const title = screen.getByLabelText(/Título público/);
    // Empty: the company's name, shown as the placeholder.
    await vi.waitFor(() => expect(title).toHaveAttribute('placeholder', 'Loja Sol'));
    await user.type(title, 'Loja Sol — Campinas');
    await user.selectOptions(screen.getByLabelText(/Posição na página/), 'Esquerda');
    const side = screen.getByLabelText(/Distância da lateral \(px\)/);
    expect(side).toHaveValue(20);
    await user.clear(side);
    await user.type(side, '0');
    const bottom = screen.getByLabelText(/Distância do rodapé \(px\)/);
    await user.clear(bottom);
    await user.type(bottom, '96');
    await user.click(screen.getByLabelText('Mostrar o nome do atendente nas respostas'));
    const notice = screen.getByLabelText('Avisar quando estiver fora do horário de atendimento');
    expect(notice).toBeChecked();
    await user.type(screen.getByLabelText(/Aviso fora do horário/), 'Voltamos logo!');
    await user.click(screen.getByRole('button', { name: 'Salvar canal' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent[0].config).toEqual({
      token: 'gerado',
      title: 'Loja Sol — Campinas',
      greeting: 'Olá!',
      color: '#2563eb',
      prechat: false,
      position: 'left',
      offset_x: 0,
      offset_y: 96,
      show_agent_name: true,
      offline_notice: true,
      offline_message: 'Voltamos logo!',
    });
  });

  it('hides the offline text when the notice is off', async () => {
    stubSave();
    const user = userEvent.setup();
    renderWithProviders(<ChannelForm kind="webchat" channel={webchat} onSaved={() => {}} onCancel={() => {}} />);
    await user.click(screen.getByLabelText('Avisar quando estiver fora do horário de atendimento'));
    expect(screen.queryByLabelText(/Aviso fora do horário/)).not.toBeInTheDocument();
  });

  it('checks lengths and offsets before saving', async () => {
    const sent = stubSave();
    const user = userEvent.setup();
    renderWithProviders(<ChannelForm kind="webchat" channel={webchat} onSaved={() => {}} onCancel={() => {}} />);
    await user.type(screen.getByLabelText(/Título público/), 'x'.repeat(81));
    const side = screen.getByLabelText(/Distância da lateral \(px\)/);
    await user.clear(side);
    await user.type(side, '401');
    const bottom = screen.getByLabelText(/Distância do rodapé \(px\)/);
    await user.clear(bottom);
    await user.click(screen.getByRole('button', { name: 'Salvar canal' }));

    expect(await screen.findByText('Até 80 caracteres.')).toBeInTheDocument();
    expect(side).toHaveAccessibleDescription('Distância em pixels, de 0 a 400.');
    expect(bottom).toHaveAccessibleDescription('Distância em pixels, de 0 a 400.');
    expect(sent).toHaveLength(0);
  });

  it('shows the server’s errors on the web chat’s inputs', async () => {
    stubSave(() =>
      json({ title: 'Dados inválidos', status: 422, errors: [{ field: 'config.offline_message', message: 'Aviso com até 300 caracteres.' }] }, 422),
    );
    const user = userEvent.setup();
    renderWithProviders(<ChannelForm kind="webchat" channel={webchat} onSaved={() => {}} onCancel={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Salvar canal' }));
    await vi.waitFor(() => expect(screen.getByLabelText(/Aviso fora do horário/)).toHaveAccessibleDescription(/Aviso com até 300 caracteres\./));
  });
});

describe('ChannelForm: approved templates for sales', () => {
  const invoiceTemplate = {
    name: 'fatura_disponivel',
    language: 'pt_BR',
    params: ['customer_name', 'label', 'amount', 'due_date', 'link', 'pix_code'],
  };
  const withInvoice: Channel = { ...whatsapp, config: { ...whatsapp.config, templates: { invoice: invoiceTemplate } } };

  function stubPatch(answer: (body: unknown) => Response = () => json(whatsapp)) {
    const sent: { config: Record<string, unknown> }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        if (url === '/api/v1/channels/ch1' && init.method === 'PATCH') {
          const body = JSON.parse(String(init.body));
          sent.push(body);
          return answer(body);
        }
        return json([]);
      }),
    );
    return sent;
  }

  const section = () => screen.getByRole('region', { name: 'Modelos aprovados para vendas (fora da janela de 24 horas)' });
  const purpose = (name: 'Proposta' | 'Fatura') => within(section()).getByRole('group', { name });
  const variables = (name: 'Proposta' | 'Fatura') =>
    within(purpose(name))
      .getAllByRole('listitem')
      .map((item) => item.textContent?.replace(/↑↓Remover$/, ''));

  it('builds config.templates in the chosen order and keeps the other settings', async () => {
    const sent = stubPatch();
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ChannelForm kind="whatsapp" channel={withInvoice} onSaved={onSaved} onCancel={() => {}} />);

    // The stored invoice template is on, with its variables in order; the proposal's is off.
    expect(within(purpose('Fatura')).getByLabelText(/Fatura: usar um modelo aprovado/)).toBeChecked();
    expect(within(purpose('Fatura')).getByLabelText(/Nome do modelo de fatura/)).toHaveValue('fatura_disponivel');
    expect(variables('Fatura')).toEqual([
      '{{1}}Nome do cliente',
      '{{2}}Número (FAT-0001)',
      '{{3}}Valor a pagar hoje (R$)',
      '{{4}}Vencimento (dd/mm/aaaa)',
      '{{5}}Link da página de pagamento',
      '{{6}}PIX copia e cola',
    ]);
    const proposalToggle = within(purpose('Proposta')).getByLabelText(/Proposta: usar um modelo aprovado/);
    expect(proposalToggle).not.toBeChecked();
    expect(within(purpose('Proposta')).queryByLabelText(/Nome do modelo/)).not.toBeInTheDocument();

    await user.click(proposalToggle);
    const proposal = purpose('Proposta');
    await user.type(within(proposal).getByLabelText(/Nome do modelo de proposta/), 'proposta_enviada');
    expect(within(proposal).getByLabelText(/Idioma do modelo de proposta/)).toHaveValue('pt_BR');
    // A suggestion to start from: customer, number, amount, link.
    expect(variables('Proposta')).toEqual([
      '{{1}}Nome do cliente',
      '{{2}}Número (PROP-0001)',
      '{{3}}Valor total (R$)',
      '{{4}}Link da página da proposta',
    ]);
    await user.click(within(proposal).getByRole('button', { name: 'Remover a variável 3' }));
    await user.selectOptions(within(proposal).getByLabelText('Variável {{4}}'), 'Título da proposta');
    await user.click(within(proposal).getByRole('button', { name: 'Adicionar variável' }));
    await user.click(within(proposal).getByRole('button', { name: 'Subir a variável 4' }));
    await user.click(within(proposal).getByRole('button', { name: 'Descer a variável 1' }));
    expect(variables('Proposta')).toEqual([
      '{{1}}Número (PROP-0001)',
      '{{2}}Nome do cliente',
      '{{3}}Título da proposta',
      '{{4}}Link da página da proposta',
    ]);
    await user.click(screen.getByRole('button', { name: 'Salvar canal' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent[0].config).toEqual({
      phone_number_id: '1234',
      base_url: 'http://mock',
      templates: {
        proposal: { name: 'proposta_enviada', language: 'pt_BR', params: ['label', 'customer_name', 'title', 'link'] },
        invoice: invoiceTemplate,
      },
    });
  });

  it('turning both off drops config.templates', async () => {
    const sent = stubPatch();
    const user = userEvent.setup();
    renderWithProviders(<ChannelForm kind="whatsapp" channel={withInvoice} onSaved={() => {}} onCancel={() => {}} />);
    await user.click(within(purpose('Fatura')).getByLabelText(/Fatura: usar um modelo aprovado/));
    await user.click(screen.getByRole('button', { name: 'Salvar canal' }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].config).toEqual({ phone_number_id: '1234', base_url: 'http://mock' });
  });

  it('offers the PIX copia e cola for invoices only', async () => {
    stubPatch();
    const user = userEvent.setup();
    const channel: Channel = { ...whatsapp, config: { ...whatsapp.config, templates: { invoice: { ...invoiceTemplate, params: ['link'] } } } };
    renderWithProviders(<ChannelForm kind="whatsapp" channel={channel} onSaved={() => {}} onCancel={() => {}} />);
    await user.click(within(purpose('Proposta')).getByLabelText(/Proposta: usar um modelo aprovado/));

    const options = (name: 'Proposta' | 'Fatura') =>
      within(within(purpose(name)).getByRole('combobox', { name: /^Variável/ }))
        .getAllByRole('option')
        .map((option) => option.textContent);
    expect(options('Proposta')).toEqual(['Título da proposta', 'Válida até (dd/mm/aaaa)']);
    expect(options('Proposta')).not.toContain('PIX copia e cola');
    expect(options('Fatura')).toContain('PIX copia e cola');
  });

  it('checks names and languages before saving', async () => {
    const sent = stubPatch();
    const user = userEvent.setup();
    renderWithProviders(<ChannelForm kind="whatsapp" channel={withInvoice} onSaved={() => {}} onCancel={() => {}} />);
    const invoice = purpose('Fatura');
    const name = within(invoice).getByLabelText(/Nome do modelo de fatura/);
    await user.clear(name);
    await user.type(name, 'Fatura Disponível');
    const language = within(invoice).getByLabelText(/Idioma do modelo de fatura/);
    await user.clear(language);
    await user.type(language, 'portugues');
    await user.click(screen.getByRole('button', { name: 'Salvar canal' }));

    expect(await within(invoice).findByText('Use o nome do modelo aprovado: letras minúsculas, números e _.')).toBeInTheDocument();
    expect(within(invoice).getByText('Use o código do idioma do modelo, como pt_BR.')).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });

  it('shows the server’s template errors under their inputs', async () => {
    stubPatch(() =>
      json(
        {
          title: 'Dados inválidos',
          status: 422,
          errors: [
            { field: 'config.templates.proposal.name', message: 'Use o nome do modelo aprovado: letras minúsculas, números e _.' },
            { field: 'config.templates.invoice.params', message: 'Até 10 variáveis.' },
          ],
        },
        422,
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<ChannelForm kind="whatsapp" channel={withInvoice} onSaved={() => {}} onCancel={() => {}} />);
    await user.click(within(purpose('Proposta')).getByLabelText(/Proposta: usar um modelo aprovado/));
    await user.type(within(purpose('Proposta')).getByLabelText(/Nome do modelo de proposta/), 'proposta_enviada');
    await user.click(screen.getByRole('button', { name: 'Salvar canal' }));

    const name = within(purpose('Proposta')).getByLabelText(/Nome do modelo de proposta/);
    await vi.waitFor(() => expect(name).toHaveAccessibleDescription('Use o nome do modelo aprovado: letras minúsculas, números e _.'));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveFocus();
    expect(within(purpose('Fatura')).getByRole('group', { name: 'Variáveis, na ordem do modelo' })).toHaveAccessibleDescription('Até 10 variáveis.');
    // Matched to their inputs, not repeated in the form's alert.
    expect(screen.queryByText(/config\.templates/)).not.toBeInTheDocument();
  });
});

describe('toSaveChannelRequest', () => {
  it('sends the web chat’s settings and no secrets', () => {
    const values = { ...channelDefaults(null), name: ' Chat do site ', greeting: 'Oi!', color: '#ff0000', prechat: true, offset_y: ' 96 ' };
    expect(toSaveChannelRequest('webchat', values, null)).toEqual({
      kind: 'webchat',
      name: 'Chat do site',
      config: {
        greeting: 'Oi!',
        color: '#ff0000',
        prechat: true,
        position: 'right',
        offset_x: 20,
        offset_y: 96,
        show_agent_name: false,
        offline_notice: true,
        offline_message: WEBCHAT_DEFAULTS.offline_message,
      },
      secrets: {},
      enabled: true,
      team_id: null,
    });
  });

  it('reads a web chat’s stored settings, with the defaults for what is missing or out of range', () => {
    const stored: Channel = { ...whatsapp, kind: 'webchat', config: { title: 'Loja Sol', position: 'left', offset_x: 0, offset_y: 9000, show_agent_name: true } };
    expect(channelDefaults(stored)).toMatchObject({
      title: 'Loja Sol',
      position: 'left',
      offset_x: '0',
      offset_y: '20',
      show_agent_name: true,
      offline_notice: true,
      offline_message: '',
    });
  });

  it('sends only the secrets typed', () => {
    const values = { ...channelDefaults(null), name: 'E-mail', address: 'suporte@acme.com', sendgrid_api_key: '' };
    expect(toSaveChannelRequest('email', values, null)).toMatchObject({ config: { address: 'suporte@acme.com' }, secrets: {} });
    expect(toSaveChannelRequest('email', { ...values, sendgrid_api_key: 'SG.x' }, null).secrets).toEqual({ sendgrid_api_key: 'SG.x' });
  });

  it('leaves other kinds’ config.templates alone and sends WhatsApp templates as typed', () => {
    const values = channelDefaults(null);
    const email: Channel = { ...whatsapp, kind: 'email', config: { address: 'a@b.com', templates: { x: 1 } } };
    expect(toSaveChannelRequest('email', { ...channelDefaults(email), name: 'E-mail' }, email).config).toEqual({ address: 'a@b.com', templates: { x: 1 } });
    const templates = {
      proposal: { enabled: false, name: 'x', language: 'pt_BR', params: [] },
      invoice: { enabled: true, name: ' fatura ', language: 'pt_BR', params: ['pix_code', 'link'] satisfies TemplateField[] },
      reminder: { enabled: true, name: 'lembrete_fatura', language: 'pt_BR', params: ['label'] satisfies TemplateField[] },
    };
    expect(toSaveChannelRequest('whatsapp', { ...values, name: 'W', phone_number_id: '1', templates }, null).config).toEqual({
      phone_number_id: '1',
      templates: {
        invoice: { name: 'fatura', language: 'pt_BR', params: ['pix_code', 'link'] },
        reminder: { name: 'lembrete_fatura', language: 'pt_BR', params: ['label'] },
      },
    });
  });
});
