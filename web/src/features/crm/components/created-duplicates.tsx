import { useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { paths } from '@/config/paths';
import type { Customer, DuplicateHint } from '@/lib/api/models';
import { problemMessage } from '@/lib/problem';

import { useMergeCustomers } from '../api/merge-customers';

const FIELD_LABELS: Record<string, string> = {
  document: 'mesmo documento',
  emails: 'mesmo e-mail',
  phones: 'mesmo telefone',
};

/**
 * After a save that matched existing customers: the new one exists, and the
 * person can merge it into the existing one (which keeps its history).
 */
export function CreatedDuplicates({ customer, duplicates }: { customer: Customer; duplicates: DuplicateHint[] }) {
  const navigate = useNavigate();
  const merge = useMergeCustomers();
  const [target, setTarget] = useState<DuplicateHint | null>(null);
  // One row per customer, with every field it shares.
  const byCustomer = new Map<string, { name: string; reasons: string[] }>();
  for (const hint of duplicates) {
    const row = byCustomer.get(hint.customer_id) ?? { name: hint.name, reasons: [] };
    const reason = FIELD_LABELS[hint.field] ?? hint.field;
    if (!row.reasons.includes(reason)) row.reasons.push(reason);
    byCustomer.set(hint.customer_id, row);
  }

  return (
    <section aria-labelledby="duplicates-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-amber-300 sm:p-6">
      <div role="status">
        <h2 id="duplicates-title" className="text-base font-semibold text-slate-900">
          Cliente {customer.name} salvo — parece haver cadastro repetido
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Estes clientes já tinham dados iguais. Se forem a mesma pessoa ou empresa, una os cadastros.
        </p>
      </div>
      <FormErrors message={merge.error ? problemMessage(merge.error) : null} />
      <ul className="divide-y divide-slate-100">
        {[...byCustomer].map(([id, row]) => (
          <li key={id} className="flex flex-wrap items-center justify-between gap-2 py-3">
            <div className="text-sm">
              <Link to={paths.app.crm.customer.getHref(id)} className="font-medium text-indigo-800 hover:underline">
                {row.name}
              </Link>
              <p className="text-slate-600">{row.reasons.join(', ')}</p>
            </div>
            <Button size="sm" variant="secondary" onClick={() => setTarget({ customer_id: id, name: row.name, field: '', value: '' })}>
              Unir cadastros
            </Button>
          </li>
        ))}
      </ul>
      <div className="flex justify-end">
        <Link
          to={paths.app.crm.customer.getHref(customer.id)}
          className="inline-flex h-10 items-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
        >
          Manter separado e abrir {customer.name}
        </Link>
      </div>
      <ConfirmDialog
        open={target !== null}
        title="Unir cadastros?"
        confirmLabel={target ? `Unir a ${target.name}` : 'Unir'}
        isLoading={merge.isPending}
        onCancel={() => setTarget(null)}
        onConfirm={() =>
          target &&
          merge.mutate(
            { id: target.customer_id, mergeId: customer.id },
            { onSuccess: () => navigate(paths.app.crm.customer.getHref(target.customer_id)), onSettled: () => setTarget(null) },
          )
        }
      >
        {target && (
          <p>
            O cadastro recém-criado de {customer.name} será unido a {target.name}: e-mails, telefones e etiquetas novos são somados ao
            cadastro existente, que mantém o histórico.
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
