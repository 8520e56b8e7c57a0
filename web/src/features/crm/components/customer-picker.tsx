import { useId, useState } from 'react';

import { Spinner } from '@/components/ui/spinner';
import type { Customer } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import { useCustomerSearch } from '../api/get-customers';

import { formatDocument } from './labels';

type CustomerPickerProps = {
  label: string;
  value: Pick<Customer, 'id' | 'name'> | null;
  onChange: (customer: Customer | null) => void;
  /** Left out of the suggestions (the customer being merged into). */
  excludeId?: string;
  error?: string;
  autoFocus?: boolean;
};

/** A combobox (WAI-ARIA 1.2 pattern): type to search, arrows to choose, Enter to pick. */
export function CustomerPicker({ label, value, onChange, excludeId, error, autoFocus }: CustomerPickerProps) {
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebouncedValue(text.trim(), 250);
  const search = useCustomerSearch(value && text === value.name ? '' : q, open);
  const options = (search.data?.items ?? []).filter((customer) => customer.id !== excludeId);

  const choose = (customer: Customer) => {
    onChange(customer);
    setText(customer.name);
    setOpen(false);
  };

  return (
    <div className="relative space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        autoFocus={autoFocus}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-activedescendant={open && options[active] ? `${id}-option-${active}` : undefined}
        placeholder="Digite o nome, documento ou e-mail"
        value={text}
        className={cn(
          'block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400',
          error ? 'border-red-600' : 'border-slate-300',
        )}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
          if (value) onChange(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
            setActive((index) => Math.min(index + 1, Math.max(options.length - 1, 0)));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((index) => Math.max(index - 1, 0));
          } else if (event.key === 'Enter' && open && options[active]) {
            event.preventDefault();
            choose(options[active]);
          } else if (event.key === 'Escape' && open) {
            event.preventDefault();
            event.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!open}
        className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
      >
        {search.isPending ? (
          <li role="presentation" className="px-3 py-2 text-slate-500">
            <Spinner size="sm" label="Buscando…" />
          </li>
        ) : options.length === 0 ? (
          <li role="presentation" className="px-3 py-2 text-slate-500">
            Nenhum cliente encontrado.
          </li>
        ) : (
          options.map((customer, index) => (
            <li
              key={customer.id}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              className={cn('cursor-pointer px-3 py-2', index === active ? 'bg-indigo-50 text-indigo-900' : 'text-slate-800')}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(customer);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className="font-medium">{customer.name}</span>
              {customer.document && (
                <span className="ml-2 text-xs text-slate-500">{formatDocument(customer.kind, customer.document)}</span>
              )}
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
