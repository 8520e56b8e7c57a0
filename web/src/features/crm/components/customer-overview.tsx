import { useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { paths } from '@/config/paths';
import { useCustomFields } from '@/lib/api/custom-fields';
import type { CustomerDetail, CustomFieldValues } from '@/lib/api/models';
import { useAllUsers } from '@/lib/api/users';
import { formatCep } from '@/lib/br/cep';
import { displayPhone } from '@/lib/br/phone';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useDeleteCustomer } from '../api/delete-customer';

import {
  CUSTOMER_KIND_LABELS,
  CUSTOMER_STATUS_LABELS,
  CUSTOMER_STATUS_STYLES,
  formatDocument,
  formatIsoDate,
} from './labels';
import { MergeCustomerDialog } from './merge-customer-dialog';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children || '—'}</dd>
    </div>
  );
}

/** The customer's data with its actions: edit, merge another into it, delete. */
export function CustomerOverview({ customer, onEdit }: { customer: CustomerDetail; onEdit: () => void }) {
  const navigate = useNavigate();
  const users = useAllUsers();
  const fields = useCustomFields();
  const remove = useDeleteCustomer();
  const [merging, setMerging] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const owner = useMemo(() => users.data?.find((user) => user.id === customer.owner_id), [users.data, customer.owner_id]);
  const values = customer.custom_fields as unknown as CustomFieldValues;
  const a = customer.address;
  const docLabel = customer.kind === 'person' ? 'CPF' : 'CNPJ';

  return (
    <section aria-labelledby="customer-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h2 id="customer-title" className="text-base font-semibold text-slate-900">
            Dados do cliente
          </h2>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span>{CUSTOMER_KIND_LABELS[customer.kind]}</span>
            <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium', CUSTOMER_STATUS_STYLES[customer.status])}>
              {CUSTOMER_STATUS_LABELS[customer.status]}
            </span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={onEdit}>
            Editar
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setMerging(true)}>
            Unir cadastros
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setDeleting(true)}>
            Excluir
          </Button>
        </div>
      </div>

      <div aria-live="assertive">
        {remove.isError && (
          <Alert className="mt-4" title="Não foi possível excluir">
            {problemMessage(remove.error)}
          </Alert>
        )}
      </div>

      <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {customer.trade_name && <Item label="Nome fantasia">{customer.trade_name}</Item>}
        <Item label={docLabel}>{formatDocument(customer.kind, customer.document)}</Item>
        <Item label="E-mails">
          {customer.emails.length > 0 &&
            customer.emails.map((email) => (
              // A long address wraps inside its cell instead of running over the next one.
              <a key={email} href={`mailto:${email}`} title={email} className="block text-indigo-800 wrap-anywhere hover:underline">
                {email}
              </a>
            ))}
        </Item>
        <Item label="Telefones">
          {customer.phones.length > 0 &&
            customer.phones.map((phone) => (
              <a key={phone} href={`tel:${phone}`} className="block text-indigo-800 hover:underline">
                {displayPhone(phone)}
              </a>
            ))}
        </Item>
        <Item label="Endereço">
          {a &&
            `${a.street}, ${a.number}${a.complement ? ` — ${a.complement}` : ''} · ${a.district} · ${a.city}/${a.state} · ${formatCep(a.cep)}`}
        </Item>
        <Item label="Responsável">{owner?.name}</Item>
        <Item label="Etiquetas">
          {customer.tags.length > 0 && (
            <span className="flex flex-wrap gap-1">
              {customer.tags.map((tag) => (
                <span key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                  {tag}
                </span>
              ))}
            </span>
          )}
        </Item>
        {(fields.data ?? []).map((field) => {
          const value = values[field.key];
          let text = '';
          if (Array.isArray(value)) text = value.join(', ');
          else if (value !== null && value !== undefined) text = field.field_type === 'date' ? formatIsoDate(String(value)) : String(value);
          return (
            <Item key={field.id} label={field.label}>
              {text}
            </Item>
          );
        })}
        <Item label="Cadastrado em">{formatDateTime(customer.created_at)}</Item>
      </dl>
      {customer.notes && (
        <div className="mt-4">
          <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Observações</h3>
          <p className="mt-0.5 text-sm whitespace-pre-wrap text-slate-900">{customer.notes}</p>
        </div>
      )}

      <MergeCustomerDialog open={merging} customer={customer} onClose={() => setMerging(false)} />
      <ConfirmDialog
        open={deleting}
        title={`Excluir ${customer.name}?`}
        confirmLabel="Excluir cliente"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setDeleting(false)}
        onConfirm={() =>
          remove.mutate(customer.id, {
            onSuccess: () => navigate(paths.app.crm.customers.getHref(), { replace: true }),
            onSettled: () => setDeleting(false),
          })
        }
      >
        <p>O cadastro, os contatos e o histórico serão apagados. Clientes com oportunidades não podem ser excluídos: marque-os como inativos.</p>
      </ConfirmDialog>
    </section>
  );
}
