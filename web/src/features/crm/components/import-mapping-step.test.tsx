import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { UploadedImport } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { ImportMappingStep } from './import-mapping-step';

const FIELDS = ['name', 'trade_name', 'kind', 'document', 'email', 'phone', 'status', 'tags', 'notes', 'cep', 'street', 'number', 'complement', 'district', 'city', 'state'];

const uploaded: UploadedImport = {
  id: 'imp-1',
  filename: 'clientes.csv',
  encoding: 'latin-1',
  delimiter: ';',
  columns: ['Razão', 'CPF/CNPJ', 'E-mail'],
  total_rows: 2,
  status: 'uploaded',
  skip_invalid: false,
  processed_rows: 0,
  created_count: 0,
  updated_count: 0,
  skipped_count: 0,
  errors: [],
  created_at: '2026-03-01T12:00:00Z',
  preview: [
    ['José Conceição', '', 'jose@x.com.br'],
    ['Bad', '111.111.111-12', ''],
  ],
  suggested_mapping: { document: 'CPF/CNPJ', email: 'E-mail' },
  fields: FIELDS,
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('ImportMappingStep', () => {
  it('shows what was detected and prefills the suggestion', () => {
    vi.stubGlobal('fetch', vi.fn());
    renderWithProviders(<ImportMappingStep uploaded={uploaded} previous={null} onBack={() => {}} onStarted={() => {}} />);
    expect(screen.getByText('Latin-1 (ISO-8859-1 / Windows-1252)')).toBeInTheDocument();
    expect(screen.getByText('ponto e vírgula (;)')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'José Conceição' })).toBeInTheDocument();
    expect(screen.getByLabelText(/^CPF\/CNPJ/)).toHaveValue('CPF/CNPJ');
    expect(screen.getByLabelText(/^E-mail/)).toHaveValue('E-mail');
    expect(screen.getByLabelText(/^UF/)).toHaveValue('');
    expect(screen.getByLabelText('Importar as linhas válidas e pular as com erro')).not.toBeChecked();
  });

  it('asks for the name column before starting, then sends only the mapped fields', async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) =>
      json({ ...uploaded, status: 'queued', ...JSON.parse(String(init.body)) }, 202),
    );
    vi.stubGlobal('fetch', fetchMock);
    const onStarted = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ImportMappingStep uploaded={uploaded} previous={null} onBack={() => {}} onStarted={onStarted} />);

    await user.click(screen.getByRole('button', { name: 'Importar 2 linhas' }));
    expect(await screen.findByText('Escolha a coluna com o nome do cliente.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.selectOptions(screen.getByLabelText(/^Nome(?! fantasia)/), 'Razão');
    await user.click(screen.getByLabelText('Importar as linhas válidas e pular as com erro'));
    await user.click(screen.getByRole('button', { name: 'Importar 2 linhas' }));

    await vi.waitFor(() => expect(onStarted).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/customers/imports/imp-1/start');
    expect(JSON.parse(String(init.body))).toEqual({
      mapping: { name: 'Razão', document: 'CPF/CNPJ', email: 'E-mail' },
      skip_invalid: true,
    });
  });

  it('keeps an earlier attempt’s choices', () => {
    vi.stubGlobal('fetch', vi.fn());
    renderWithProviders(
      <ImportMappingStep
        uploaded={uploaded}
        previous={{ mapping: { name: 'Razão', document: 'CPF/CNPJ' }, skipInvalid: true }}
        onBack={() => {}}
        onStarted={() => {}}
      />,
    );
    expect(screen.getByLabelText(/^Nome(?! fantasia)/)).toHaveValue('Razão');
    expect(screen.getByLabelText(/^E-mail/)).toHaveValue('');
    expect(screen.getByLabelText('Importar as linhas válidas e pular as com erro')).toBeChecked();
  });
});
