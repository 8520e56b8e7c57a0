import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Me, Role, SearchHit } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { GlobalSearch } from './global-search';

const me = (role: Role): Me => ({
  user: { id: 'u1', name: 'Dona Rita', email: 'rita@example.com', role, active: true, created_at: '2026-01-01T00:00:00Z' },
  company: { id: 't1', name: 'Padaria', trade_name: null, plan_code: 'starter' },
  signature: '',
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const hit = (kind: SearchHit['kind'], id: string, title: string, extra: Partial<SearchHit> = {}): SearchHit => ({
  kind,
  id,
  title,
  subtitle: null,
  parent_id: null,
  ...extra,
});

/** One of each kind, as the server answers "clinica" to an owner. */
const EVERYTHING: SearchHit[] = [
  hit('customer', 'c1', 'Clínica São João', { subtitle: 'clinica@example.com' }),
  hit('contact', 'k1', 'Joana da Clínica', { parent_id: 'c1', subtitle: 'Clínica São João' }),
  hit('opportunity', 'o1', 'Reforma da clínica', { subtitle: 'Clínica São João' }),
  hit('proposal', 'p1', 'PROP-0001 Manutenção da clínica', { subtitle: 'Clínica São João' }),
  hit('ticket', 't1', '#3 Horário da clínica', { subtitle: 'Clínica São João · Aberto' }),
  hit('invoice', 'i1', 'FAT-0001', { subtitle: 'Clínica São João · Emitida' }),
];

type Answer = (signal: AbortSignal | undefined) => Promise<Response> | Response;

/** Answers `GET /search` from `answers` by its `q` (no results otherwise); records each `q` asked. */
function stubSearch(answers: Record<string, SearchHit[] | Answer> = {}) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const parsed = new URL(url, 'http://x');
      if (parsed.pathname !== '/api/v1/search') return json({ title: 'Não encontrado', status: 404 }, 404);
      const q = parsed.searchParams.get('q') ?? '';
      asked.push(q);
      const answer = answers[q] ?? [];
      return typeof answer === 'function' ? answer(init.signal ?? undefined) : json({ items: answer });
    }),
  );
  return asked;
}

function Location() {
  const location = useLocation();
  return <span data-testid="location">{location.pathname + location.search}</span>;
}

function renderSearch(role: Role = 'owner') {
  const user = userEvent.setup();
  renderWithProviders(
    <>
      <button type="button">Antes</button>
      <GlobalSearch />
      <Location />
    </>,
    { route: '/dashboard', seed: (client) => client.setQueryData(meQueryKey, me(role)) },
  );
  return user;
}

const palette = () => screen.getByRole('dialog', { name: 'Busca' });
const box = () => screen.getByRole('combobox', { name: 'Buscar' });
const location = () => screen.getByTestId('location').textContent;

