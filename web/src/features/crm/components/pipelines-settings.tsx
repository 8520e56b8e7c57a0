import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/fields';
import { ListItemActions } from '@/components/ui/list-item-actions';
import { PageSpinner } from '@/components/ui/spinner';
import type { Pipeline, StageKind } from '@/lib/api/models';
import { usePipelines } from '@/lib/api/pipelines';
import { cn } from '@/lib/cn';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useDeletePipeline, useSavePipeline } from '../api/save-pipeline';

import { STAGE_KIND_LABELS } from './labels';

const KINDS = ['open', 'won', 'lost'] as const;

const schema = z
  .object({
    name: z.string().trim().min(1, 'Informe o nome do funil.').max(100, 'Use no máximo 100 caracteres.'),
    stages: z
      .array(
        z.object({
          // The existing stage's id (kept, with its opportunities); empty for a new one.
          stage_id: z.string(),
          name: z.string().trim().min(1, 'Informe o nome da etapa.').max(100, 'Use no máximo 100 caracteres.'),
          probability: z.number({ error: 'De 0 a 100.' }).int('Use um número inteiro.').min(0, 'De 0 a 100.').max(100, 'De 0 a 100.'),
          kind: z.enum(KINDS),
        }),
      )
      .max(30, 'Use no máximo 30 etapas.'),
  })
  .superRefine((values, ctx) => {
    const count = (kind: StageKind) => values.stages.filter((stage) => stage.kind === kind).length;
    if (count('open') === 0) {
      ctx.addIssue({ code: 'custom', path: ['stages'], message: 'O funil precisa de ao menos uma etapa em aberto.' });
    } else if (count('won') !== 1 || count('lost') !== 1) {
      ctx.addIssue({ code: 'custom', path: ['stages'], message: 'O funil precisa de exatamente uma etapa de ganho e uma de perda.' });
    }
  });
type Values = z.infer<typeof schema>;
const FIELDS = ['name', 'stages'] as const;

const NEW_PIPELINE: Values = {
  name: '',
  stages: [
    { stage_id: '', name: 'Novo', probability: 10, kind: 'open' },
    { stage_id: '', name: 'Ganho', probability: 100, kind: 'won' },
    { stage_id: '', name: 'Perdido', probability: 0, kind: 'lost' },
  ],
};

function PipelineEditor({ pipeline, onDone }: { pipeline?: Pipeline; onDone: () => void }) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: pipeline
      ? {
          name: pipeline.name,
          stages: pipeline.stages.map((s) => ({ stage_id: s.id, name: s.name, probability: s.probability, kind: s.kind })),
        }
      : NEW_PIPELINE,
  });
  const { errors } = form.formState;
  const stages = useFieldArray({ control: form.control, name: 'stages' });
  const save = useSavePipeline();
  const stagesError = errors.stages?.message ?? errors.stages?.root?.message;

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        save.mutate(
          {
            id: pipeline?.id,
            input: {
              name: values.name.trim(),
              stages: values.stages.map((s) => ({
                id: s.stage_id || null,
                name: s.name.trim(),
                probability: s.probability,
                kind: s.kind,
              })),
            },
          },
          { onSuccess: onDone, onError: (error) => applyFieldErrors(error, form.setError, FIELDS) },
        ),
      )}
    >
      <FormErrors message={save.error ? problemMessage(save.error) : null} extra={unmatchedFieldErrors(save.error, FIELDS)} />
      <TextField label="Nome do funil" required autoFocus error={errors.name?.message} {...form.register('name')} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Etapas, na ordem do quadro</legend>
        <div aria-live="polite">{stagesError && <p className="text-xs font-medium text-red-700">{stagesError}</p>}</div>
        <ol className="space-y-2">
          {stages.fields.map((row, index) => {
            const rowErrors = errors.stages?.[index];
            return (
              <li key={row.id} className="grid grid-cols-[1fr_6rem] items-start gap-2 rounded-lg bg-slate-50 p-2 ring-1 ring-slate-200 sm:grid-cols-[1fr_6rem_9rem_auto]">
                <TextField
                  label={`Etapa ${index + 1}`}
                  error={rowErrors?.name?.message}
                  {...form.register(`stages.${index}.name`)}
                />
                <TextField
                  label="Chance (%)"
                  type="number"
                  min={0}
                  max={100}
                  error={rowErrors?.probability?.message}
                  {...form.register(`stages.${index}.probability`, { valueAsNumber: true })}
                />
                <div className="space-y-1">
                  <label htmlFor={`stage-kind-${row.id}`} className="block text-sm font-medium text-slate-800">
                    Tipo
                  </label>
                  <select
                    id={`stage-kind-${row.id}`}
                    className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
                    {...form.register(`stages.${index}.kind`)}
                  >
                    {KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {STAGE_KIND_LABELS[kind]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="col-span-2 flex gap-1 self-end sm:col-span-1">
                  <ListItemActions index={index} count={stages.fields.length} noun="a etapa" min={3} onMove={stages.move} onRemove={() => stages.remove(index)} />
                </div>
              </li>
            );
          })}
        </ol>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            // New open stages go before the won/lost ones.
            const firstClosed = form.getValues('stages').findIndex((s) => s.kind !== 'open');
            const at = firstClosed === -1 ? stages.fields.length : firstClosed;
            stages.insert(at, { stage_id: '', name: '', probability: 50, kind: 'open' });
          }}
        >
          + Adicionar etapa
        </Button>
        <p className="text-xs text-slate-500">
          Uma etapa removida precisa estar vazia: mova as oportunidades dela antes. Cada funil tem uma etapa de ganho e uma de perda.
        </p>
      </fieldset>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone} disabled={save.isPending}>
          Cancelar
        </Button>
        <Button type="submit" isLoading={save.isPending}>
          Salvar funil
        </Button>
      </div>
    </form>
  );
}

