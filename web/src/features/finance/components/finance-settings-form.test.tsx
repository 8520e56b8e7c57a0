import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { FinanceSettings } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { FinanceSettingsForm } from './finance-settings-form';

const settings: FinanceSettings = {
  fine_bp: 200,
  interest_bp_month: 100,
  due_in_days: 5,
  pix_key: null,
  pix_key_kind: null,
  merchant_name: null,
  merchant_city: null,
  dunning_offsets: [-3, 0, 3, 10],
  dunning_enabled: true,
  email_on_issue: false,
};

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('FinanceSettingsForm', () => {
  it('shows percentages and the schedule, and sends basis points and day offsets', async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      return new Response(JSON.stringify({ ...settings, ...body, pix_key: '52998224725', pix_key_kind: 'cpf' }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    });
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<FinanceSettingsForm settings={settings} />);

    expect(screen.getByLabelText('Multa (%)')).toHaveValue('2');
    expect(screen.getByLabelText('Juros ao mês (%)')).toHaveValue('1');
    expect(screen.getByLabelText('Dias dos lembretes')).toHaveValue('-3, 0, 3, 10');
    expect(screen.getByText('3 dias antes do vencimento')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Multa (%)'));
    await user.type(screen.getByLabelText('Multa (%)'), '1,5');
    await user.clear(screen.getByLabelText('Juros ao mês (%)'));
    await user.type(screen.getByLabelText('Juros ao mês (%)'), '0,33');
    await user.type(screen.getByLabelText('Chave PIX'), '529.982.247-25');
    await user.clear(screen.getByLabelText('Dias dos lembretes'));
    await user.type(screen.getByLabelText('Dias dos lembretes'), '7, -5, 0');
    await user.click(screen.getByRole('switch', { name: /Enviar cada fatura por e-mail/ }));
    await user.click(screen.getByRole('button', { name: 'Salvar configurações' }));

    expect(await screen.findByText('Configurações salvas.')).toBeInTheDocument();
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/finance/settings');
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(String(init.body))).toEqual({
      fine_bp: 150,
      interest_bp_month: 33,
      due_in_days: 5,
      pix_key: '529.982.247-25',
      merchant_name: '',
      merchant_city: '',
      dunning_offsets: [-5, 0, 7],
      dunning_enabled: true,
      email_on_issue: true,
    });
    // What the server kept replaces what was typed.
    expect(screen.getByLabelText('Chave PIX')).toHaveValue('52998224725');
    expect(screen.getByLabelText('Dias dos lembretes')).toHaveValue('-5, 0, 7');
  });

  it('refuses a fine above 2% and interest above 1% a month', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<FinanceSettingsForm settings={settings} />);
    await user.clear(screen.getByLabelText('Multa (%)'));
    await user.type(screen.getByLabelText('Multa (%)'), '3');
    await user.clear(screen.getByLabelText('Juros ao mês (%)'));
    await user.type(screen.getByLabelText('Juros ao mês (%)'), '1,1');
    await user.click(screen.getByRole('button', { name: 'Salvar configurações' }));
    expect(await screen.findByText('A multa vai de 0 a 2% (limite do Código de Defesa do Consumidor).')).toBeInTheDocument();
    expect(screen.getByText('Os juros de mora vão de 0 a 1% ao mês.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
