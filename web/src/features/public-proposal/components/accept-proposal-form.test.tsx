import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { renderWithProviders } from '@/testing/render';

import { AcceptProposalForm } from './accept-proposal-form';

const TOKEN = 'tenant.proposal.secret';

function problem(status: number, body: Record<string, unknown>) {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Erro', status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

function setup(fetchMock = vi.fn(async () => new Response(null, { status: 204 }))) {
  vi.stubGlobal('fetch', fetchMock);
  const onAccepted = vi.fn();
  const user = userEvent.setup();
  renderWithProviders(<AcceptProposalForm token={TOKEN} label="PROP-0007" onAccepted={onAccepted} onCancel={() => {}} />);
  return { user, onAccepted, fetchMock };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('AcceptProposalForm', () => {
  it('asks for the name, a CPF/CNPJ or e-mail, and the declaration before sending anything', async () => {
    const { user, fetchMock, onAccepted } = setup();
    await user.click(screen.getByRole('button', { name: 'Confirmar aceite' }));

    expect(await screen.findByText('Informe seu nome completo.')).toBeInTheDocument();
    expect(screen.getByText('Informe seu CPF/CNPJ ou e-mail.')).toBeInTheDocument();
    expect(screen.getByText('Marque a declaração para aceitar.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Nome completo/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('CPF ou CNPJ')).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(onAccepted).not.toHaveBeenCalled();
  });

  it('masks the CPF while typing and refuses wrong check digits', async () => {
    const { user, fetchMock } = setup();
    const document = screen.getByLabelText('CPF ou CNPJ');
    await user.type(document, '52998224724');
    expect(document).toHaveValue('529.982.247-24');
    await user.type(screen.getByLabelText(/^Nome completo/), 'Maria da Silva');
    await user.click(screen.getByRole('checkbox', { name: /Declaro que li e aceito a proposta PROP-0007/ }));
    await user.click(screen.getByRole('button', { name: 'Confirmar aceite' }));

    expect(await screen.findByText('CPF inválido: confira os números.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('switches to the CNPJ mask and checks it too', async () => {
    const { user } = setup();
    const document = screen.getByLabelText('CPF ou CNPJ');
    await user.type(document, '11222333000180');
    expect(document).toHaveValue('11.222.333/0001-80');
    await user.click(screen.getByRole('button', { name: 'Confirmar aceite' }));
    expect(await screen.findByText('CNPJ inválido: confira os caracteres.')).toBeInTheDocument();
  });

  it('refuses a malformed e-mail', async () => {
    const { user } = setup();
    await user.type(screen.getByLabelText('E-mail'), 'maria@');
    await user.click(screen.getByRole('button', { name: 'Confirmar aceite' }));
    expect(await screen.findByText('E-mail inválido.')).toBeInTheDocument();
    expect(screen.queryByText('Informe seu CPF/CNPJ ou e-mail.')).not.toBeInTheDocument();
  });

  it('sends the name and the CPF as digits, without a login', async () => {
    const { user, fetchMock, onAccepted } = setup();
    await user.type(screen.getByLabelText(/^Nome completo/), '  Maria da Silva ');
    await user.type(screen.getByLabelText('CPF ou CNPJ'), '529.982.247-25');
    await user.click(screen.getByRole('checkbox', { name: /Declaro que li e aceito/ }));
    await user.click(screen.getByRole('button', { name: 'Confirmar aceite' }));

    await vi.waitFor(() => expect(onAccepted).toHaveBeenCalledWith('Maria da Silva'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/v1/public/proposals/${TOKEN}/accept`);
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ name: 'Maria da Silva', document: '52998224725', email: null });
    expect(new Headers(init.headers).has('Authorization')).toBe(false);
  });

  it('accepts an e-mail instead of a document', async () => {
    const { user, fetchMock, onAccepted } = setup();
    await user.type(screen.getByLabelText(/^Nome completo/), 'Maria da Silva');
    await user.type(screen.getByLabelText('E-mail'), 'maria@example.com');
    await user.click(screen.getByRole('checkbox', { name: /Declaro que li e aceito/ }));
    await user.click(screen.getByRole('button', { name: 'Confirmar aceite' }));

    await vi.waitFor(() => expect(onAccepted).toHaveBeenCalled());
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toEqual({ name: 'Maria da Silva', document: null, email: 'maria@example.com' });
  });

  it('puts the server’s field errors on their inputs and shows a 409 as it is', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        problem(422, { detail: 'Corrija os campos indicados.', errors: [{ field: 'name', message: 'Informe seu nome completo.' }] }),
      )
      .mockResolvedValueOnce(problem(409, { detail: 'Esta proposta já foi aceita e não pode mais mudar.' }));
    const { user, onAccepted } = setup(fetchMock);
    await user.type(screen.getByLabelText(/^Nome completo/), 'Ana');
    await user.type(screen.getByLabelText('E-mail'), 'ana@example.com');
    await user.click(screen.getByRole('checkbox', { name: /Declaro que li e aceito/ }));
    await user.click(screen.getByRole('button', { name: 'Confirmar aceite' }));

    expect(await screen.findByText('Informe seu nome completo.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Nome completo/)).toHaveAttribute('aria-invalid', 'true');

    await user.click(screen.getByRole('button', { name: 'Confirmar aceite' }));
    expect(await screen.findByText('Esta proposta já foi aceita e não pode mais mudar.')).toBeInTheDocument();
    expect(onAccepted).not.toHaveBeenCalled();
  });
});
