import { useState, type FormEvent } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import type { CreateWebhookRequest, EventKind, WebhookEndpoint } from '@/lib/api/models';
import { EVENT_GROUP_LABELS, EVENT_LABELS, groupedEventKinds } from '@/lib/event-labels';
import { plural } from '@/lib/plural';
import { isApiError, problemMessage } from '@/lib/problem';

type WebhookFormProps = {
  /** The endpoint being edited, or none for a new one. */
  endpoint: WebhookEndpoint | null;
  isSaving: boolean;
  error: unknown;
  onSubmit: (input: CreateWebhookRequest) => void;
  onCancel: () => void;
};

type Field = 'url' | 'description' | 'event_kinds';

/** The server's message for a field (`event_kinds[2]` counts as `event_kinds`). */
function fieldError(error: unknown, field: Field): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.fieldErrors.find((e) => e.field === field || e.field.startsWith(`${field}[`))?.message;
}

/** URL, description and the events an endpoint receives, grouped by area. */
export function WebhookForm({ endpoint, isSaving, error, onSubmit, onCancel }: WebhookFormProps) {
  const [url, setUrl] = useState(endpoint?.url ?? 'https://');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [kinds, setKinds] = useState<EventKind[]>(endpoint?.event_kinds ?? []);
  const [touchedKinds, setTouchedKinds] = useState(false);
  const groups = groupedEventKinds();
  const kindsError = fieldError(error, 'event_kinds') ?? (touchedKinds && kinds.length === 0 ? 'Escolha ao menos um evento.' : undefined);
  const otherErrors =
    isApiError(error) && error.fieldErrors.length === 0 ? problemMessage(error) : !isApiError(error) && error ? problemMessage(error) : null;

  const toggle = (kind: EventKind, on: boolean) => {
    setTouchedKinds(true);
    setKinds((current) => (on ? [...current, kind] : current.filter((k) => k !== kind)));
  };
  const toggleGroup = (groupKinds: EventKind[], on: boolean) => {
    setTouchedKinds(true);
    setKinds((current) => (on ? [...new Set([...current, ...groupKinds])] : current.filter((k) => !groupKinds.includes(k))));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouchedKinds(true);
    if (kinds.length === 0) return;
    onSubmit({ url: url.trim(), description: description.trim(), event_kinds: kinds });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {otherErrors && <Alert title="Não foi possível salvar">{otherErrors}</Alert>}
      <TextField
        label="URL do endpoint"
        type="url"
        required
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        hint="Endereço https:// do seu sistema que vai receber os eventos por POST."
        error={fieldError(error, 'url')}
      />
      <TextField
        label="Descrição"
        value={description}
        maxLength={200}
        onChange={(e) => setDescription(e.target.value)}
        hint="Para você reconhecer o endpoint, por exemplo “ERP” ou “Planilha do financeiro”."
        error={fieldError(error, 'description')}
      />
      <fieldset aria-describedby={kindsError ? 'webhook-kinds-error' : undefined} className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">
          Eventos enviados <span className="font-normal text-slate-500">({plural(kinds.length, 'escolhido', 'escolhidos')})</span>
        </legend>
        {kindsError && (
          <p id="webhook-kinds-error" className="text-xs font-medium text-red-700">
            {kindsError}
          </p>
        )}
        <div className="grid max-h-80 gap-4 overflow-y-auto rounded-md border border-slate-200 p-3 sm:grid-cols-2">
          {groups.map(({ group, kinds: groupKinds }) => {
            const all = groupKinds.every((k) => kinds.includes(k));
            return (
              <fieldset key={group} className="space-y-1">
                <legend className="flex w-full items-center justify-between gap-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  {EVENT_GROUP_LABELS[group]}
                  <button
                    type="button"
                    className="text-xs font-medium text-sky-700 normal-case hover:underline"
                    onClick={() => toggleGroup(groupKinds, !all)}
                  >
                    {all ? 'Nenhum' : 'Todos'}
                    <span className="sr-only"> de {EVENT_GROUP_LABELS[group]}</span>
                  </button>
                </legend>
                {groupKinds.map((kind) => (
                  <label key={kind} className="flex items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      className="size-4 shrink-0 rounded border-slate-300"
                      checked={kinds.includes(kind)}
                      onChange={(e) => toggle(kind, e.target.checked)}
                    />
                    {EVENT_LABELS[kind]}
                    <span className="font-mono text-xs text-slate-400">{kind}</span>
                  </label>
                ))}
              </fieldset>
            );
          })}
        </div>
      </fieldset>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancelar
        </Button>
        <Button type="submit" isLoading={isSaving}>
          {endpoint ? 'Salvar' : 'Criar endpoint'}
        </Button>
      </div>
    </form>
  );
}
