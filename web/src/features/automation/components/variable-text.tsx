import { useRef } from 'react';

import { TextAreaField, TextField } from '@/components/ui/fields';
import type { AutomationTriggerField } from '@/lib/api/models';

import { insertVariable } from '../utils/draft';
import { variablePath } from '../utils/fields';

import { fieldLabel, FRIENDLY_VARIABLES } from './labels';

type Props = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The trigger's fields: each a chip that puts `{{path}}` where the caret is (the pt-BR names first, where the trigger has them). */
  fields: AutomationTriggerField[];
  error?: string;
  hint?: string;
  multiline?: boolean;
};

/** A text of an action (note, reply, e-mail) with the trigger's variables as clickable chips under it. */
export function VariableText({ label, value, onChange, fields, error, hint, multiline = false }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const chips = [
    ...FRIENDLY_VARIABLES.filter((v) => variablePath(fields, v.name) !== null),
    ...fields.filter((f) => f.type !== 'object').map((f) => ({ name: f.path, label: fieldLabel(f.path) })),
  ];

  const insert = (path: string) => {
    const element = multiline ? area.current : input.current;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? start;
    onChange(insertVariable(value, path, start, end));
    element?.focus();
  };

  return (
    <div className="space-y-1">
      {multiline ? (
        <TextAreaField ref={area} label={label} rows={3} value={value} hint={hint} error={error} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <TextField ref={input} label={label} value={value} hint={hint} error={error} onChange={(e) => onChange(e.target.value)} />
      )}
      {chips.length > 0 && (
        <div role="group" aria-label={`Variáveis para ${label.toLowerCase()}`} className="flex flex-wrap items-center gap-1">
          <span className="text-xs text-slate-500">Inserir:</span>
          {chips.map((chip) => (
            <button
              key={chip.name}
              type="button"
              title={chip.label}
              onClick={() => insert(chip.name)}
              className="rounded-full bg-indigo-50 px-2 py-0.5 font-mono text-xs text-indigo-800 ring-1 ring-indigo-200 hover:bg-indigo-100"
            >
              {`{{${chip.name}}}`}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
