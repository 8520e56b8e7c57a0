import { useId } from 'react';

import { OwnerSelect } from '@/components/owner-select';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/fields';
import type { FlowInvoiceVia, FlowWaitUnit } from '@/lib/api/models';
import { useAllUsers } from '@/lib/api/users';
import { PRIORITY_LABELS, TICKET_STATUS_LABELS } from '@/lib/ticket-labels';

import { type ActionDraft, newTemplate, type TemplateDraft } from '../utils/draft';

import type { FieldsProps, PropsOf } from './action-props';
import { CreateOpportunityFields, MoveOpportunityFields, SetCustomFieldFields } from './crm-action-fields';
import { INVOICE_VIA_LABELS, WAIT_UNIT_LABELS } from './labels';
import { LabelOptions } from './run-parts';
import { VariableText } from './variable-text';

/** A support team as the editor offers it (the app layer hands the list in: teams live in support). */
export type TeamOption = { id: string; name: string };

function AssignFields({ action: a, onChange, errors, teams }: PropsOf<'assign'> & { teams: TeamOption[] }) {
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <SelectField
        label="Equipe"
        value={a.team_id}
        error={errors.team_id}
        hint="Com uma equipe e sem pessoa, o rodízio da equipe escolhe quem atende."
        onChange={(e) => onChange({ ...a, team_id: e.target.value })}
      >
        <option value="">Nenhuma</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </SelectField>
      <OwnerSelect label="Pessoa" emptyLabel="Ninguém em particular" value={a.user_id} error={errors.user_id} onChange={(user_id) => onChange({ ...a, user_id })} />
    </div>
  );
}

function TemplateFields({ template, onChange, errors }: { template: TemplateDraft; onChange: (t: TemplateDraft) => void; errors: FieldsProps<ActionDraft>['errors'] }) {
  const setParam = (i: number, value: string) => onChange({ ...template, params: template.params.map((p, j) => (j === i ? value : p)) });
  return (
    <div className="space-y-2 rounded-md bg-white p-3 ring-1 ring-slate-200">
      <div className="grid gap-2 sm:grid-cols-2">
        <TextField
          label="Nome do modelo aprovado"
          value={template.name}
          error={errors['template.name']}
          onChange={(e) => onChange({ ...template, name: e.target.value })}
        />
        <TextField
          label="Idioma do modelo"
          value={template.language}
          error={errors['template.language']}
          hint="Como aprovado na Meta, ex.: pt_BR."
          onChange={(e) => onChange({ ...template, language: e.target.value })}
        />
      </div>
      {template.params.map((p, i) => (
        <div key={i} className="flex items-end gap-2">
          <TextField label={`Parâmetro {{${i + 1}}} do modelo`} wrapperClassName="flex-1" value={p} onChange={(e) => setParam(i, e.target.value)} />
          <Button variant="ghost" size="sm" onClick={() => onChange({ ...template, params: template.params.filter((_, j) => j !== i) })}>
            Remover
          </Button>
        </div>
      ))}
      {errors['template.params'] && <p className="text-xs font-medium text-red-700">{errors['template.params']}</p>}
      <p className="text-xs text-slate-500">Os parâmetros aceitam variáveis, como {'{{record.customer_name}}'}.</p>
      <Button variant="secondary" size="sm" disabled={template.params.length >= 10} onClick={() => onChange({ ...template, params: [...template.params, ''] })}>
        + Parâmetro
      </Button>
    </div>
  );
}

function ReplyFields({ action: a, onChange, errors, fields }: PropsOf<'reply'>) {
  const checkbox = useId();
  return (
    <div className="space-y-2">
      <VariableText
        label="Mensagem ao cliente"
        multiline
        value={a.text}
        error={errors.text}
        hint="Vai pelo canal da conversa. Um valor ausente faz a ação falhar, sem enviar texto incompleto."
        fields={fields}
        onChange={(text) => onChange({ ...a, text })}
      />
      <div className="flex items-start gap-2">
        <input
          id={checkbox}
          type="checkbox"
          className="mt-1"
          checked={a.template !== null}
          onChange={(e) => onChange({ ...a, template: e.target.checked ? newTemplate() : null })}
        />
        <label htmlFor={checkbox} className="text-sm text-slate-700">
          No WhatsApp, fora da janela de 24 horas, enviar um modelo aprovado
          <span className="block text-xs text-slate-500">Sem modelo, fora da janela nada é enviado e a ação falha.</span>
        </label>
      </div>
      {a.template && <TemplateFields template={a.template} errors={errors} onChange={(template) => onChange({ ...a, template })} />}
    </div>
  );
}

/** An e-mail's subject and text, with variables. */
function EmailTexts<A extends Extract<ActionDraft, { subject: string; text: string }>>({ action: a, onChange, errors, fields }: FieldsProps<A>) {
  return (
    <>
      <VariableText label="Assunto" value={a.subject} error={errors.subject} fields={fields} onChange={(subject) => onChange({ ...a, subject })} />
      <VariableText label="Mensagem do e-mail" multiline value={a.text} error={errors.text} fields={fields} onChange={(text) => onChange({ ...a, text })} />
    </>
  );
}

