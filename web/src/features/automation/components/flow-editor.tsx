import { useMemo, useState } from 'react';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/fields';
import { ListItemActions } from '@/components/ui/list-item-actions';
import type { AutomationTrigger, DryRunResult, EventKind, Flow } from '@/lib/api/models';
import { EVENT_LABELS } from '@/lib/event-labels';
import { isApiError, problemMessage } from '@/lib/problem';

import { useDryRun, useSaveFlow, useTriggers } from '../api/flows';
import {
  type ActionDraft,
  BUTTON,
  draftKey,
  dueCondition,
  dueIndex,
  emptyDraft,
  fromFlow,
  INVOICE_DUE,
  isScheduled,
  needsValue,
  newAction,
  toDefinition,
  toRequest,
  validateDraft,
} from '../utils/draft';
import { fieldOf } from '../utils/fields';

import { ActionFields, type TeamOption } from './action-fields';
import { ActionMenu } from './action-menu';
import { ConditionFieldSelect } from './condition-field-select';
import { DueDaysField } from './due-days-field';
import { ACTION_LABELS, OP_LABELS, SCHEDULE_PRESETS } from './labels';
import { StepList } from './run-parts';

function DryRunView({ result }: { result: DryRunResult }) {
  if (result.events.length === 0)
    return <p className="text-sm text-slate-600">Nenhum evento deste tipo ainda: a simulação usa os últimos eventos reais da empresa.</p>;
  return (
    <ol aria-label="Resultado da simulação" className="space-y-2">
      {result.events.map((event) => (
        <li key={event.event_id} className="rounded-md p-3 text-sm ring-1 ring-slate-200">
          <p className="font-medium text-slate-900">
            {new Date(event.occurred_at).toLocaleString('pt-BR')} — {event.matched ? 'as ações seriam feitas' : 'condições não atendidas'}
          </p>
          <StepList steps={event.steps} className="mt-1 text-slate-700" />
        </li>
      ))}
    </ol>
  );
}

function moved<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