const KIND_CHIP: Record<StageKind, string> = {
  open: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  won: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  lost: 'bg-red-50 text-red-800 ring-red-200',
};

export function PipelinesSettings() {
  const pipelines = usePipelines();
  const remove = useDeletePipeline();
  const [editing, setEditing] = useState<Pipeline | 'new' | null>(null);
  const [removing, setRemoving] = useState<Pipeline | null>(null);

  return (
    <section aria-labelledby="pipelines-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id="pipelines-title" className="text-base font-semibold text-slate-900">
            Funis de vendas
          </h2>
          <p className="mt-1 text-sm text-slate-600">As etapas por que passam as oportunidades.</p>
        </div>
        <Button size="sm" onClick={() => setEditing('new')}>
          Novo funil
        </Button>
      </div>
      <div aria-live="assertive">{remove.isError && <Alert title="Não foi possível excluir o funil">{problemMessage(remove.error)}</Alert>}</div>
      {pipelines.isPending ? (
        <PageSpinner />
      ) : pipelines.isError ? (
        <Alert title="Não foi possível carregar os funis">{problemMessage(pipelines.error)}</Alert>
      ) : pipelines.data.length === 0 ? (
        <p className="text-sm text-slate-600">Preparando o funil padrão…</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {pipelines.data.map((pipeline) => (
            <li key={pipeline.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div>
                <p className="font-medium text-slate-900">{pipeline.name}</p>
                <ol className="mt-1 flex flex-wrap gap-1" aria-label={`Etapas de ${pipeline.name}`}>
                  {pipeline.stages.map((stage) => (
                    <li key={stage.id} className={cn('rounded px-1.5 py-0.5 text-xs ring-1', KIND_CHIP[stage.kind])}>
                      {stage.name} <span className="opacity-70">{stage.probability}%</span>
                    </li>
                  ))}
                </ol>
              </div>
              <div className="flex gap-1">
                <Button size="sm" variant="secondary" aria-label={`Editar o funil ${pipeline.name}`} onClick={() => setEditing(pipeline)}>
                  Editar
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Excluir o funil ${pipeline.name}`} onClick={() => setRemoving(pipeline)}>
                  Excluir
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Novo funil' : 'Editar funil'} size="lg">
        {editing !== null && <PipelineEditor pipeline={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />}
      </Dialog>
      <ConfirmDialog
        open={removing !== null}
        title={`Excluir o funil ${removing?.name ?? ''}?`}
        confirmLabel="Excluir funil"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id, { onSettled: () => setRemoving(null) })}
      >
        <p>Só funis sem oportunidades podem ser excluídos.</p>
      </ConfirmDialog>
    </section>
  );
}
