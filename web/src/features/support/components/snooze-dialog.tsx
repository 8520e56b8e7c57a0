import { useState } from 'react';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/fields';
import type { Ticket } from '@/lib/api/models';
import { formatDateTime } from '@/lib/format';
import { isApiError, problemMessage } from '@/lib/problem';

import { useSnoozeTicket } from '../api/ticket';
import { fromLocalInput, inHours, isFuture, nextMondayAt, toLocalInput, tomorrowAt } from '../utils/time';

/** Pending until a date; it reopens by itself then, or as soon as the customer writes. */
export function SnoozeDialog({ ticket, open, onClose }: { ticket: Ticket; open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Adiar ticket #${ticket.number}`}
      description="O ticket fica pendente e volta a ficar aberto na data escolhida, ou antes, se o cliente escrever."
    >
      <SnoozeForm ticket={ticket} onClose={onClose} />
    </Dialog>
  );
}

function SnoozeForm({ ticket, onClose }: { ticket: Ticket; onClose: () => void }) {
  const [until, setUntil] = useState(() => toLocalInput(tomorrowAt(9)));
  const [error, setError] = useState<string | null>(null);
  const snooze = useSnoozeTicket();
  const chosen = fromLocalInput(until);
  const serverField = isApiError(snooze.error) ? snooze.error.fieldErrors.find((field) => field.field === 'until')?.message : undefined;
  return (
    <form
      noValidate
      aria-label="Adiar ticket"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!chosen || !isFuture(chosen)) {
          setError('Escolha uma data futura.');
          return;
        }
        setError(null);
        snooze.mutate({ id: ticket.id, input: { until: chosen } }, { onSuccess: onClose });
      }}
    >
      <FormErrors message={snooze.error && !serverField ? problemMessage(snooze.error) : null} />
      <div className="flex flex-wrap gap-2">
        {[
          { label: 'Em 3 horas', at: () => inHours(3) },
          { label: 'Amanhã 9h', at: () => tomorrowAt(9) },
          { label: 'Segunda 9h', at: () => nextMondayAt(9) },
        ].map((choice) => (
          <Button key={choice.label} size="sm" variant="secondary" onClick={() => setUntil(toLocalInput(choice.at()))}>
            {choice.label}
          </Button>
        ))}
      </div>
      <TextField
        label="Adiar até"
        type="datetime-local"
        required
        value={until}
        min={toLocalInput(new Date())}
        error={error ?? serverField}
        hint={chosen ? `Volta a ficar aberto em ${formatDateTime(chosen)}.` : undefined}
        onChange={(event) => setUntil(event.target.value)}
      />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={snooze.isPending}>
          Voltar
        </Button>
        <Button type="submit" isLoading={snooze.isPending}>
          Adiar
        </Button>
      </div>
    </form>
  );
}
