import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { CollapsibleFilters } from '@/components/list/collapsible-filters';
import { InfiniteTable, type Column } from '@/components/list/infinite-table';
import { oneOf, useUrlFilters, useUrlSearch } from '@/components/list/use-url-filters';
import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextAreaField, TextField } from '@/components/ui/fields';
import type { Billing, Product } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { BILLING_LABELS } from '@/lib/commercial';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/format';
import { formatCentsForInput, parseMoneyToCents } from '@/lib/money';
import { problemMessage } from '@/lib/problem';

import { useProducts, type ProductFilters } from '../api/get-products';
import { useSaveProduct, useSetProductActive } from '../api/save-product';

const BILLINGS = ['one_time', 'monthly', 'quarterly', 'yearly'] as const;

const productSchema = z.object({
  sku: z.string().trim().min(1, 'Informe o código (SKU).').max(60, 'Use no máximo 60 caracteres.'),
  name: z.string().trim().min(1, 'Informe o nome.').max(200, 'Use no máximo 200 caracteres.'),
  description: z.string().max(2000, 'Use no máximo 2000 caracteres.'),
  unit: z.string().trim().min(1, 'Informe a unidade (un, h, mês…).').max(20, 'Use no máximo 20 caracteres.'),
  price: z
    .string()
    .refine((value) => parseMoneyToCents(value) !== null, 'Informe o preço, ex. 1.234,56.')
    .refine((value) => (parseMoneyToCents(value) ?? 0) >= 0, 'O preço não pode ser negativo.'),
  billing: z.enum(BILLINGS),
  active: z.boolean(),
});
type ProductValues = z.infer<typeof productSchema>;
const PRODUCT_FIELDS = ['sku', 'name', 'description', 'unit', 'price', 'billing', 'active'] as const;
const rename = (path: string) => (path === 'price_cents' ? 'price' : path);

function ProductForm({ product, onDone }: { product?: Product; onDone: () => void }) {
  const form = useForm<ProductValues>({
    resolver: zodResolver(productSchema),
    defaultValues: product
      ? {
          sku: product.sku,
          name: product.name,
          description: product.description ?? '',
          unit: product.unit,
          price: formatCentsForInput(product.price_cents),
          billing: product.billing,
          active: product.active,
        }
      : { sku: '', name: '', description: '', unit: 'un', price: '', billing: 'one_time', active: true },
  });
  const { errors } = form.formState;
  const save = useSaveProduct();
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        save.mutate(
          {
            id: product?.id,
            input: {
              sku: values.sku.trim(),
              name: values.name.trim(),
              description: values.description.trim() || null,
              unit: values.unit.trim(),
              // Integer cents, from the text: never a float.
              price_cents: parseMoneyToCents(values.price) ?? 0,
              billing: values.billing,
              active: values.active,
            },
          },
          { onSuccess: onDone, onError: (error) => applyFieldErrors(error, form.setError, PRODUCT_FIELDS, rename) },
        ),
      )}
    >
      <FormErrors message={save.error ? problemMessage(save.error) : null} extra={unmatchedFieldErrors(save.error, PRODUCT_FIELDS, rename)} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Código (SKU)" required autoFocus error={errors.sku?.message} {...form.register('sku')} />
        <TextField label="Nome" required error={errors.name?.message} {...form.register('name')} />
        <TextField
          label="Preço"
          prefix="R$"
          required
          inputMode="decimal"
          placeholder="0,00"
          error={errors.price?.message}
          {...form.register('price', {
            onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
              const cents = parseMoneyToCents(event.target.value);
              if (cents !== null) form.setValue('price', formatCentsForInput(cents));
            },
          })}
        />
        <TextField label="Unidade" required hint="un, h, mês, kg…" error={errors.unit?.message} {...form.register('unit')} />
        <SelectField label="Cobrança" error={errors.billing?.message} {...form.register('billing')}>
          {BILLINGS.map((billing) => (
            <option key={billing} value={billing}>
              {BILLING_LABELS[billing]}
            </option>
          ))}
        </SelectField>
        <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-800">
          <input type="checkbox" className="size-4" {...form.register('active')} />
          Ativo (aparece nas propostas)
        </label>
        <TextAreaField label="Descrição" wrapperClassName="sm:col-span-2" error={errors.description?.message} {...form.register('description')} />
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone} disabled={save.isPending}>
          Cancelar
        </Button>
        <Button type="submit" isLoading={save.isPending}>
          {product ? 'Salvar produto' : 'Criar produto'}
        </Button>
      </div>
    </form>
  );
}

const SHOW_KEYS = ['', 'inativos', 'todos'] as const;
/** `mostrar` in the URL → the API's `active` filter ('' = every product). */
const SHOW_FILTERS = { '': 'true', inativos: 'false', todos: '' } as const;

