import { useId, useState, type Ref } from 'react';

import { Spinner } from '@/components/ui/spinner';
import type { Product } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { BILLING_LABELS } from '@/lib/commercial';
import { formatMoney } from '@/lib/format';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import { useProductSearch } from '../api/get-products';

type ItemDescriptionFieldProps = {
  label: string;
  value: string;
  onChange: (text: string) => void;
  onBlur?: () => void;
  /** A catalogue product was chosen: the row takes its name, unit, price and billing. */
  onPickProduct: (product: Product) => void;
  error?: string;
  ref?: Ref<HTMLInputElement>;
};

/**
 * The item's description, typed freely or picked from the catalogue: a
 * combobox (WAI-ARIA 1.2) whose suggestions are the active products matching
 * the text. Arrows choose, Enter picks, Esc closes and keeps the free text.
 */
export function ItemDescriptionField({ label, value, onChange, onBlur, onPickProduct, error, ref }: ItemDescriptionFieldProps) {
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebouncedValue(value.trim(), 250);
  const search = useProductSearch(q, open);
  const options = open ? (search.data?.items ?? []) : [];
  const expanded = open && (options.length > 0 || search.isFetching);

  const choose = (product: Product) => {
    onPickProduct(product);
    setOpen(false);
  };

  return (
    <div className="relative space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        <span aria-hidden="true" className="text-red-700">
          {' '}
          *
        </span>
      </label>
      <input
        ref={ref}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        aria-activedescendant={expanded && options[active] ? `${id}-option-${active}` : undefined}
        placeholder="Digite para buscar no catálogo ou descreva livremente"
        value={value}
        className={cn(
          'block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400',
          error ? 'border-red-600' : 'border-slate-300',
        )}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          onBlur?.();
        }}
        onChange={(event) => {
          onChange(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
            setActive((index) => Math.min(index + 1, Math.max(options.length - 1, 0)));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((index) => Math.max(index - 1, 0));
          } else if (event.key === 'Enter' && expanded && options[active]) {
            event.preventDefault();
            choose(options[active]);
          } else if (event.key === 'Escape' && expanded) {
            event.preventDefault();
            event.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="sr-only">
          Sugestões do catálogo aparecem enquanto você digita.
        </p>
      )}
      <ul
        id={listId}
        role="listbox"
        aria-label={`Produtos do catálogo para ${label.toLowerCase()}`}
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
      >
        {options.length === 0 ? (
          <li role="presentation" className="px-3 py-2 text-slate-500">
            <Spinner size="sm" label="Buscando no catálogo…" />
          </li>
        ) : (
          options.map((product, index) => (
            <li
              key={product.id}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              className={cn('cursor-pointer px-3 py-2', index === active ? 'bg-indigo-50 text-indigo-900' : 'text-slate-800')}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(product);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className="font-medium">{product.name}</span>
              <span className="ml-2 text-xs text-slate-500">
                {formatMoney(product.price_cents)}/{product.unit} · {BILLING_LABELS[product.billing]} · {product.sku}
              </span>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
