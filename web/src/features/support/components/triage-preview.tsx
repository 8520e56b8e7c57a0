import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/fields';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { usePreviewTriage } from '../api/triage';

import { TriageSummary } from './triage-summary';

// The server's limits (POST /ai/triage/preview), checked here first so a typo costs no round trip.
const schema = z.object({
  text: z.string().trim().min(1, 'Escreva a mensagem a classificar.').max(10_000, 'Mensagem com até 10.000 caracteres.'),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['text'] as const;

/** "Testar triagem": what a customer's message would get now, with the company's rules and model; nothing is stored. */
export function TriagePreview() {
  const preview = usePreviewTriage();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { text: '' } });
  const { errors } = form.formState;

  return (
    <section aria-labelledby="triage-preview-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div>
        <h2 id="triage-preview-title" className="text-base font-semibold text-slate-900">
          Testar triagem
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Escreva uma mensagem como um cliente escreveria e veja como a triagem a classificaria agora, com as regras e o modelo da empresa. Nada é salvo.
        </p>
      </div>
      <form
        noValidate
        aria-label="Testar triagem"
        className="space-y-3"
        onSubmit={form.handleSubmit((values) =>
          preview.mutate({ text: values.text.trim() }, { onError: (error) => applyFieldErrors(error, form.setError, FIELDS) }),
        )}
      >
        <FormErrors message={preview.error ? problemMessage(preview.error) : null} extra={unmatchedFieldErrors(preview.error, FIELDS)} />
        <TextAreaField
          label="Mensagem do cliente"
          rows={4}
          maxLength={10_000}
          placeholder="ex.: Preciso da segunda via do boleto, vence hoje."
          error={errors.text?.message}
          {...form.register('text')}
        />
        <div className="flex justify-end">
          <Button type="submit" isLoading={preview.isPending}>
            Testar triagem
          </Button>
        </div>
      </form>
      {preview.data && !preview.isPending && (
        <section aria-label="Resultado da triagem" className="rounded-lg border border-slate-200 p-4">
          <TriageSummary triage={preview.data} />
        </section>
      )}
    </section>
  );
}