/** Opens the palette from the header's box and types `text`. */
async function openAndType(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.click(screen.getByRole('button', { name: /^Buscar clientes, tickets, faturas…/ }));
  await user.type(box(), text);
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('GlobalSearch', () => {
  it('shows the results grouped under pt-BR names; the arrows move through every option across groups', async () => {
    stubSearch({ clinica: EVERYTHING });
    const user = renderSearch();
    await openAndType(user, 'clinica');

    const listbox = await screen.findByRole('listbox', { name: 'Resultados da busca' });
    const groups = within(listbox).getAllByRole('group');
    expect(groups.map((group) => group.getAttribute('aria-labelledby') && document.getElementById(group.getAttribute('aria-labelledby')!)?.textContent)).toEqual([
      'Clientes',
      'Contatos',
      'Negócios',
      'Propostas',
      'Tickets',
      'Faturas',
    ]);
    expect(within(screen.getByRole('group', { name: 'Faturas' })).getByRole('option', { name: /FAT-0001/ })).toBeInTheDocument();
    expect(box()).toHaveAttribute('aria-expanded', 'true');
    expect(box()).toHaveAttribute('aria-controls', listbox.id);

    const options = within(listbox).getAllByRole('option');
    const selected = () => options.findIndex((option) => option.getAttribute('aria-selected') === 'true');
    const activeIsSelected = () => expect(box().getAttribute('aria-activedescendant')).toBe(options[selected()].id);
    expect(selected()).toBe(0);
    activeIsSelected();

    // Down through all six, from Clientes to Faturas, then around to the first.
    for (let index = 1; index < 6; index += 1) {
      await user.keyboard('{ArrowDown}');
      expect(selected()).toBe(index);
      activeIsSelected();
    }
    await user.keyboard('{ArrowDown}');
    expect(selected()).toBe(0);
    await user.keyboard('{ArrowUp}');
    expect(selected()).toBe(5);
    activeIsSelected();
    // The matched text is marked, accents and all.
    expect(within(options[0]).getByText('Clínica').tagName).toBe('MARK');
  });

  it.each([
    [0, 'customer', '/crm/clientes/c1'],
    [1, 'contact (its customer)', '/crm/clientes/c1'],
    [2, 'deal', '/crm/oportunidades?oportunidade=o1'],
    [3, 'proposal', '/crm/propostas/p1'],
    [4, 'ticket', '/atendimento/t1'],
    [5, 'invoice', '/financeiro/faturas/i1'],
  ])('Enter on option %i opens the %s at %s and closes the palette', async (downs, _kind, url) => {
    stubSearch({ clinica: EVERYTHING });
    const user = renderSearch();
    await openAndType(user, 'clinica');
    await screen.findByRole('listbox', { name: 'Resultados da busca' });
    for (let i = 0; i < downs; i += 1) await user.keyboard('{ArrowDown}');
    await user.keyboard('{Enter}');
    expect(location()).toBe(url);
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
  });

  it('a click on an option opens it too', async () => {
    stubSearch({ clinica: EVERYTHING });
    const user = renderSearch();
    await openAndType(user, 'clinica');
    await user.click(await screen.findByRole('option', { name: /PROP-0001/ }));
    expect(location()).toBe('/crm/propostas/p1');
  });

  it('asks for 2 letters first, and sends nothing before', async () => {
    const asked = stubSearch({ cl: EVERYTHING });
    const user = renderSearch();
    await user.click(screen.getByRole('button', { name: /^Buscar clientes/ }));
    expect(within(palette()).getByRole('status')).toHaveTextContent('Digite pelo menos 2 letras.');
    expect(box()).toHaveAttribute('aria-expanded', 'false');
    await user.type(box(), ' c ');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(screen.getByRole('status')).toHaveTextContent('Digite pelo menos 2 letras.');
    expect(asked).toEqual([]);

    await user.clear(box());
    await user.type(box(), 'cl');
    expect(screen.getByRole('status')).toHaveTextContent('Buscando…');
    await screen.findByRole('option', { name: 'Clínica São João', description: 'clinica@example.com' });
    expect(asked).toEqual(['cl']);
  });

  it('searches once typing pauses, not on every key', async () => {
    const asked = stubSearch({ clinica: EVERYTHING });
    const user = renderSearch();
    await openAndType(user, 'clinica');
    await screen.findByRole('listbox', { name: 'Resultados da busca' });
    expect(asked).toEqual(['clinica']);
  });

  it('shows only the answer to the text on screen: the request for older text is cancelled and its late answer ignored', async () => {
    let late: { resolve: (response: Response) => void; signal: AbortSignal | undefined } | null = null;
    const asked = stubSearch({
      ab: (signal) =>
        new Promise<Response>((resolve, reject) => {
          late = { resolve, signal };
          signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
        }),
      abc: [hit('customer', 'c3', 'Resposta de abc')],
    });
    const user = renderSearch();
    await openAndType(user, 'ab');
    await waitFor(() => expect(asked).toEqual(['ab']));
    expect(screen.getByRole('status')).toHaveTextContent('Buscando…');

    await user.type(box(), 'c');
    await screen.findByRole('option', { name: /Resposta de abc/ });
    expect(asked).toEqual(['ab', 'abc']);
    expect(late!.signal?.aborted).toBe(true);

    // The old answer arrives anyway: nothing changes.
    await act(async () => {
      late!.resolve(json({ items: [hit('customer', 'c2', 'Resposta de ab')] }));
    });
    expect(screen.queryByRole('option', { name: 'Resposta de ab' })).not.toBeInTheDocument();
    expect(screen.getAllByRole('option')).toHaveLength(1);
  });

  it('says when nothing was found', async () => {
    stubSearch();
    const user = renderSearch();
    await openAndType(user, 'xyzzy');
    expect(await screen.findByText('Nada encontrado para “xyzzy”.')).toBeInTheDocument();
    expect(screen.getByRole('listbox', { hidden: true })).not.toBeVisible();
    expect(box()).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{Enter}');
    expect(location()).toBe('/dashboard');
  });

  it('explains a failed search and tries again', async () => {
    let fail = true;
    stubSearch({ clinica: () => (fail ? json({ title: 'Erro interno', status: 500, detail: 'Falhou.' }, 500) : json({ items: EVERYTHING })) });
    const user = renderSearch();
    await openAndType(user, 'clinica');
    expect(await screen.findByText(/Não foi possível buscar/)).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Tentar novamente' }));
    expect(await screen.findByRole('option', { name: /FAT-0001/ })).toBeInTheDocument();
  });

  it('Ctrl+K opens it from anywhere; Escape closes it and gives the focus back', async () => {
    stubSearch();
    const user = renderSearch();
    const before = screen.getByRole('button', { name: 'Antes' });
    before.focus();
    await user.keyboard('{Control>}k{/Control}');
    expect(palette()).toBeInTheDocument();
    expect(box()).toHaveFocus();
    expect(box()).toHaveAttribute('placeholder', 'Buscar clientes, tickets, faturas…');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(before).toHaveFocus();

    // ⌘K on a Mac.
    await user.keyboard('{Meta>}k{/Meta}');
    expect(box()).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Fechar busca' }));
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(before).toHaveFocus();
  });

  it('closing gives the focus back to the header’s box it was opened from', async () => {
    stubSearch();
    const user = renderSearch();
    const trigger = screen.getByRole('button', { name: /^Buscar clientes/ });
    expect(trigger).toHaveAttribute('aria-keyshortcuts', 'Control+K Meta+K');
    await user.click(trigger);
    await user.keyboard('{Escape}');
    expect(trigger).toHaveFocus();
    // The phones' icon opens the same palette.
    await user.click(screen.getByRole('button', { name: 'Buscar' }));
    expect(box()).toHaveFocus();
  });

  it('"/" opens it, but not while typing in a field', async () => {
    stubSearch();
    const user = renderSearch();
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    await user.keyboard('/');
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(field).toHaveValue('/');
    field.remove();

    screen.getByRole('button', { name: 'Antes' }).focus();
    await user.keyboard('/');
    expect(box()).toHaveFocus();
    expect(box()).toHaveValue('');
  });
});
