import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { BotPreview, BotPreviewRequest, BotSettings } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { makeBotSettings } from '../utils/test-fixtures';

import { BotPage } from './bot-page';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

const invalid = (errors: { field: string; message: string }[]) =>
  json({ type: 'about:blank', title: 'Dados inválidos', status: 422, detail: 'Alguns campos são inválidos.', errors }, 422);

const TEAMS = [{ id: 'team-fin', name: 'Financeiro' }];

let saved: BotSettings[] = [];
let previews: BotPreviewRequest[] = [];
let putAnswer: (body: BotSettings) => Response = (body) => json(body);
let previewAnswer: (body: BotPreviewRequest) => Response = (body) =>
  json({ turns: body.messages.map((customer, i) => ({ customer, bot: `resposta ${i + 1}`, handover: null })) } satisfies BotPreview);

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
  saved = [];
  previews = [];
  putAnswer = (body) => json(body);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const body = init.body ? JSON.parse(String(init.body)) : null;
      if (url === '/api/v1/bot/settings' && init.method === 'PUT') {
        saved.push(body as BotSettings);
        return putAnswer(body as BotSettings);
      }
      if (url === '/api/v1/bot/preview' && init.method === 'POST') {
        previews.push(body as BotPreviewRequest);
        return previewAnswer(body as BotPreviewRequest);
      }
      return json({ title: 'não encontrado', status: 404 }, 404);
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

const renderPage = (settings: BotSettings = makeBotSettings()) => renderWithProviders(<BotPage settings={settings} teams={TEAMS} />);

describe('BotPage settings', () => {
  it('switches the bot on for the web chat with a FAQ entry and a handover team, and saves the whole settings', async () => {
    const user = userEvent.setup();
    renderPage();
    const form = screen.getByRole('form', { name: 'Configurações do bot' });

    await user.click(within(form).getByRole('switch', { name: 'Ligado' }));
    await user.click(within(form).getByRole('checkbox', { name: 'WhatsApp' }));
    const greeting = within(form).getByLabelText('Saudação');
    expect(within(form).getByText('{{empresa}} vira o nome da empresa')).toBeInTheDocument();
    await user.clear(greeting);
    await user.type(greeting, 'Oi! Aqui é a {{{{empresa}}');
    await user.click(within(form).getByRole('button', { name: 'Adicionar pergunta' }));
    await user.type(within(form).getByLabelText('Pergunta 1'), 'Qual o horário?');
    await user.type(within(form).getByLabelText('Resposta da pergunta 1'), 'Das 8h às 18h.');
    await user.selectOptions(within(form).getByLabelText('Equipe que recebe a transferência'), 'Financeiro');
    await user.selectOptions(within(form).getByLabelText('Mensagens não entendidas antes de transferir'), '3');
    await user.click(within(form).getByRole('button', { name: 'Salvar' }));

    expect(await within(form).findByText('Bot salvo.')).toBeInTheDocument();
    expect(saved).toEqual([
      makeBotSettings({
        enabled: true,
        channels: ['webchat'],
        greeting: 'Oi! Aqui é a {{empresa}}',
        faq: [{ question: 'Qual o horário?', answer: 'Das 8h às 18h.' }],
        handover_team_id: 'team-fin',
        max_misunderstandings: 3,
      }),
    ]);
  });

  it('orders the menu, adds back a removed action with its label, and offers no seventh option', async () => {
    const user = userEvent.setup();
    renderPage();
    const menu = screen.getByRole('list', { name: 'Opções do menu' });
    const labels = () => within(menu).getAllByLabelText(/^Texto/).map((input) => (input as HTMLInputElement).value);
    const add = screen.getByRole('button', { name: 'Adicionar opção' });
    // The default menu leaves out one action: the proposals.
    expect(add).toBeEnabled();

    await user.click(within(menu).getByRole('button', { name: 'Subir a opção 5' }));
    expect(labels()).toEqual([
      '2ª via de fatura, boleto ou PIX',
      'Já paguei: situação do pagamento',
      'Meus chamados',
      'Falar com um atendente',
      'Dúvidas frequentes',
    ]);
    expect(within(menu).getByRole('button', { name: 'Subir a opção 1' })).toBeDisabled();
    expect(within(menu).getByRole('button', { name: 'Descer a opção 5' })).toBeDisabled();

    await user.click(within(menu).getByRole('button', { name: 'Remover a opção 3' }));
    expect(labels()).toEqual([
      '2ª via de fatura, boleto ou PIX',
      'Já paguei: situação do pagamento',
      'Falar com um atendente',
      'Dúvidas frequentes',
    ]);
    await user.click(add);
    expect(labels()).toEqual([
      '2ª via de fatura, boleto ou PIX',
      'Já paguei: situação do pagamento',
      'Falar com um atendente',
      'Dúvidas frequentes',
      'Meus chamados',
    ]);
    expect(within(menu).getByLabelText('Ação da opção 5')).toHaveDisplayValue('Meus chamados');
    expect(within(menu).getByLabelText('Ação da opção 1')).toHaveDisplayValue('2ª via de fatura / PIX');
    await user.click(add);
    expect(labels()[5]).toBe('Minhas propostas');
    expect(add).toBeDisabled();
  });

  it('puts the server’s field errors next to their fields', async () => {
    const user = userEvent.setup();
    putAnswer = () =>
      invalid([
        { field: 'greeting', message: 'Escreva a saudação (até 1.000 caracteres).' },
        { field: 'channels', message: 'Escolha ao menos um canal para ligar o bot.' },
        { field: 'menu', message: 'O menu precisa de uma opção para falar com um atendente.' },
        { field: 'menu[1].label', message: 'Nome da opção com até 60 caracteres.' },
        { field: 'menu[2].action', message: 'Cada ação aparece uma vez no menu.' },
        { field: 'faq[0].answer', message: 'Resposta com até 2.000 caracteres.' },
        { field: 'handover_team_id', message: 'Equipe não encontrada.' },
        { field: 'max_misunderstandings', message: 'De 1 a 5 mensagens.' },
      ]);
    renderPage(makeBotSettings({ faq: [{ question: 'Qual o horário?', answer: 'x' }] }));
    const form = screen.getByRole('form', { name: 'Configurações do bot' });
    await user.click(within(form).getByRole('switch', { name: 'Ligado' }));
    await user.click(within(form).getByRole('button', { name: 'Salvar' }));

    expect(await within(form).findByText('Alguns campos são inválidos.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Saudação')).toHaveAccessibleDescription('Escreva a saudação (até 1.000 caracteres).');
    expect(within(form).getByRole('group', { name: 'Canais' })).toHaveAccessibleDescription('Escolha ao menos um canal para ligar o bot.');
    expect(within(form).getByRole('group', { name: 'Menu' })).toHaveAccessibleDescription('O menu precisa de uma opção para falar com um atendente.');
    expect(within(form).getByLabelText('Texto da opção 2')).toHaveAccessibleDescription('Nome da opção com até 60 caracteres.');
    expect(within(form).getByLabelText('Ação da opção 3')).toHaveAccessibleDescription('Cada ação aparece uma vez no menu.');
    expect(within(form).getByLabelText('Resposta da pergunta 1')).toHaveAccessibleDescription('Resposta com até 2.000 caracteres.');
    expect(within(form).getByLabelText('Equipe que recebe a transferência')).toHaveAccessibleDescription('Equipe não encontrada.');
    expect(within(form).getByLabelText('Mensagens não entendidas antes de transferir')).toHaveAccessibleDescription('De 1 a 5 mensagens.');
  });
});

