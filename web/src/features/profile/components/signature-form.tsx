import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/fields';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { formatNumber } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useUpdateProfile } from '../api/profile';

import { ProfileSection } from './profile-section';

/** The server's limit (`MAX_SIGNATURE`). */
export const SIGNATURE_MAX = 2000;

const schema = z.object({
  signature: z.string().max(SIGNATURE_MAX, `A assinatura pode ter até ${formatNumber(SIGNATURE_MAX)} caracteres.`),
});

type Values = z.infer<typeof schema>;

const FIELDS = ['signature'] as const;

/** "Assinatura de e-mail": added under the person's e-mail replies; empty means none. */
export function SignatureForm({ signature }: { signature: string }) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    values: useMemo(() => ({ signature }), [signature]),
    resetOptions: { keepDirtyValues: true },
    mode: 'onTouched',
  });
  const { errors, isDirty } = form.formState;
  const update = useUpdateProfile();
  const length = useWatch({ control: form.control, name: 'signature' })?.length ?? 0;

  return (
    <ProfileSection title="Assinatura de e-mail">
      <form
        noValidate
        className="space-y-3"
        onSubmit={form.handleSubmit((values) =>
          update.mutate(
            { signature: values.signature },
            {
              onSuccess: (me) => form.reset({ signature: me.signature }),
              onError: (error) => applyFieldErrors(error, form.setError, FIELDS),
            },
          ),
        )}
      >
        <FormErrors
          message={update.error ? problemMessage(update.error) : null}
          extra={unmatchedFieldErrors(update.error, FIELDS)}
        />
        <div>
          <TextAreaField
            label="Assinatura"
            rows={5}
            maxLength={SIGNATURE_MAX}
            placeholder={'Ana Souza\nAtendimento · Padaria Pão Quente\n(11) 91234-5678'}
            hint="Vai no fim das suas respostas por e-mail."
            error={errors.signature?.message}
            {...form.register('signature')}
          />
          <p className="mt-1 text-right text-xs text-slate-500">
            {formatNumber(length)}/{formatNumber(SIGNATURE_MAX)} caracteres
          </p>
        </div>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-end">
          <div aria-live="polite">{update.isSuccess && !isDirty && <Alert tone="success">Assinatura salva.</Alert>}</div>
          <Button type="submit" isLoading={update.isPending} disabled={!isDirty}>
            Salvar assinatura
          </Button>
        </div>
      </form>
    </ProfileSection>
  );
}
