import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/fields';
import { ListItemActions } from '@/components/ui/list-item-actions';
import type { Priority, TriageRule, TriageRuleInput } from '@/lib/api/models';
import { unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';
import { PRIORITIES, PRIORITY_LABELS } from '@/lib/ticket-labels';

import { useTeams } from '../api/teams';
import { useSaveTriageRules } from '../api/triage';

import { TagsEditor } from './tags-editor';

const rule = z
  .object({
    keywords: z
      .array(z.string())
      .min(1, 'Informe ao menos uma palavra.')
      .max(50, 'Até 50 palavras.')
      .refine((words) => words.every((word) => word.length <= 60), 'Cada palavra com até 60 caracteres.'),
    category: z.string().trim().max(100, 'Até 100 caracteres.'),
    priority: z.string(),
    team_id: z.string(),
  })
  .refine((value) => value.category.trim() !== '' || value.priority !== '' || value.team_id !== '', {
    message: 'Defina a categoria, a prioridade ou a equipe.',
    path: ['category'],
  });

const schema = z.object({ rules: z.array(rule).max(200, 'Até 200 regras.') });
type Values = z.infer<typeof schema>;

function toValues(rules: TriageRule[]): Values {
  return {
    rules: [...rules]
      .sort((a, b) => a.position - b.position)
      .map((item) => ({ keywords: item.keywords, category: item.category ?? '', priority: item.priority ?? '', team_id: item.team_id ?? '' })),
  };
}

/** In the order shown: the first rule that matches wins. */
export function toTriageRules(values: Values): TriageRuleInput[] {
  return values.rules.map((item) => ({
    keywords: item.keywords.map((word) => word.trim()).filter(Boolean),
    category: item.category.trim() || null,
    priority: (item.priority || null) as Priority | null,
    team_id: item.team_id || null,
  }));
}

/** Keyword rules that set a new ticket's category, priority and team, in order. */
export function TriageRulesForm({ rules }: { rules: TriageRule[] }) {
  const values = useMemo(() => toValues(rules), [rules]);
  const form = useForm<Values>({ resolver: zodResolver(schema), values, resetOptions: { keepDirtyValues: true } });
  const { errors, isDirty } = form.formState;
  const list = useFieldArray({ control: form.control, name: 'rules' });
  const teams = useTeams();
  const save = useSaveTriageRules();

  return (
    <form
      noValidate
      aria-label="Regras de triagem"
      className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
      onSubmit={form.handleSubmit((submitted) =>
        save.mutate(toTriageRules(submitted), { onSuccess: (saved) => form.reset(toValues(saved), { keepDirtyValues: false }) }),
      )}
    >
      <div>
        <h2 className="text-base font-semibold text-slate-900">Regras de triagem</h2>
        <p className="mt-1 text-sm text-slate-600">
          Quando um ticket novo chega, o assunto e a primeira mensagem são comparados com as palavras de cada regra (sem diferenciar maiúsculas nem
          acentos). A primeira regra que encontrar uma palavra define a categoria, a prioridade e a equipe. Sem equipe na regra, vale a do canal. O que
          nenhuma regra definir fica com a triagem automática: a prioridade sempre, e a categoria quando o modelo da empresa já tiver aprendido.
        </p>
      </div>
      <FormErrors message={save.error ? problemMessage(save.error) : null} extra={unmatchedFieldErrors(save.error, [])} />
      {list.fields.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhuma regra: a triagem automática decide a prioridade, e o ticket entra na equipe do canal.</p>
      ) : (
        <ol aria-label="Regras, na ordem em que são testadas" className="space-y-3">
          {list.fields.map((field, index) => {
            const ruleErrors = errors.rules?.[index];
            return (
              <li key={field.id} className="space-y-3 rounded-lg border border-slate-200 p-4">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="text-sm font-semibold text-slate-900">Regra {index + 1}</p>
                  <ListItemActions index={index} count={list.fields.length} noun="a regra" onMove={list.move} onRemove={() => list.remove(index)} />
                </div>
                <Controller
                  control={form.control}
                  name={`rules.${index}.keywords`}
                  render={({ field: keywords }) => (
                    <div>
                      <TagsEditor label="Palavras-chave" placeholder="Digite e tecle Enter" tags={keywords.value} onChange={keywords.onChange} maxTags={50} maxLength={60} />
                      {ruleErrors?.keywords?.message && <p className="mt-1 text-xs font-medium text-red-700">{ruleErrors.keywords.message}</p>}
                    </div>
                  )}
                />
                <div className="grid gap-3 sm:grid-cols-3">
                  <TextField label="Categoria" placeholder="ex.: cobrança" error={ruleErrors?.category?.message} {...form.register(`rules.${index}.category`)} />
                  <SelectField label="Prioridade" {...form.register(`rules.${index}.priority`)}>
                    <option value="">Não mudar</option>
                    {PRIORITIES.map((priority) => (
                      <option key={priority} value={priority}>
                        {PRIORITY_LABELS[priority]}
                      </option>
                    ))}
                  </SelectField>
                  <SelectField label="Equipe" {...form.register(`rules.${index}.team_id`)}>
                    <option value="">A do canal</option>
                    {(teams.data ?? []).map((team) => (
                      <option key={team.id} value={team.id}>
                        {team.name}
                      </option>
                    ))}
                  </SelectField>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div className="flex flex-col items-stretch gap-3 sm:flex-row sm:items-center sm:justify-between">
        <Button variant="secondary" onClick={() => list.append({ keywords: [], category: '', priority: '', team_id: '' })}>
          Adicionar regra
        </Button>
        <div className="flex flex-col items-stretch gap-3 sm:flex-row sm:items-center">
          <div aria-live="polite">{save.isSuccess && !isDirty && <Alert tone="success">Regras salvas.</Alert>}</div>
          <Button type="submit" isLoading={save.isPending} disabled={!isDirty && !save.isError}>
            Salvar regras
          </Button>
        </div>
      </div>
    </form>
  );
}
