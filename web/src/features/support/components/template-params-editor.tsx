import { type Ref, useId, useState } from 'react';

import { Button } from '@/components/ui/button';
import { ListItemActions } from '@/components/ui/list-item-actions';
import { cn } from '@/lib/cn';

import {
  MAX_TEMPLATE_PARAMS,
  type TemplateField,
  templateFieldLabel,
  templateFieldsFor,
  type TemplatePurpose,
} from '../utils/sale-templates';

type Props = {
  purpose: TemplatePurpose;
  value: TemplateField[];
  onChange: (params: TemplateField[]) => void;
  /** The list's error (the server's `config.templates.<purpose>.params`). */
  error?: string;
  /** Focused when the list has an error (the picker of the next variable). */
  ref?: Ref<HTMLSelectElement>;
};

/**
 * The values that fill an approved template's {{1}}, {{2}}, … in order: add
 * from what the purpose offers (a proposal has no PIX), move up and down,
 * remove. The order must be the one of the text Meta approved.
 */
export function TemplateParamsEditor({ purpose, value, onChange, error, ref }: Props) {
  const id = useId();
  const offered = templateFieldsFor(purpose);
  // Each value once: the template's text can repeat a variable if it needs to.
  const available = offered.filter((field) => !value.includes(field));
  const [picked, setPicked] = useState<TemplateField | ''>('');
  const next = picked && available.includes(picked) ? picked : (available[0] ?? '');
  const full = value.length >= MAX_TEMPLATE_PARAMS || available.length === 0;
  const noun = purpose === 'proposal' ? 'Variáveis do modelo de proposta' : 'Variáveis do modelo de fatura';

  const move = (from: number, to: number) => {
    const list = [...value];
    const [item] = list.splice(from, 1);
    list.splice(to, 0, item);
    onChange(list);
  };

  return (
    <fieldset
      aria-describedby={error ? `${id}-error` : `${id}-hint`}
      aria-invalid={error ? true : undefined}
      className="space-y-2"
    >
      <legend className="text-sm font-medium text-slate-800">Variáveis, na ordem do modelo</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        O que preenche cada variável do texto aprovado: {'{{1}}'}, {'{{2}}'}… Até {MAX_TEMPLATE_PARAMS}.
      </p>
      {value.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhuma variável: o modelo vai sem valores preenchidos.</p>
      ) : (
        <ol aria-label={noun} className="space-y-1">
          {value.map((field, index) => (
            <li key={`${index}-${field}`} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 px-2 py-1">
              <span className="text-sm text-slate-900">
                <code className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{`{{${index + 1}}}`}</code>
                {templateFieldLabel(purpose, field)}
              </span>
              <ListItemActions
                index={index}
                count={value.length}
                noun="a variável"
                onMove={move}
                onRemove={() => onChange(value.filter((_, at) => at !== index))}
              />
            </li>
          ))}
        </ol>
      )}
      {!full && (
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 space-y-1">
            <label htmlFor={`${id}-next`} className="block text-xs font-medium text-slate-700">
              {`Variável {{${value.length + 1}}}`}
            </label>
            <select
              ref={ref}
              id={`${id}-next`}
              value={next}
              onChange={(event) => setPicked(event.target.value as TemplateField)}
              className={cn(
                'block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs',
                error ? 'border-red-600' : 'border-slate-300',
              )}
            >
              {available.map((field) => (
                <option key={field} value={field}>
                  {templateFieldLabel(purpose, field)}
                </option>
              ))}
            </select>
          </div>
          <Button
            size="md"
            variant="secondary"
            onClick={() => {
              if (!next) return;
              onChange([...value, next]);
              setPicked('');
            }}
          >
            Adicionar variável
          </Button>
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