/** The catalogue: everyone in the CRM reads it; owners, admins and managers edit it. */
export function ProductsCatalogue({ canEdit }: { canEdit: boolean }) {
  const { input: search, setInput: setSearch, query: q } = useUrlSearch();
  const { values, setFilter } = useUrlFilters(['mostrar']);
  // Active products unless the URL says otherwise.
  const activeFilter = SHOW_FILTERS[oneOf(SHOW_KEYS, values.mostrar)];
  const filters: ProductFilters = useMemo(
    () => ({ q: q || undefined, active: activeFilter === '' ? undefined : activeFilter === 'true' }),
    [q, activeFilter],
  );
  const products = useProducts(filters);
  const setActive = useSetProductActive();
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [deactivating, setDeactivating] = useState<Product | null>(null);
  const columns: Column<Product>[] = [
    { key: 'sku', header: 'Código', className: 'font-mono text-xs text-slate-700', cell: (product) => product.sku },
    {
      key: 'name',
      header: 'Nome',
      cell: (product) => (
        <>
          <p className="font-medium text-slate-900">{product.name}</p>
          {product.description && <p className="line-clamp-1 text-xs text-slate-500">{product.description}</p>}
        </>
      ),
    },
    {
      key: 'price',
      header: 'Preço',
      align: 'right',
      className: 'whitespace-nowrap text-slate-900',
      cell: (product) => (
        <>
          {formatMoney(product.price_cents)}
          <span className="text-xs text-slate-500"> /{product.unit}</span>
        </>
      ),
    },
    { key: 'billing', header: 'Cobrança', className: 'text-slate-700', cell: (product) => BILLING_LABELS[product.billing as Billing] },
    {
      key: 'active',
      header: 'Situação',
      cell: (product) => (
        <span
          className={cn(
            'rounded-full px-2 py-0.5 text-xs font-medium',
            product.active ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-700',
          )}
        >
          {product.active ? 'Ativo' : 'Inativo'}
        </span>
      ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">Ações</span>,
      hidden: !canEdit,
      align: 'right',
      className: 'whitespace-nowrap',
      cell: (product) => (
        <>
          <Button size="sm" variant="ghost" aria-label={`Editar ${product.name}`} onClick={() => setEditing(product)}>
            Editar
          </Button>
          {product.active ? (
            <Button size="sm" variant="ghost" aria-label={`Desativar ${product.name}`} onClick={() => setDeactivating(product)}>
              Desativar
            </Button>
          ) : (
            <Button size="sm" variant="ghost" aria-label={`Reativar ${product.name}`} onClick={() => setActive.mutate({ id: product.id, active: true })}>
              Reativar
            </Button>
          )}
        </>
      ),
    },
  ];

  return (
    <section aria-labelledby="products-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-3 border-b border-slate-200 p-4 sm:flex-row sm:items-end sm:justify-between">
        <h2 id="products-title" className="sr-only">
          Catálogo
        </h2>
        <CollapsibleFilters
          className="grid flex-1 gap-3 sm:grid-cols-3"
          activeCount={values.mostrar ? 1 : 0}
          search={
            <TextField
              label="Buscar produtos"
              type="search"
              placeholder="Nome ou código"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              wrapperClassName="sm:col-span-2"
            />
          }
        >
          <SelectField label="Mostrar" value={values.mostrar} onChange={(event) => setFilter('mostrar', event.target.value)}>
            <option value="">Ativos</option>
            <option value="inativos">Inativos</option>
            <option value="todos">Todos</option>
          </SelectField>
        </CollapsibleFilters>
        {canEdit && <Button onClick={() => setEditing('new')}>Novo produto</Button>}
      </div>
      <div aria-live="assertive">{setActive.isError && <Alert className="m-4">{problemMessage(setActive.error)}</Alert>}</div>

      <InfiniteTable
        query={products}
        columns={columns}
        rowKey={(product) => product.id}
        caption="Produtos e serviços"
        loadingLabel="Carregando produtos…"
        errorTitle="Não foi possível carregar os produtos"
        minWidth="min-w-[40rem]"
        emptyText={
          <>
            <p>{q || activeFilter !== 'true' ? 'Nenhum produto com estes filtros.' : 'Nenhum produto cadastrado ainda.'}</p>
            {canEdit && !q && activeFilter === 'true' && (
              <Button className="mt-4" onClick={() => setEditing('new')}>
                Cadastrar produto
              </Button>
            )}
          </>
        }
      />

      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Novo produto' : 'Editar produto'} size="lg">
        {editing !== null && <ProductForm product={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />}
      </Dialog>
      <ConfirmDialog
        open={deactivating !== null}
        title={`Desativar ${deactivating?.name ?? ''}?`}
        confirmLabel="Desativar"
        tone="danger"
        isLoading={setActive.isPending}
        onCancel={() => setDeactivating(null)}
        onConfirm={() =>
          deactivating && setActive.mutate({ id: deactivating.id, active: false }, { onSettled: () => setDeactivating(null) })
        }
      >
        <p>O produto deixa de aparecer em novas propostas; as propostas antigas não mudam. Você pode reativá-lo depois.</p>
      </ConfirmDialog>
    </section>
  );
}
