import { useState } from 'react';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/fields';
import { Spinner } from '@/components/ui/spinner';
import type { Ticket } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canReadCustomers } from '@/lib/authorization';
import { cn } from '@/lib/cn';
import { problemMessage } from '@/lib/problem';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import { useSupportCustomerSearch } from '../api/customer';
import { useLinkTicketCustomer } from '../api/ticket';

/** The "não verificado" mark: the customer is only who a web-chat visitor said they were. */
export function UnverifiedBadge({ ticket }: { ticket: Ticket }) {
  if (ticket.contact_verified) return null;
  return (
    <span
      className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900"
      title="O visitante informou este e-mail no chat, sem comprovação. Confirme a identidade antes de tratar dados do cliente."
    >
      não verificado
    </span>
  );
}

/** Declared e-mail, why it matters, and the button that links the ticket to an existing customer by hand. */
export function UnverifiedContact({ ticket }: { ticket: Ticket }) {
  const { user } = useMe();
  const [open, setOpen] = useState(false);
  if (ticket.contact_verified) return null;
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <p>
        <UnverifiedBadge ticket={ticket} />{' '}
        {ticket.declared_email ? (
          <>
            O visitante disse ser <strong className="break-all">{ticket.declared_email}</strong>, mas isso não foi comprovado.
          </>
        ) : (
          'O visitante não foi identificado.'
        )}{' '}
        Não compartilhe dados de outro atendimento antes de confirmar quem é.
      </p>
      {canReadCustomers(user.role) && (
        <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
          Vincular a um cliente
        </Button>
      )}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Vincular a um cliente"
        description="Depois de confirmar a identidade do visitante, escolha o cliente cadastrado que ele é."
      >
        <LinkCustomerForm ticket={ticket} onClose={() => setOpen(false)} />
      </Dialog>
    </div>
  );
}

function LinkCustomerForm({ ticket, onClose }: { ticket: Ticket; onClose: () => void }) {
  const [text, setText] = useState(ticket.declared_email ?? '');
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const q = useDebouncedValue(text.trim(), 250);
  const search = useSupportCustomerSearch(q);
  const link = useLinkTicketCustomer();
  const results = q.length >= 2 ? (search.data?.items ?? []).filter((item) => item.id !== ticket.customer_id) : [];
  return (
    <form
      noValidate
      aria-label="Vincular a um cliente"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!picked) return;
        link.mutate({ id: ticket.id, input: { customer_id: picked.id } }, { onSuccess: onClose });
      }}
    >
      <FormErrors message={link.error ? problemMessage(link.error) : null} />
      <TextField
        label="Buscar cliente (nome, e-mail ou documento)"
        autoFocus
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setPicked(null);
        }}
      />
      {q.length >= 2 && (
        <div aria-live="polite">
          {search.isFetching && results.length === 0 ? (
            <Spinner size="sm" label="Buscando…" />
          ) : results.length === 0 ? (
            <p className="text-sm text-slate-600">Nenhum cliente encontrado.</p>
          ) : (
            <ul role="listbox" aria-label="Clientes encontrados" className="max-h-60 divide-y divide-slate-100 overflow-auto rounded-md ring-1 ring-slate-200">
              {results.map((item) => (
                <li
                  key={item.id}
                  role="option"
                  aria-selected={picked?.id === item.id}
                  tabIndex={0}
                  onClick={() => setPicked({ id: item.id, name: item.name })}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      setPicked({ id: item.id, name: item.name });
                    }
                  }}
                  className={cn('cursor-pointer px-3 py-2 text-sm', picked?.id === item.id ? 'bg-indigo-50' : 'hover:bg-slate-50')}
                >
                  <span className="font-medium text-slate-900">{item.name}</span>
                  {item.emails.length > 0 && <span className="block truncate text-xs text-slate-600">{item.emails.join(', ')}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {picked && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Este ticket passa a ser de {picked.name}. Faça isso só depois de confirmar que o visitante é essa pessoa.
        </p>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={link.isPending}>
          Voltar
        </Button>
        <Button type="submit" disabled={!picked} isLoading={link.isPending}>
          Vincular
        </Button>
      </div>
    </form>
  );
}
