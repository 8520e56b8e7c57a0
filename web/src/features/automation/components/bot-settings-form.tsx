import type { UseFormReturn } from 'react-hook-form';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldGroup, SelectField, TextAreaField } from '@/components/ui/fields';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useSaveBotSettings } from '../api/bot';
import { BOT_CHANNELS, BOT_FIELDS, BOT_LIMITS, botFormPath, MISUNDERSTANDINGS, toBotFormValues, toBotSettings, type BotFormValues } from '../utils/bot-settings';

import type { TeamOption } from './action-fields';
import { BotFaqEditor } from './bot-faq-editor';
import { BotMenuEditor } from './bot-menu-editor';
import { BOT_CHANNEL_LABELS } from './labels';

type BotSettingsFormProps = {
  /** Owned by the page: "Testar o bot" reads the same, unsaved values. */
  form: UseFormReturn<BotFormValues>;
  teams: TeamOption[];
};

/** Automação → Bot: switch, channels, greeting, menu, FAQ and handover; errors from the server land on their fields. */
export function BotSettingsForm({ form, teams }: BotSettingsFormProps) {
  const save = useSaveBotSettings();
  const { errors, isDirty } = form.formState;

  return (
    <form
      noValidate
      aria-label="Configurações do bot"
      className="space-y-5 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
      onSubmit={form.handleSubmit((values) =>
        save.mutate(toBotSettings(values), {
          onSuccess: (saved) => form.reset(toBotFormValues(saved)),
          onError: (error) => applyFieldErrors(error, form.setError, BOT_FIELDS, botFormPath),
        }),
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold text-slate-900">Configurações</h2>
          <p className="mt-1 text-sm text-slate-600">
            Responde primeiro, uma vez por mensagem do cliente, e passa a conversa para a equipe quando não resolve.
          </p>
        </div>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <input type="checkbox" role="switch" className="size-4" {...form.register('enabled')} />
          Ligado
        </label>
      </div>

      <FormErrors message={save.error ? problemMessage(save.error) : null} extra={unmatchedFieldErrors(save.error, BOT_FIELDS, botFormPath)} />

      <FieldGroup legend="Canais" error={errors.channels?.message}>
        <div className="flex flex-wrap gap-x-6 gap-y-1">
          {BOT_CHANNELS.map((channel) => (
            <label key={channel} className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" className="size-4" value={channel} {...form.register('channels')} />
              {BOT_CHANNEL_LABELS[channel]}
            </label>
          ))}
        </div>
      </FieldGroup>

      <TextAreaField
        label="Saudação"
        rows={3}
        maxLength={BOT_LIMITS.greeting}
        hint="{{empresa}} vira o nome da empresa"
        error={errors.greeting?.message}
        {...form.register('greeting')}
      />

      <BotMenuEditor form={form} />
      <BotFaqEditor form={form} />

      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Equipe que recebe a transferência" error={errors.handover_team_id?.message} {...form.register('handover_team_id')}>
          <option value="">Manter na fila atual</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Mensagens não entendidas antes de transferir"
          error={errors.max_misunderstandings?.message}
          {...form.register('max_misunderstandings', { setValueAs: Number })}
        >
          {MISUNDERSTANDINGS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
      </div>

      <div className="flex flex-col items-stretch gap-3 sm:flex-row sm:items-center sm:justify-end">
        <div aria-live="polite">{save.isSuccess && !isDirty && <Alert tone="success">Bot salvo.</Alert>}</div>
        <Button type="submit" isLoading={save.isPending} disabled={!isDirty && !save.isError}>
          Salvar
        </Button>
      </div>
    </form>
  );
}
