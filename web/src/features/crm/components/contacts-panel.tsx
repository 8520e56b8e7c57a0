import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/fields';
import type { Contact } from '@/lib/api/models';
import { displayPhone, formatPhone, isValidPhone, toE164Phone } from '@/lib/br/phone';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useDeleteContact, useSaveContact } from '../api/save-contact';


const contactSchema = z.object({
  name: z.string().trim().min(1, 'Informe o nome.').max(200, 'Use no máximo 200 caracteres.'),
  job_title: z.string().trim().max(200, 'Use no máximo 200 caracteres.'),
  email: z.string().trim().refine((value) => value === '' || z.email().safeParse(value).success, 'Informe um e-mail válido.'),
  phone: z.string().refine((value) => value.trim() === '' || isValidPhone(value), 'Telefone inválido: use DDD + número.'),
});
type ContactValues = z.infer<typeof contactSchema>;
const CONTACT_FIELDS = ['name', 'job_title', 'email', 'phone'] as const;

function ContactForm({ customerId, contact, onDone }: { customerId: string; contact?: Contact; onDone: () => void }) {
  const form = useForm<ContactValues>({
    resolver: zodResolver(contactSchema),
    defaultValues: {
      name: contact?.name ?? '',
      job_title: contact?.job_title ?? '',
      email: contact?.email ?? '',
      phone: contact?.phone ? formatPhone(contact.phone) : '',
    },
  });
  const save = useSaveContact(customerId);
  const { errors } = form.formState;
  return (
    <form
      noValidate
      aria-label={contact ? `Editar contato ${contact.name}` : 'Novo contato'}
      className="space-y-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200"
      onSubmit={form.handleSubmit((values) =>
        save.mutate(
          {
            id: contact?.id,
            input: {
              name: values.name.trim(),
              job_title: values.job_title.trim() || null,
              email: values.email.trim() || null,
              phone: values.phone.trim() ? toE164Phone(values.phone) : null,
            },
          },
          { onSuccess: onDone, onError: (error) => applyFieldErrors(error, form.setError, CONTACT_FIELDS) },
        ),
      )}
    >
      <FormErrors message={save.error ? problemMessage(save.error) : null} extra={unmatchedFieldErrors(save.error, CONTACT_FIELDS)} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Nome do contato" required autoFocus error={errors.name?.message} {...form.register('name')} />
        <TextField label="Cargo" error={errors.job_title?.message} {...form.register('job_title')} />
        <TextField label="E-mail do contato" type="email" error={errors.email?.message} {...form.register('email')} />
        <TextField
          label="Telefone do contato"
          type="tel"
          placeholder="(11) 98765-4321"
          maxLength={15}
          error={errors.phone?.message}
          {...form.register('phone', {
            onChange: (event: React.ChangeEvent<HTMLInputElement>) => form.setValue('phone', formatPhone(event.target.value)),
          })}
        />
      </div>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" size="sm" onClick={onDone} disabled={save.isPending}>
          Cancelar
        </Button>
        <Button type="submit" size="sm" isLoading={save.isPending}>
          Salvar contato
        </Button>
      </div>
    </form>
  );
}

export function ContactsPanel({ customerId, contacts }: { customerId: string; contacts: Contact[] }) {
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [removing, setRemoving] = useState<Contact | null>(null);
  const remove = useDeleteContact(customerId);

  return (
    <section aria-labelledby="contacts-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id="contacts-title" className="text-base font-semibold text-slate-900">
          Contatos
        </h2>
        {editing !== 'new' && (
          <Button size="sm" variant="secondary" onClick={() => setEditing('new')}>
            + Adicionar contato
          </Button>
        )}
      </div>
      <div aria-live="polite">{remove.isError && <FormErrors message={problemMessage(remove.error)} />}</div>
      {editing === 'new' && <ContactForm customerId={customerId} onDone={() => setEditing(null)} />}
      {contacts.length === 0 && editing !== 'new' ? (
        <p className="text-sm text-slate-600">Nenhum contato cadastrado.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {contacts.map((contact) =>
            editing === contact.id ? (
              <li key={contact.id} className="py-2">
                <ContactForm customerId={customerId} contact={contact} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={contact.id} className="flex flex-wrap items-start justify-between gap-2 py-3">
                <div className="min-w-0 text-sm">
                  <p className="font-medium text-slate-900">
                    {contact.name}
                    {contact.job_title && <span className="font-normal text-slate-500"> · {contact.job_title}</span>}
                  </p>
                  <p className="text-slate-600 wrap-anywhere">
                    {[contact.email, contact.phone ? displayPhone(contact.phone) : null].filter(Boolean).join(' · ')}
                  </p>
                </div>
                <div className="flex gap-1">
                  <Button size="sm" variant="ghost" aria-label={`Editar ${contact.name}`} onClick={() => setEditing(contact.id)}>
                    Editar
                  </Button>
                  <Button size="sm" variant="ghost" aria-label={`Remover ${contact.name}`} onClick={() => setRemoving(contact)}>
                    Remover
                  </Button>
                </div>
              </li>
            ),
          )}
        </ul>
      )}
      <ConfirmDialog
        open={removing !== null}
        title="Remover contato?"
        confirmLabel="Remover"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id, { onSettled: () => setRemoving(null) })}
      >
        {removing && <p>{removing.name} deixará de aparecer nos contatos deste cliente.</p>}
      </ConfirmDialog>
    </section>
  );
}
