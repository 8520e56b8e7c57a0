import { SelectField } from '@/components/ui/fields';
import { useCustomFields } from '@/lib/api/custom-fields';
import type { AutomationTriggerField } from '@/lib/api/models';

import { CUSTOM_FIELD_PREFIX, CUSTOMER_PREFIX, customFieldPath, RECORD_PREFIX } from '../utils/fields';

import { fieldLabel } from './labels';

/** Fields read as they are when the flow runs, by prefix; the rest are the event's own. */
const GROUPS = [
  { prefix: RECORD_PREFIX, label: 'O ticket agora (quando o fluxo roda)' },
  { prefix: CUSTOMER_PREFIX, label: 'O cliente agora' },
  { prefix: 'invoice.', label: 'A fatura agora' },
  { prefix: 'now.', label: 'No momento em que o fluxo roda' },
] as const;

/** The company's custom fields as `customer.custom_fields.<key>` (and the chosen one, if no longer listed). */
function CustomFieldOptions({ value }: { value: string }) {
  const customFields = useCustomFields();
  const options = (customFields.data ?? []).map((f) => ({ path: customFieldPath(f.key), label: `Cliente: ${f.label}` }));
  if (value.startsWith(CUSTOM_FIELD_PREFIX) && !options.some((o) => o.path === value)) options.push({ path: value, label: fieldLabel(value) });
  if (options.length === 0) return null;
  return (
    <optgroup label="Campos personalizados do cliente">
      {options.map((o) => (
        <option key={o.path} value={o.path}>
          {o.label}
        </option>
      ))}
    </optgroup>
  );
}

type Props = { value: string; error?: string; fields: AutomationTriggerField[]; onChange: (path: string) => void };

/** "Campo" of a condition: the event's fields, then the records read when the flow runs, with the customer's custom fields. */
export function ConditionFieldSelect({ value, error, fields, onChange }: Props) {
  const usable = fields.filter((f) => f.type !== 'object');
  const inGroup = (f: AutomationTriggerField) => GROUPS.some((g) => f.path.startsWith(g.prefix));
  return (
    <SelectField label="Campo" value={value} error={error} onChange={(e) => onChange(e.target.value)}>
      <option value="">Escolha…</option>
      <optgroup label="O evento">
        {usable
          .filter((f) => !inGroup(f))
          .map((f) => (
            <option key={f.path} value={f.path}>
              {f.path}
            </option>
          ))}
      </optgroup>
      {GROUPS.map((g) => {
        const members = usable.filter((f) => f.path.startsWith(g.prefix));
        return (
          members.length > 0 && (
            <optgroup key={g.prefix} label={g.label}>
              {members.map((f) => (
                <option key={f.path} value={f.path}>
                  {fieldLabel(f.path)}
                </option>
              ))}
            </optgroup>
          )
        );
      })}
      {usable.some((f) => f.path.startsWith(CUSTOMER_PREFIX)) && <CustomFieldOptions value={value} />}
    </SelectField>
  );
}
