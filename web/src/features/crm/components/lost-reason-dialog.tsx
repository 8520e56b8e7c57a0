import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextAreaField } from '@/components/ui/fields';

type LostReasonDialogProps = {
  open: boolean;
  title: string;
  stageName: string;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
};

/** Moving a deal to the lost stage asks why (the API requires it). */
export function LostReasonDialog({ open, title, stageName, onCancel, onConfirm }: LostReasonDialogProps) {
  return (
    <Dialog open={open} onClose={onCancel} title={`Mover “${title}” para ${stageName}`} description="Conte por que a oportunidade foi perdida.">
      <ReasonForm onCancel={onCancel} onConfirm={onConfirm} />
    </Dialog>
  );
}

function ReasonForm({ onCancel, onConfirm }: Pick<LostReasonDialogProps, 'onCancel' | 'onConfirm'>) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason.trim()) {
          setError('Informe o motivo da perda.');
          return;
        }
        onConfirm(reason.trim());
      }}
    >
      <TextAreaField
        label="Motivo da perda"
        required
        autoFocus
        maxLength={500}
        placeholder="Preço, concorrente, sem orçamento…"
        value={reason}
        error={error}
        onChange={(event) => {
          setReason(event.target.value);
          if (error) setError(undefined);
        }}
      />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel}>
          Cancelar
        </Button>
        <Button type="submit" variant="danger">
          Marcar como perdida
        </Button>
      </div>
    </form>
  );
}
