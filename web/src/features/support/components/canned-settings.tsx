import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { TextAreaField, TextField } from '@/components/ui/fields';
import { PageSpinner } from '@/components/ui/spinner';
import type { CannedResponse } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import { useCannedResponses, useCreateCanned, useDeleteCanned, useUpdateCanned } from '../api/canned';
import { CANNED_VARIABLES, unknownVariables } from '../utils/canned-variables';

const schema = z.object({
  shortcut: z
    .string()
    .trim()
    .min(1, 'Informe o atalho.')
    .max(40, 'Até 40 caracteres.')
    .regex(/^[a-z0-9_-]+$/, 'Use letras minúsculas, números, - ou _ (sem espaços nem acentos).'),
  title: z.string().trim().min(1, 'Dê um título.').max(100, 'Até 100 caracteres.'),
  body: z.string().trim().min(1, 'Escreva o texto.').max(5000, 'Até 5000 caracteres.'),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['shortcut', 'title', 'body'] as const;

function VariablesHelp({ onInsert }: { onInsert?: (variable: string) => void }) {
  return (
    <div className="rounded-md bg-slate-50 p-3 text-xs text-slate-700">
      <p className="font-medium text-slate-900">Variáveis, trocadas pelos dados do ticket ao inserir:</p>
      <ul className="mt-1 space-y-0.5">
        {CANNED_VARIABLES.map((variable) => (
          <li key={variable.name}>
            {onInsert ? (
              <button type="button" className="font-mono text-indigo-800 hover:underline" onClick={() => onInsert(variable.name)}>
                {variable.name}
              </button>
            ) : (
              <code className="font-mono">{variable.name}</code>
            )}{' '}
            — {variable.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

function CannedForm({ canned, onDone }: { canned: CannedResponse | null; onDone: () => void }) {
  const create = useCreateCanned();
  const update = useUpdateCanned();
  const save = canned ? update : create;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { shortcut: canned?.shortcut ?? '', title: canned?.title ?? '', body: canned?.body ?? '' },
  });
  const { errors } = form.formState;
  const unknown = unknownVariables(useWatch({ control: form.control, name: 'body' }));
  return (
    <form
      noValidate
      aria-label={canned ? 'Editar resposta pronta' : 'Nova resposta pronta'}
      className="space-y-4"
      onSubmit={form.handleSubmit((values) => {
        const input = { shortcut: values.shortcut.trim(), title: values.title.trim(), body: values.body.trim() };
        const options = { onSuccess: onDone, onError: (error: unknown) => applyFieldErrors(error, form.setError, FIELDS) };
        if (canned) update.mutate({ id: canned.id, input }, options);
        else create.mutate(input, options);
      })}
    >
      <FormErrors message={save.error ? problemMessage(save.error) : null} extra={unmatchedFieldErrors(save.error, FIELDS)} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Atalho"
          required
          autoFocus
          prefix="/"
          placeholder="boas-vindas"
          hint="Digite / e o atalho na resposta."
          error={errors.shortcut?.message}
          {...form.register('shortcut', { setValueAs: (value: string) => value.toLowerCase() })}
        />
        <TextField label="Título" required wrapperClassName="sm:col-span-2" placeholder="Boas-vindas" error={errors.title?.message} {...form.register('title')} />
      </div>
      <TextAreaField
        label="Texto"
        required
        rows={6}
        maxLength={5000}
        placeholder="Olá, {{contato.primeiro_nome}}! Aqui é {{atendente.nome}}…"
        error={errors.body?.message}
        {...form.register('body')}
      />
      {unknown.length > 0 && (
        <Alert tone="warning" title="Variável que não é preenchida">
          {unknown.join(', ')} não {unknown.length === 1 ? 'é trocada' : 'são trocadas'} pelos dados do ticket: o cliente receberia o texto
          assim, com as chaves. Use uma das variáveis abaixo.
        </Alert>
      )}
      <VariablesHelp
        onInsert={(variable) => {
          const current = form.getValues('body');
          form.setValue('body', `${current}${current && !current.endsWith(' ') ? ' ' : ''}${variable}`, { shouldDirty: true });
        }}
      />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone} disabled={save.isPending}>
          Voltar
        </Button>
        <Button type="submit" isLoading={save.isPending}>
          {canned ? 'Salvar' : 'Criar resposta'}
        </Button>
      </div>
    </form>
  );
}

/** Canned responses: inserted in the composer by typing "/" and the shortcut. */
export function CannedSettings() {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const canned = useCannedResponses(q);
  const remove = useDeleteCanned();
  const [editing, setEditing] = useState<{ canned: CannedResponse | null } | null>(null);
  const [removing, setRemoving] = useState<CannedResponse | null>(null);

  return (
    <section aria-labelledby="canned-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="canned-title" className="text-base font-semibold text-slate-900">
            Respostas prontas
          </h2>
          <p className="text-sm text-slate-600">Textos que a equipe insere digitando / e o atalho na resposta.</p>
        </div>
        <Button onClick={() => setEditing({ canned: null })}>Nova resposta</Button>
      </div>
      <TextField label="Buscar" type="search" placeholder="Atalho ou título" value={search} onChange={(event) => setSearch(event.target.value)} />
      {remove.isError && <Alert title="Não foi possível excluir">{problemMessage(remove.error)}</Alert>}
      {canned.isPending ? (
        <PageSpinner label="Carregando respostas…" />
      ) : canned.isError ? (
        <Alert title="Não foi possível carregar as respostas">{problemMessage(canned.error)}</Alert>
      ) : canned.data.length === 0 ? (
        <p className="text-sm text-slate-600">{q ? 'Nenhuma resposta com esse atalho ou título.' : 'Nenhuma resposta pronta ainda.'}</p>
      ) : (
        <ul aria-label="Respostas prontas" className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {canned.data.map((item) => (
            <li key={item.id} className="flex flex-wrap items-start justify-between gap-3 px-3 py-3">
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium text-slate-900">
                  <code className="rounded bg-slate-100 px-1 font-mono text-indigo-800">/{item.shortcut}</code> {item.title}
                </p>
                <p className="mt-1 line-clamp-2 text-sm whitespace-pre-wrap text-slate-600">{item.body}</p>
              </div>
              <div className="flex gap-2">
                <Button size="sm" variant="secondary" onClick={() => setEditing({ canned: item })}>
                  Editar
                </Button>
                <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setRemoving(item)}>
                  Excluir
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <VariablesHelp />
      <Dialog open={editing !== null} onClose={() => setEditing(null)} size="lg" title={editing?.canned ? `Editar /${editing.canned.shortcut}` : 'Nova resposta pronta'}>
        {editing && <CannedForm canned={editing.canned} onDone={() => setEditing(null)} />}
      </Dialog>
      <ConfirmDialog
        open={removing !== null}
        title={`Excluir /${removing?.shortcut ?? ''}?`}
        confirmLabel="Excluir"
        cancelLabel="Voltar"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id, { onSettled: () => setRemoving(null) })}
      />
    </section>
  );
}