function NotifyFields(props: PropsOf<'notify'>) {
  const { action: a, onChange, errors } = props;
  const users = useAllUsers();
  const active = (users.data ?? []).filter((u) => u.active);
  const errorId = useId();
  const toggle = (id: string, on: boolean) => onChange({ ...a, user_ids: on ? [...a.user_ids, id] : a.user_ids.filter((x) => x !== id) });
  return (
    <div className="space-y-2">
      <fieldset aria-describedby={errors.user_ids ? errorId : undefined} className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Quem recebe o e-mail</legend>
        {users.isPending ? (
          <p className="text-sm text-slate-600">Carregando pessoas…</p>
        ) : (
          <ul className="max-h-40 space-y-1 overflow-y-auto rounded-md bg-white p-2 ring-1 ring-slate-200">
            {active.map((u) => (
              <li key={u.id}>
                <label className="flex items-center gap-2 text-sm text-slate-800">
                  <input type="checkbox" checked={a.user_ids.includes(u.id)} onChange={(e) => toggle(u.id, e.target.checked)} />
                  {u.name} <span className="text-xs text-slate-500">{u.email}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {errors.user_ids && (
          <p id={errorId} className="text-xs font-medium text-red-700">
            {errors.user_ids}
          </p>
        )}
      </fieldset>
      <EmailTexts {...props} />
    </div>
  );
}

/** The inputs of one action, by its type. */
export function ActionFields({ teams, ...props }: FieldsProps<ActionDraft> & { teams: TeamOption[] }) {
  const { action: a, onChange, errors, fields } = props;
  switch (a.type) {
    case 'add_note':
      return (
        <VariableText
          label="Texto da nota"
          multiline
          value={a.text}
          hint="Use {{campo}} para dados do evento, como {{ticket.number}}. Um valor ausente faz a ação falhar, sem enviar texto incompleto."
          error={errors.text}
          fields={fields}
          onChange={(text) => onChange({ ...a, text })}
        />
      );
    case 'set_status':
      return (
        <SelectField label="Nova situação" value={a.status} onChange={(e) => onChange({ ...a, status: e.target.value as typeof a.status })}>
          <LabelOptions labels={TICKET_STATUS_LABELS} />
        </SelectField>
      );
    case 'set_priority':
      return (
        <SelectField label="Prioridade" value={a.priority} onChange={(e) => onChange({ ...a, priority: e.target.value as typeof a.priority })}>
          <LabelOptions labels={PRIORITY_LABELS} />
        </SelectField>
      );
    case 'add_tags':
      return <TextField label="Etiquetas (separe por vírgula)" value={a.tags} error={errors.tags} onChange={(e) => onChange({ ...a, tags: e.target.value })} />;
    case 'assign':
      return <AssignFields action={a} onChange={onChange} errors={errors} fields={fields} teams={teams} />;
    case 'reply':
      return <ReplyFields action={a} onChange={onChange} errors={errors} fields={fields} />;
    case 'notify':
      return <NotifyFields action={a} onChange={onChange} errors={errors} fields={fields} />;
    case 'wait':
      return (
        <div className="grid gap-2 sm:grid-cols-[8rem_10rem]">
          <TextField
            label="Esperar"
            type="number"
            inputMode="numeric"
            min={1}
            value={a.amount}
            error={errors.amount}
            onChange={(e) => onChange({ ...a, amount: e.target.value })}
          />
          <SelectField label="Unidade" value={a.unit} onChange={(e) => onChange({ ...a, unit: e.target.value as FlowWaitUnit })}>
            <LabelOptions labels={WAIT_UNIT_LABELS} />
          </SelectField>
          <p className="text-xs text-slate-500 sm:col-span-2">Depois da espera, as condições são verificadas de novo no ticket como ele estiver; se não valerem mais, a execução é cancelada.</p>
        </div>
      );
    case 'wait_business_hours':
      return <p className="text-xs text-slate-500">Segue na hora se a empresa estiver aberta; senão espera a próxima abertura (Configurações → Empresa).</p>;
    case 'wait_until':
      return (
        <div className="grid gap-2 sm:grid-cols-2">
          <TextField label="Até as" type="time" value={a.time} error={errors.time} onChange={(e) => onChange({ ...a, time: e.target.value })} />
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
            <input type="checkbox" className="size-4 rounded border-slate-300" checked={a.weekdays} onChange={(e) => onChange({ ...a, weekdays: e.target.checked })} />
            Só em dias úteis (segunda a sexta)
          </label>
          <p className="text-xs text-slate-500 sm:col-span-2">No fuso da empresa; se a hora de hoje já passou, espera a de amanhã. Depois, as condições são verificadas de novo.</p>
        </div>
      );
    case 'email_customer':
      return (
        <div className="space-y-2">
          <EmailTexts action={a} onChange={onChange} errors={errors} fields={fields} />
          <p className="text-xs text-slate-500">Vai para o primeiro e-mail do cliente do evento; sem e-mail cadastrado, a ação falha.</p>
        </div>
      );
    case 'send_invoice':
      return (
        <SelectField
          label="Como enviar"
          value={a.via}
          hint="A fatura do evento, com o link de pagamento, o PIX e o valor devido hoje."
          onChange={(e) => onChange({ ...a, via: e.target.value as FlowInvoiceVia })}
        >
          <LabelOptions labels={INVOICE_VIA_LABELS} />
        </SelectField>
      );
    case 'create_opportunity':
      return <CreateOpportunityFields action={a} onChange={onChange} errors={errors} fields={fields} />;
    case 'move_opportunity':
      return <MoveOpportunityFields action={a} onChange={onChange} errors={errors} fields={fields} />;
    case 'set_custom_field':
      return <SetCustomFieldFields action={a} onChange={onChange} errors={errors} fields={fields} />;
    case 'webhook':
      return (
        <TextField
          label="Endereço (URL)"
          type="url"
          placeholder="https://"
          value={a.url}
          hint="Recebe o evento em JSON, assinado no cabeçalho X-ConectCRM-Signature com o segredo do fluxo."
          error={errors.url}
          onChange={(e) => onChange({ ...a, url: e.target.value })}
        />
      );
  }
}
