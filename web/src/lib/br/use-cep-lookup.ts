// Fills an address from its CEP: once 8 digits are typed, the server asks
// the CEP service (`GET /addresses/lookup`); the street, district, city and
// UF come back and the caller puts them in the form. When the service does
// not know the CEP or cannot be reached, the person types the address — the
// status says so, nothing blocks.
import { useCallback, useRef, useState } from 'react';
import type { FieldValues, Path, PathValue, UseFormReturn } from 'react-hook-form';

import type { components } from '@/lib/api/schema';
import { api } from '@/lib/api-client';
import { ApiError } from '@/lib/problem';

import { normalizeCep } from './cep';

export type CepAddress = components['schemas']['CepAddress'];

export type CepStatus = 'idle' | 'loading' | 'found' | 'not_found' | 'unavailable';

export const CEP_STATUS_TEXT: Record<Exclude<CepStatus, 'idle'>, string> = {
  loading: 'Buscando o endereço…',
  found: 'Endereço preenchido pelo CEP: confira e informe o número.',
  not_found: 'CEP não encontrado: confira os números ou preencha o endereço.',
  unavailable: 'Não foi possível consultar o CEP agora: preencha o endereço.',
};

export function useCepLookup(onFound: (address: CepAddress) => void) {
  const [status, setStatus] = useState<CepStatus>('idle');
  const last = useRef<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  const lookup = useCallback(
    (typed: string) => {
      const cep = normalizeCep(typed);
      if (cep.length !== 8) {
        last.current = null;
        controller.current?.abort();
        setStatus('idle');
        return;
      }
      if (cep === last.current) return;
      last.current = cep;
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setStatus('loading');
      api
        .get<CepAddress>('/addresses/lookup', { query: { cep }, signal: current.signal })
        .then((address) => {
          if (current.signal.aborted) return;
          onFound(address);
          setStatus('found');
        })
        .catch((error: unknown) => {
          if (current.signal.aborted) return;
          setStatus(error instanceof ApiError && (error.status === 404 || error.status === 422) ? 'not_found' : 'unavailable');
        });
    },
    [onFound],
  );

  return { status, lookup, message: status === 'idle' ? null : CEP_STATUS_TEXT[status] };
}

/** A form with an `address` group (company, customer). */
type WithAddress = FieldValues & { address: { street: string; number: string; district: string; city: string; state: string } };

/**
 * The CEP lookup wired to a form's `address` fields: what the service
 * found goes into street, district, city and UF, and the cursor to the number.
 */
export function useAddressCepLookup<T extends WithAddress>(form: UseFormReturn<T>) {
  return useCepLookup(
    useCallback(
      (found: CepAddress) => {
        const fields = { street: found.street, district: found.district, city: found.city, state: found.state };
        for (const [key, value] of Object.entries(fields)) {
          form.setValue(`address.${key}` as Path<T>, value as PathValue<T, Path<T>>, {
            shouldDirty: true,
            shouldValidate: form.formState.isSubmitted,
          });
        }
        form.setFocus('address.number' as Path<T>);
      },
      [form],
    ),
  );
}