describe('BotPage "Testar o bot"', () => {
  it('sends the whole conversation with the unsaved settings each time, shows it as a chat and starts over', async () => {
    const user = userEvent.setup();
    previewAnswer = (body) =>
      json({
        turns: body.messages.map((customer, i) =>
          i === 2 ? { customer, bot: 'Vou chamar alguém da equipe.', handover: 'o cliente pediu um atendente' } : { customer, bot: `resposta ${i + 1}`, handover: null },
        ),
      });
    renderPage();
    const greeting = screen.getByLabelText('Saudação');
    await user.clear(greeting);
    await user.type(greeting, 'Bem-vindo!');

    const tester = screen.getByRole('region', { name: 'Testar o bot' });
    const input = within(tester).getByLabelText('Mensagem do cliente');
    await user.type(input, 'oi{Enter}');
    const chat = await within(tester).findByRole('list', { name: 'Conversa simulada' });
    await within(chat).findByText('resposta 1');
    expect(input).toHaveValue('');
    await user.type(input, '1{Enter}');
    await within(chat).findByText('resposta 2');
    await user.type(input, 'quero um atendente{Enter}');
    await within(chat).findByText('Transferido para um atendente: o cliente pediu um atendente');

    expect(previews.map((p) => p.messages)).toEqual([['oi'], ['oi', '1'], ['oi', '1', 'quero um atendente']]);
    expect(previews.every((p) => p.channel === 'whatsapp' && p.settings?.greeting === 'Bem-vindo!')).toBe(true);
    const bubbles = within(chat).getAllByRole('listitem', { name: /^(Cliente|Bot IA)$/ });
    expect(bubbles.map((b) => b.getAttribute('aria-label'))).toEqual(['Cliente', 'Bot IA', 'Cliente', 'Bot IA', 'Cliente', 'Bot IA']);

    await user.click(within(tester).getByRole('button', { name: 'Recomeçar' }));
    expect(within(tester).queryByRole('list', { name: 'Conversa simulada' })).not.toBeInTheDocument();
    await user.click(within(tester).getByRole('radio', { name: 'Chat do site' }));
    await user.type(input, 'oi{Enter}');
    await within(tester).findByText('resposta 1');
    expect(previews.at(-1)).toMatchObject({ messages: ['oi'], channel: 'webchat' });
  });

  it('shows a handed-over conversation’s later messages without an answer', async () => {
    const user = userEvent.setup();
    previewAnswer = (body) => json({ turns: body.messages.map((customer) => ({ customer, bot: null, handover: null })) });
    renderPage();
    const tester = screen.getByRole('region', { name: 'Testar o bot' });
    await user.type(within(tester).getByLabelText('Mensagem do cliente'), 'alô?{Enter}');
    expect(await within(tester).findByText('O bot não responde mais: a conversa está com um atendente.')).toBeInTheDocument();
  });

  it('puts the unsaved settings’ errors on the form and keeps the message to try again', async () => {
    const user = userEvent.setup();
    previewAnswer = () => invalid([{ field: 'greeting', message: 'Escreva a saudação (até 1.000 caracteres).' }]);
    renderPage();
    await user.clear(screen.getByLabelText('Saudação'));
    const tester = screen.getByRole('region', { name: 'Testar o bot' });
    const input = within(tester).getByLabelText('Mensagem do cliente');
    await user.type(input, 'oi{Enter}');

    expect(await within(tester).findByText('Alguns campos são inválidos.')).toBeInTheDocument();
    expect(screen.getByLabelText('Saudação')).toHaveAccessibleDescription('Escreva a saudação (até 1.000 caracteres).');
    expect(input).toHaveValue('oi');
    expect(saved).toEqual([]);
  });
});
