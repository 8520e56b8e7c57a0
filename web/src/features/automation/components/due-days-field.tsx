import { FieldGroup, SelectField, TextField } from '@/components/ui/fields';

type When = 'before' | 'on' | 'after';

const WHEN_LABELS: Record<When, string> = {
  before: 'dias antes do vencimento',
  on: 'no dia do vencimento',
  after: 'dias depois do vencimento',
};

/** A `days_to_due` value ("3", "0", "-2") as the two controls show it. */
function split(value: string): { when: When; days: string } {
  const v = value.trim();
  if (v.startsWith('-')) return { when: 'after', days: v.slice(1) };
  return v === '0' ? { when: 'on', days: '' } : { when: 'before', days: v };
}

const joined = (when: When, days: string) => (when === 'on' ? '0' : when === 'after' ? `-${days}` : days);

type Props = { value: string; error?: string; onChange: (value: string) => void };

/** "Quando em relação ao vencimento" of a flow over invoices: edits its `days_to_due equals N` condition (3 = antes, −2 = depois). */
export function DueDaysField({ value, error, onChange }: Props) {
  const { when, days } = split(value);
  return (
    <FieldGroup
      legend="Quando em relação ao vencimento"
      hint="A cada execução da agenda, o fluxo roda uma vez para cada fatura em aberto que vence (ou venceu) nesse dia."
      error={error}
    >
      <div className="grid gap-2 sm:grid-cols-2">
        {when !== 'on' && (
          <TextField
            label="Dias"
            type="number"
            min={1}
            max={365}
            inputMode="numeric"
            value={days}
            aria-invalid={error ? true : undefined}
            onChange={(e) => onChange(joined(when, e.target.value.replace(/\D/g, '')))}
          />
        )}
        <SelectField label="Antes ou depois" value={when} onChange={(e) => onChange(joined(e.target.value as When, days || '1'))}>
          {(Object.keys(WHEN_LABELS) as When[]).map((w) => (
            <option key={w} value={w}>
              {WHEN_LABELS[w]}
            </option>
          ))}
        </SelectField>
      </div>
    </FieldGroup>
  );
}
