import { useMemo } from 'react';
import { Link } from 'react-router';

import { CollapsibleFilters } from '@/components/list/collapsible-filters';
import { InfiniteTable, type Column } from '@/components/list/infinite-table';
import { oneOf, useUrlFilters, useUrlSearch } from '@/components/list/use-url-filters';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/fields';
import { paths } from '@/config/paths';
import type { Customer } from '@/lib/api/models';
import { useAllUsers } from '@/lib/api/users';
import { displayPhone } from '@/lib/br/phone';
import { cn } from '@/lib/cn';
import { formatNumber } from '@/lib/format';
import { plural } from '@/lib/plural';
import { problemMessage } from '@/lib/problem';

import { useExportCustomers } from '../api/export-customers';
import { useCustomers, type CustomerFilters } from '../api/get-customers';

import { CUSTOMER_STATUS_LABELS, CUSTOMER_STATUS_STYLES, formatDocument } from './labels';

const STATUSES = ['lead', 'active', 'inactive'] as const;

const columns = (userNames: Map<string, string>): Column<Customer>[] => [
  {
    key: 'name',
    header: 'Nome',
    cell: (customer) => (
      <>
        <Link to={paths.app.crm.customer.getHref(customer.id)} className="font-medium text-indigo-800 hover:underline">
          {customer.name}
        </Link>
        {customer.trade_name && <p className="text-xs text-slate-500">{customer.trade_name}</p>}
      </>
    ),
  },
  {
    key: 'document',
    header: 'Documento',
    className: 'whitespace-nowrap text-slate-700',
    cell: (customer) => formatDocument(customer.kind, customer.document) || '—',
  },
  {
    key: 'contact',
    header: 'Contato',
    className: 'text-slate-700',
    cell: (customer) => (
      <>
        {customer.emails[0] && (
          <p className="max-w-[16rem] truncate" title={customer.emails[0]}>
            {customer.emails[0]}
          </p>
        )}
        {customer.phones[0] && <p className="whitespace-nowrap">{displayPhone(customer.phones[0])}</p>}
        {!customer.emails[0] && !customer.phones[0] && '—'}
      </>
    ),
  },
  {
    key: 'status',
    header: 'Situação',
    cell: (customer) => (
      <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium', CUSTOMER_STATUS_STYLES[customer.status])}>
        {CUSTOMER_STATUS_LABELS[customer.status]}
      </span>
    ),
  },
  {
    key: 'tags',
    header: 'Etiquetas',
    cell: (customer) => (
      <div className="flex flex-wrap gap-1">
        {customer.tags.map((t) => (
          <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
            {t}
          </span>
        ))}
      </div>
    ),
  },
  {
    key: 'owner',
    header: 'Responsável',
    className: 'text-slate-700',
    cell: (customer) => (customer.owner_id ? (userNames.get(customer.owner_id) ?? '—') : '—'),
  },
];

/** The customer list: search, filters and sort live in the URL, so "back" keeps them. */
export function CustomersList() {
  const { input: search, setInput: setSearch, query: q } = useUrlSearch();
  // Tags are stored in lowercase.
  const { input: tagInput, setInput: setTagInput, query: tag } = useUrlSearch('etiqueta', { normalize: (text) => text.trim().toLowerCase() });
  const { values, setFilter: setParam } = useUrlFilters(['situacao', 'responsavel', 'ordem']);
  const status = oneOf(STATUSES, values.situacao);
  const ownerId = values.responsavel;
  const sort = values.ordem === 'nome' ? 'name' : 'recent';

  const filters: CustomerFilters = useMemo(
    () => ({
      q: q || undefined,
      status: status || undefined,
      tag: tag || undefined,
      owner_id: ownerId || undefined,
      sort,
    }),
    [q, status, tag, ownerId, sort],
  );
  const customers = useCustomers(filters);
  const users = useAllUsers();
  const exportCsv = useExportCustomers();
  const userNames = useMemo(() => new Map((users.data ?? []).map((user) => [user.id, user.name])), [users.data]);
  const items = customers.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(q || status || tag || ownerId);

  return (
    <section aria-labelledby="customers-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="customers-title" className="sr-only">
        Lista de clientes
      </h2>
      <CollapsibleFilters
        className="grid gap-3 border-b border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-6 lg:items-end"
        activeCount={[status, tag, ownerId].filter(Boolean).length}
        search={
          <TextField
            label="Buscar clientes"
            type="search"
            placeholder="Nome, documento, e-mail ou telefone"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            wrapperClassName="sm:col-span-2"
          />
        }
      >
        <SelectField label="Situação" value={status} onChange={(event) => setParam('situacao', event.target.value)}>
          <option value="">Todas</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {CUSTOMER_STATUS_LABELS[value]}
            </option>
          ))}
        </SelectField>
        <TextField label="Etiqueta" value={tagInput} onChange={(event) => setTagInput(event.target.value)} />
        <SelectField label="Responsável" value={ownerId} onChange={(event) => setParam('responsavel', event.target.value)}>
          <option value="">Todos</option>
          {(users.data ?? []).map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Ordenar por"
          value={sort === 'name' ? 'nome' : ''}
          onChange={(event) => setParam('ordem', event.target.value)}
        >
          <option value="">Mais recentes</option>
          <option value="nome">Nome (A–Z)</option>
        </SelectField>
      </CollapsibleFilters>

      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2">
        <p className="text-sm text-slate-600" aria-live="polite">
          {customers.isFetching && !customers.isFetchingNextPage ? 'Buscando…' : customers.hasNextPage ? `${formatNumber(items.length)}+ clientes` : plural(items.length, 'cliente', 'clientes')}
        </p>
        <div className="flex items-center gap-2">
          <Button variant="secondary" size="sm" onClick={() => exportCsv.mutate(filters)} isLoading={exportCsv.isPending}>
            Exportar CSV
          </Button>
        </div>
      </div>
      {exportCsv.isError && (
        <div className="p-4">
          <Alert title="Não foi possível exportar">{problemMessage(exportCsv.error)}</Alert>
        </div>
      )}

      <InfiniteTable
        query={customers}
        columns={columns(userNames)}
        rowKey={(customer) => customer.id}
        caption="Clientes"
        loadingLabel="Carregando clientes…"
        errorTitle="Não foi possível carregar os clientes"
        minWidth="min-w-[48rem]"
        emptyText={
          filtered ? (
            'Nenhum cliente encontrado com estes filtros.'
          ) : (
            <>
              <p className="text-base font-medium text-slate-900">Nenhum cliente ainda</p>
              <p className="mt-1">Cadastre o primeiro cliente para começar a vender.</p>
              <div className="mt-4 flex flex-wrap justify-center gap-2">
                <Link
                  to={paths.app.crm.newCustomer.getHref()}
                  className="inline-flex h-10 items-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
                >
                  Cadastrar cliente
                </Link>
                <Link
                  to={paths.app.crm.importCustomers.getHref()}
                  className="inline-flex h-10 items-center rounded-md bg-white px-4 text-sm font-medium text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
                >
                  Importar de uma planilha (CSV)
                </Link>
              </div>
            </>
          )
        }
      />
    </section>
  );
}