function ScheduleFields({ value, error, onChange }: { value: string; error?: string; onChange: (value: string) => void }) {
  const preset = SCHEDULE_PRESETS.find((p) => p.cron === value.trim().replace(/\s+/g, ' '));
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField label="Quando rodar" value={preset?.cron ?? ''} onChange={(e) => e.target.value && onChange(e.target.value)}>
        <option value="">Personalizado…</option>
        {SCHEDULE_PRESETS.map((p) => (
          <option key={p.cron} value={p.cron}>
            {p.label}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Agenda (cron)"
        required
        value={value}
        error={error}
        placeholder="0 9 * * Mon-Fri"
        hint="minuto hora dia mês dia-da-semana, no fuso da empresa; dias da semana em inglês (Mon-Fri); ao menos 15 minutos entre execuções."
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** The schedule a new flow over invoices starts with. */
const DAILY = '0 9 * * *';

/** Builds or edits a flow: trigger → conditions → actions, with a dry run on real events. */
export function FlowEditor({ flow, teams, onDone }: { flow: Flow | null; teams: TeamOption[]; onDone: () => void }) {
  const triggers = useTriggers();
  const save = useSaveFlow();
  const dryRun = useDryRun();
  const [draft, setDraft] = useState(() => (flow ? fromFlow(flow) : emptyDraft()));
  const [shown, setShown] = useState<Record<string, string>>({});
  const trigger: AutomationTrigger | undefined = triggers.data?.find((t) => t.kind === draft.trigger);
  const local = useMemo(() => validateDraft(draft, trigger), [draft, trigger]);
  const serverErrors = useMemo(() => {
    const error = save.error ?? dryRun.error;
    if (!isApiError(error)) return {};
    return Object.fromEntries(error.fieldErrors.map((f) => [draftKey(f.field), f.message]));
  }, [save.error, dryRun.error]);
  const errors = { ...serverErrors, ...shown };
  const update = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setAction = (i: number, action: ActionDraft) => update({ actions: draft.actions.map((a, j) => (j === i ? action : a)) });
  const actionErrors = (i: number) => {
    const prefix = `actions.${i}.`;
    return Object.fromEntries(Object.entries(errors).flatMap(([key, message]) => (key.startsWith(prefix) ? [[key.slice(prefix.length), message]] : [])));
  };
  const fields = trigger?.fields ?? [];
  const due = dueIndex(draft);
  const published = flow !== null && flow.status !== 'draft';

  const check = () => {
    setShown(local);
    return Object.keys(local).length === 0 && trigger ? trigger : null;
  };

  if (triggers.isPending) return <p className="text-sm text-slate-600">Carregando eventos…</p>;
  if (triggers.isError) return <Alert title="Não foi possível carregar os eventos">{problemMessage(triggers.error)}</Alert>;

  return (
    <form
      noValidate
      aria-label={flow ? 'Editar fluxo' : 'Novo fluxo'}
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        const ok = check();
        if (ok) save.mutate({ id: flow?.id ?? null, input: toRequest(draft, ok) }, { onSuccess: onDone });
      }}
    >
      <FormErrors message={save.error ? problemMessage(save.error) : null} />
      {published && (
        <Alert tone="info">
          Este fluxo está publicado (versão {flow.version}). Ao salvar, as alterações ficam pendentes — a versão atual continua rodando até você clicar em
          “Publicar”.
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Nome" required value={draft.name} error={errors.name} onChange={(e) => update({ name: e.target.value })} />
        <SelectField
          label="Quando acontecer"
          required
          value={draft.trigger}
          error={errors.trigger_kind}
          onChange={(e) => {
            const next = e.target.value as EventKind;
            const invoices = next === INVOICE_DUE;
            update({
              trigger: next,
              // Flows over invoices need the days to due, at the top level (default: three days before).
              conditions: invoices ? [dueCondition(3)] : [],
              mode: invoices ? 'all' : draft.mode,
              schedule: isScheduled(next) && !draft.schedule ? (invoices ? DAILY : SCHEDULE_PRESETS[0].cron) : draft.schedule,
            });
          }}
        >
          <option value="">Escolha um evento…</option>
          {triggers.data.map((t) => (
            <option key={t.kind} value={t.kind}>
              {EVENT_LABELS[t.kind]}
            </option>
          ))}
        </SelectField>
      </div>

      {isScheduled(draft.trigger) && <ScheduleFields value={draft.schedule} error={errors.schedule} onChange={(schedule) => update({ schedule })} />}
      {draft.trigger === BUTTON && (
        <p className="text-sm text-slate-600">Ativo, este fluxo vira um botão “Executar: {draft.name.trim() || 'nome do fluxo'}” no ticket, para gerentes e administradores.</p>
      )}

      <fieldset className="space-y-3 rounded-md p-3 ring-1 ring-slate-200">
        <legend className="px-1 text-sm font-semibold text-slate-900">Condições</legend>
        {due !== -1 ? (
          <DueDaysField
            value={draft.conditions[due].value}
            error={errors.conditions ?? errors[`conditions.${due}.value`]}
            onChange={(value) => update({ conditions: draft.conditions.map((c, j) => (j === due ? { ...c, value } : c)) })}
          />
        ) : (
          errors.conditions && <p className="text-sm text-red-700">{errors.conditions}</p>
        )}
        {draft.kept ? (
          <p className="text-sm text-slate-600">Este fluxo tem grupos de condições aninhados (criados pela API); eles são mantidos como estão.</p>
        ) : (
          <>
            {draft.trigger !== INVOICE_DUE && (
              <SelectField label="O fluxo roda quando" value={draft.mode} onChange={(e) => update({ mode: e.target.value as 'all' | 'any' })}>
                <option value="all">todas as condições valem</option>
                <option value="any">qualquer uma das condições vale</option>
              </SelectField>
            )}
            {draft.conditions.length === 0 && <p className="text-sm text-slate-600">Sem condições: roda para todo evento deste tipo.</p>}
            {draft.conditions.map((c, i) => {
              // Edited above, with "Quando em relação ao vencimento".
              if (i === due) return null;
              const field = fieldOf(fields, c.field);
              const setRow = (patch: Partial<typeof c>) =>
                update({ conditions: draft.conditions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              return (
                <div key={i} role="group" aria-label={`Condição ${i + 1}`} className="grid items-end gap-2 sm:grid-cols-[1fr_1fr_1fr_auto]">
                  <ConditionFieldSelect value={c.field} error={errors[`conditions.${i}.field`]} fields={fields} onChange={(path) => setRow({ field: path, op: '' })} />
                  <SelectField label="Operador" value={c.op} error={errors[`conditions.${i}.op`]} onChange={(e) => setRow({ op: e.target.value as typeof c.op })}>
                    <option value="">Escolha…</option>
                    {field?.ops.map((op) => (
                      <option key={op} value={op}>
                        {OP_LABELS[op]}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    label="Valor"
                    value={c.value}
                    disabled={!needsValue(c.op)}
                    error={errors[`conditions.${i}.value`]}
                    onChange={(e) => setRow({ value: e.target.value })}
                  />
                  <Button variant="ghost" size="sm" onClick={() => update({ conditions: draft.conditions.filter((_, j) => j !== i) })}>
                    Remover
                  </Button>
                </div>
              );
            })}
            <Button variant="secondary" size="sm" disabled={!trigger} onClick={() => update({ conditions: [...draft.conditions, { field: '', op: '', value: '' }] })}>
              Adicionar condição
            </Button>
          </>
        )}
      </fieldset>

      <fieldset className="space-y-3 rounded-md p-3 ring-1 ring-slate-200">
        <legend className="px-1 text-sm font-semibold text-slate-900">Ações, em ordem</legend>
        {errors.actions && <p className="text-sm text-red-700">{errors.actions}</p>}
        {draft.actions.length === 0 && <p className="text-sm text-slate-600">Nenhuma ação ainda.</p>}
        <ol className="space-y-3">
          {draft.actions.map((a, i) => (
            <li key={i} aria-label={`Ação ${i + 1}: ${ACTION_LABELS[a.type]}`} className="space-y-2 rounded-md bg-slate-50 p-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm font-medium text-slate-900">
                  {i + 1}. {ACTION_LABELS[a.type]}
                </p>
                <ListItemActions
                  index={i}
                  count={draft.actions.length}
                  noun="a ação"
                  onMove={(from, to) => update({ actions: moved(draft.actions, from, to) })}
                  onRemove={() => update({ actions: draft.actions.filter((_, j) => j !== i) })}
                />
              </div>
              {errors[`actions.${i}.type`] && <p className="text-sm text-red-700">{errors[`actions.${i}.type`]}</p>}
              <ActionFields action={a} errors={actionErrors(i)} fields={fields} teams={teams} onChange={(next) => setAction(i, next)} />
            </li>
          ))}
        </ol>
        <ActionMenu trigger={trigger} onAdd={(type) => update({ actions: [...draft.actions, newAction(type)] })} />
      </fieldset>

      {flow && (
        <p className="text-xs text-slate-600">
          Segredo das assinaturas do webhook: <code className="break-all">{flow.webhook_secret}</code>
        </p>
      )}

      <section aria-label="Simulação" className="space-y-2">
        {dryRun.isError && !isApiError(dryRun.error) && <Alert title="A simulação falhou">{problemMessage(dryRun.error)}</Alert>}
        {dryRun.data && <DryRunView result={dryRun.data} />}
      </section>

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone} disabled={save.isPending}>
          Voltar
        </Button>
        <Button
          variant="secondary"
          isLoading={dryRun.isPending}
          onClick={() => {
            const ok = check();
            if (ok) dryRun.mutate(toDefinition(draft, ok));
          }}
        >
          Testar (simulação)
        </Button>
        <Button type="submit" isLoading={save.isPending}>
          {flow ? (published ? 'Salvar alterações' : 'Salvar') : 'Criar fluxo'}
        </Button>
      </div>
    </form>
  );
}
