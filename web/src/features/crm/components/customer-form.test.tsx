import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { CustomField } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { CustomerForm } from './customer-form';

const segmento: CustomField = {
  id: 'f1',
  key: 'segmento',
  label: 'Segmento',
  field_type: 'select',
  options: ['varejo', 'servicos'],
  required: false,
  created_at: '2026-01-01T00:00:00Z',
};

function json(body: unknown, status = 200, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

type Handler = (url: URL, init: RequestInit) => Response | undefined;

function stubApi(onPostCustomer: Handler) {
  const fetchMock = vi.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    const method = init.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/api/v1/custom-fields') return json([segmento]);
    if (method === 'GET' && url.pathname === '/api/v1/users') return json({ items: [], next_cursor: null });
    if (method === 'GET' && url.pathname === '/api/v1/customers/duplicates') {
      return json(
        url.searchParams.get('document') === '52998224725'
          ? [{ customer_id: 'c9', name: 'Maria Antiga', field: 'document', value: '52998224725' }]
          : [],
      );
    }
    if (method === 'GET' && url.pathname === '/api/v1/addresses/lookup') {
      return url.searchParams.get('cep') === '01001000'
        ? json({ cep: '01001000', street: 'Praça da Sé', district: 'Sé', city: 'São Paulo', state: 'SP' })
        : json({ type: 'about:blank', title: 'Não encontrado', status: 404, detail: 'O recurso não existe.' }, 404, 'application/problem+json');
    }
    if (method === 'POST' && url.pathname === '/api/v1/customers') {
      const response = onPostCustomer(url, init);
      if (response) return response;
    }
    return json({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'não stubado' }, 404, 'application/problem+json');
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

async function fillValidPerson(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText(/Nome completo/), 'Maria da Silva');
  await user.type(screen.getByLabelText(/^CPF/), '52998224725');
  await user.type(screen.getByLabelText(/^E-mail$/), 'maria@example.com');
  await user.type(screen.getByLabelText(/^Telefone$/), '11987654321');
  await user.selectOptions(screen.getByLabelText(/^Segmento/), 'varejo');
}

describe('CustomerForm', () => {
  it('fills the address from the CEP and puts the cursor on the number', async () => {
    stubApi(() => undefined);
    const user = userEvent.setup();
    renderWithProviders(<CustomerForm onSaved={vi.fn()} />);
    await user.type(await screen.findByLabelText(/^CEP/), '01001000');
    expect(await screen.findByText('Endereço preenchido pelo CEP: confira e informe o número.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^CEP/)).toHaveValue('01001-000');
    expect(screen.getByLabelText(/^Logradouro/)).toHaveValue('Praça da Sé');
    expect(screen.getByLabelText(/^Bairro/)).toHaveValue('Sé');
    expect(screen.getByLabelText(/^Cidade/)).toHaveValue('São Paulo');
    expect(screen.getByLabelText(/^Estado/)).toHaveValue('SP');
    expect(screen.getByLabelText(/^Número/)).toHaveFocus();
  });

  it('an unknown CEP says so, and a CEP alone makes nothing mandatory and is not saved', async () => {
    const fetchMock = stubApi(() => json({ id: 'c1', name: 'Maria da Silva' }, 201));
    const user = userEvent.setup();
    renderWithProviders(<CustomerForm onSaved={vi.fn()} />);
    await fillValidPerson(user);
    await user.type(screen.getByLabelText(/^CEP/), '99999999');
    expect(await screen.findByText('CEP não encontrado: confira os números ou preencha o endereço.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Salvar cliente' }));
    await vi.waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(true));
    expect(screen.queryByText('Informe o logradouro.')).not.toBeInTheDocument();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post![1]?.body)).address).toBeNull();
  });

  it('masks the CPF, sends digits and E.164, and shows server field errors on their fields', async () => {
    const fetchMock = stubApi(() =>
      json(
        {
          type: 'about:blank',
          title: 'Unprocessable Entity',
          status: 422,
          detail: 'Alguns dados são inválidos.',
          errors: [
            { field: 'emails.0', message: 'Este domínio de e-mail não existe.' },
            { field: 'custom_fields.segmento', message: 'Segmento deve ser uma das opções: varejo, servicos.' },
            { field: 'address.cep', message: 'CEP deve ter 8 dígitos.' },
          ],
        },
        422,
        'application/problem+json',
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<CustomerForm onSaved={vi.fn()} />);

    await fillValidPerson(user);
    expect(screen.getByLabelText(/^CPF/)).toHaveValue('529.982.247-25');
    expect(screen.getByLabelText(/^Telefone$/)).toHaveValue('(11) 98765-4321');
    await user.click(screen.getByRole('button', { name: 'Salvar cliente' }));

    expect(await screen.findByText('Este domínio de e-mail não existe.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^E-mail$/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Segmento/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Segmento deve ser uma das opções: varejo, servicos.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^CEP/)).toHaveAttribute('aria-invalid', 'true');
    // The problem's detail is announced in the live region.
    expect(screen.getByText('Alguns dados são inválidos.')).toBeInTheDocument();

    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(post).toBeDefined();
    const body = JSON.parse(String(post![1]?.body));
    expect(body).toMatchObject({
      kind: 'person',
      name: 'Maria da Silva',
      document: '52998224725',
      emails: ['maria@example.com'],
      phones: ['+5511987654321'],
      custom_fields: { segmento: 'varejo' },
      address: null,
    });
  });

  it('warns on blur that the CPF already belongs to someone, with a link', async () => {
    stubApi(() => undefined);
    const user = userEvent.setup();
    renderWithProviders(<CustomerForm onSaved={vi.fn()} />);

    await user.type(await screen.findByLabelText(/^CPF/), '52998224725');
    await user.tab();

    expect(await screen.findByText(/Este CPF já pertence a/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Maria Antiga' })).toHaveAttribute('href', '/crm/clientes/c9');
  });

  it('checks the CPF before sending', async () => {
    const fetchMock = stubApi(() => undefined);
    const user = userEvent.setup();
    renderWithProviders(<CustomerForm onSaved={vi.fn()} />);

    await user.type(await screen.findByLabelText(/Nome completo/), 'João');
    await user.type(screen.getByLabelText(/^CPF/), '52998224724');
    await user.click(screen.getByRole('button', { name: 'Salvar cliente' }));

    expect(await screen.findByText('CPF inválido: confira os dígitos.')).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });
});
