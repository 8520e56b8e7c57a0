import { OwnerSelect } from '@/components/owner-select';
import { SelectField, TextField } from '@/components/ui/fields';
import { useCustomFields } from '@/lib/api/custom-fields';
import type { CustomField } from '@/lib/api/models';
import { usePipelines } from '@/lib/api/pipelines';
import { formatCentsForInput, parseMoneyToCents } from '@/lib/money';

import type { PropsOf } from './action-props';
import { VariableText } from './variable-text';

// The inputs of the actions on the CRM: deals and customers' custom fields.

const loading = (pending: boolean, label: string) => (pending ? 'Carregando…' : label);

/** "Criar oportunidade": a deal for the event's customer. */
export function CreateOpportunityFields({ action: a, onChange, errors, fields }: PropsOf<'create_opportunity'>) {
  const pipelines = usePipelines();
  const stages = pipelines.data?.find((p) => p.id === a.pipeline_id)?.stages.filter((s) => s.kind === 'open') ?? [];
  const formatValue = () => {
    const cents = parseMoneyToCents(a.value);
    if (cents !== null) onChange({ ...a, value: formatCentsForInput(cents) });
  };
  return (
    <div className="space-y-2">
      <div className="grid gap-2 sm:grid-cols-2">
        <SelectField
          label="Funil"
          value={a.pipeline_id}
          error={errors.pipeline_id}
          disabled={pipelines.isPending}
          onChange={(e) => onChange({ ...a, pipeline_id: e.target.value, stage_id: '' })}
        >
          <option value="">{loading(pipelines.isPending, 'Escolha…')}</option>
          {pipelines.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Etapa" value={a.stage_id} error={errors.stage_id} onChange={(e) => onChange({ ...a, stage_id: e.target.value })}>
          <option value="">Primeira etapa</option>
          {stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      </div>
      <VariableText label="Título" value={a.title} error={errors.title} fields={fields} onChange={(title) => onChange({ ...a, title })} />
      <div className="grid gap-2 sm:grid-cols-2">
        <TextField
          label="Valor"
          prefix="R$"
          inputMode="decimal"
          placeholder="0,00"
          value={a.value}
          error={errors.value_cents}
          onChange={(e) => onChange({ ...a, value: e.target.value })}
          onBlur={formatValue}
        />
        <OwnerSelect emptyLabel="Sem responsável" value={a.owner_id} error={errors.owner_id} onChange={(owner_id) => onChange({ ...a, owner_id })} />
      </div>
      <p className="text-xs text-slate-500">Para o cliente do evento; vinda de um ticket, a oportunidade guarda a conversa.</p>
    </div>
  );
}

/** "Mover a oportunidade": any stage, grouped by pipeline. */
export function MoveOpportunityFields({ action: a, onChange, errors }: PropsOf<'move_opportunity'>) {
  const pipelines = usePipelines();
  return (
    <SelectField
      label="Nova etapa"
      value={a.stage_id}
      error={errors.stage_id}
      disabled={pipelines.isPending}
      hint="Move a oportunidade do evento para esta etapa, que precisa ser do funil dela."
      onChange={(e) => onChange({ ...a, stage_id: e.target.value })}
    >
      <option value="">{loading(pipelines.isPending, 'Escolha…')}</option>
      {pipelines.data?.map((p) => (
        <optgroup key={p.id} label={p.name}>
          {p.stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}

const CLEARS = 'Vazio limpa o campo.';
const YES_NO: [string, string][] = [
  ['true', 'Sim'],
  ['false', 'Não'],
];

/** The value of a custom field, as its type takes it. */
function CustomValueInput({ action: a, onChange, errors, fields, field }: PropsOf<'set_custom_field'> & { field: CustomField | undefined }) {
  const common = { label: 'Valor do campo', value: a.value, error: errors.value, hint: CLEARS };
  const set = (value: string) => onChange({ ...a, value });
  if (a.kind === 'boolean' || field?.field_type === 'select') {
    const options: [string, string][] = a.kind === 'boolean' ? YES_NO : (field?.options ?? []).map((o) => [o, o]);
    return (
      <SelectField {...common} onChange={(e) => set(e.target.value)}>
        <option value="">Vazio</option>
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
    );
  }
  if (field?.field_type === 'date') return <TextField {...common} type="date" onChange={(e) => set(e.target.value)} />;
  if (a.kind === 'number') return <TextField {...common} inputMode="decimal" onChange={(e) => set(e.target.value)} />;
  return <VariableText {...common} fields={fields} onChange={set} />;
}

/** "Preencher campo personalizado do cliente": one of the company's fields (lists of choices can't be set by a flow). */
export function SetCustomFieldFields(props: PropsOf<'set_custom_field'>) {
  const { action: a, onChange, errors } = props;
  const customFields = useCustomFields();
  const settable = (customFields.data ?? []).filter((f) => f.field_type !== 'multiselect');
  const field = settable.find((f) => f.key === a.key);
  const empty = !customFields.isPending && settable.length === 0;
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <SelectField
        label="Campo personalizado"
        value={a.key}
        error={errors.key}
        disabled={customFields.isPending}
        hint={empty ? 'Nenhum campo para preencher: crie-os em CRM → Configurações.' : undefined}
        onChange={(e) => {
          const next = settable.find((f) => f.key === e.target.value);
          onChange({ ...a, key: e.target.value, value: '', kind: next?.field_type === 'number' ? 'number' : 'text' });
        }}
      >
        <option value="">{loading(customFields.isPending, 'Escolha…')}</option>
        {a.key && !field && <option value={a.key}>{a.key}</option>}
        {settable.map((f) => (
          <option key={f.id} value={f.key}>
            {f.label}
          </option>
        ))}
      </SelectField>
      <CustomValueInput {...props} field={field} />
    </div>
  );
}
