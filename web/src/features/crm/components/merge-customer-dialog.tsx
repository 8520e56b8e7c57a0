import { useState } from 'react';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { Customer } from '@/lib/api/models';
import { problemMessage } from '@/lib/problem';

import { useMergeCustomers } from '../api/merge-customers';

import { CustomerPicker } from './customer-picker';

type MergeCustomerDialogProps = {
  open: boolean;
  customer: Pick<Customer, 'id' | 'name'>;
  onClose: () => void;
};

/** Picks another customer and merges it INTO this one (which keeps its data and gains the other's history). */
export function MergeCustomerDialog({ open, customer, onClose }: MergeCustomerDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Unir cadastros"
      description={`Escolha o cadastro duplicado. Ele será unido a ${customer.name} e deixará de existir.`}
    >
      <MergeForm customer={customer} onClose={onClose} />
    </Dialog>
  );
}

function MergeForm({ customer, onClose }: { customer: Pick<Customer, 'id' | 'name'>; onClose: () => void }) {
  const [other, setOther] = useState<Customer | null>(null);
  const merge = useMergeCustomers();
  return (
    <div className="space-y-4">
      <CustomerPicker label="Cadastro a unir" value={other} onChange={setOther} excludeId={customer.id} autoFocus />
      {other && (
        <Alert tone="warning" title={`Unir ${other.name} a este cliente?`}>
          Oportunidades, contatos e histórico de {other.name} passam para {customer.name}. E-mails, telefones e etiquetas são
          somados; os demais dados de {customer.name} são mantidos. Não dá para desfazer.
        </Alert>
      )}
      <FormErrors message={merge.error ? problemMessage(merge.error) : null} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={merge.isPending}>
          Cancelar
        </Button>
        <Button
          variant="danger"
          disabled={!other}
          isLoading={merge.isPending}
          onClick={() => other && merge.mutate({ id: customer.id, mergeId: other.id }, { onSuccess: onClose })}
        >
          {other ? `Unir ${other.name} a este cliente` : 'Unir a este cliente'}
        </Button>
      </div>
    </div>
  );
}
