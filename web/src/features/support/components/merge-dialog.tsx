import { useState } from 'react';
import { useNavigate } from 'react-router';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/fields';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { Ticket } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { problemMessage } from '@/lib/problem';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import { useTickets } from '../api/get-tickets';
import { useMergeTicket } from '../api/ticket';

import { TicketStatusBadge } from './badges';

/** Moves this ticket's messages into another (picked by number) and closes this one. */
export function MergeDialog({ ticket, open, onClose }: { ticket: Ticket; open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Mesclar ticket #${ticket.number}`}
      description="As mensagens deste ticket vão para o ticket escolhido, do mesmo cliente, que continua; este é fechado."
    >
      <MergeForm ticket={ticket} onClose={onClose} />
    </Dialog>
  );
}

function MergeForm({ ticket, onClose }: { ticket: Ticket; onClose: () => void }) {
  const navigate = useNavigate();
  const [number, setNumber] = useState('');
  const [picked, setPicked] = useState<Ticket | null>(null);
  const q = useDebouncedValue(number.trim().replace(/^#/, ''), 250);
  const search = useTickets({ q, status: 'any', view: 'all' }, 10, q !== '');
  const merge = useMergeTicket();
  // The server refuses merging two customers' conversations; only the same customer's tickets are offered.
  const found = q ? (search.data?.pages[0]?.items ?? []).filter((item) => item.id !== ticket.id) : [];
  const results = found.filter((item) => item.customer_id === ticket.customer_id);
  const otherCustomers = found.length - results.length;

  return (
    <form
      noValidate
      aria-label="Mesclar ticket"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!picked) return;
        merge.mutate(
          { id: ticket.id, input: { into_ticket_id: picked.id } },
          {
            onSuccess: (into) => {
              onClose();
              navigate(paths.app.support.ticket.getHref(into.id));
            },
          },
        );
      }}
    >
      <FormErrors message={merge.error ? problemMessage(merge.error) : null} />
      <TextField
        label="Número do ticket que fica"
        inputMode="numeric"
        placeholder="ex.: 1042"
        autoFocus
        value={number}
        onChange={(event) => {
          setNumber(event.target.value);
          setPicked(null);
        }}
      />
      {q && (
        <div aria-live="polite">
          {search.isFetching && results.length === 0 ? (
            <Spinner size="sm" label="Buscando…" />
          ) : results.length === 0 ? (
            <p className="text-sm text-slate-600">
              {otherCustomers > 0
                ? 'Os tickets encontrados são de outro cliente: só é possível mesclar tickets do mesmo cliente.'
                : 'Nenhum outro ticket com esse número ou assunto.'}
            </p>
          ) : (
            <ul role="listbox" aria-label="Tickets encontrados" className="max-h-60 divide-y divide-slate-100 overflow-auto rounded-md ring-1 ring-slate-200">
              {results.map((item) => (
                <li
                  key={item.id}
                  role="option"
                  aria-selected={picked?.id === item.id}
                  tabIndex={0}
                  onClick={() => setPicked(item)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      setPicked(item);
                    }
                  }}
                  className={cn('cursor-pointer px-3 py-2 text-sm', picked?.id === item.id ? 'bg-indigo-50' : 'hover:bg-slate-50')}
                >
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium text-slate-900">
                      #{item.number} · {item.customer_name}
                    </span>
                    <TicketStatusBadge status={item.status} />
                  </div>
                  <p className="truncate text-xs text-slate-600">{item.subject}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {picked && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          O ticket #{ticket.number} será fechado e suas mensagens irão para o #{picked.number} ({picked.customer_name}).
        </p>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={merge.isPending}>
          Voltar
        </Button>
        <Button type="submit" variant="danger" disabled={!picked} isLoading={merge.isPending}>
          Mesclar
        </Button>
      </div>
    </form>
  );
}
