import { useState } from 'react';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { paths } from '@/config/paths';
import type { ChargeMethod, Invoice } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canConfigureFinance } from '@/lib/authorization';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';
import { isApiError, problemMessage } from '@/lib/problem';

import { useChargeInvoice } from '../api/save-invoice';

const METHODS: { value: ChargeMethod; title: string; text: string }[] = [
  {
    value: 'pix_boleto',
    title: 'PIX e boleto (Asaas)',
    text: 'Cria a cobrança no Asaas: QR code PIX e linha digitável do boleto na página da fatura. A baixa é automática.',
  },
  {
    value: 'card',
    title: 'Cartão de crédito (Stripe)',
    text: 'Cria uma página de pagamento do Stripe Checkout. A baixa é automática quando o cliente paga.',
  },
];

type Props = { open: boolean; onClose: () => void; invoice: Pick<Invoice, 'id' | 'label' | 'amount_due_cents'> };

/** A charge at a gateway for what is due today. */
export function ChargeInvoiceDialog({ open, onClose, invoice }: Props) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Gerar cobrança de ${invoice.label}`}
      description={`Cobra ${formatMoney(invoice.amount_due_cents)} (o valor a pagar hoje) pelo provedor de pagamento conectado.`}
    >
      <ChargeForm invoice={invoice} onClose={onClose} />
    </Dialog>
  );
}

function ChargeForm({ invoice, onClose }: Omit<Props, 'open'>) {
  const { user } = useMe();
  const [method, setMethod] = useState<ChargeMethod>('pix_boleto');
  const charge = useChargeInvoice();
  const noGateway = isApiError(charge.error) && charge.error.status === 409;

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        charge.mutate({ id: invoice.id, method }, { onSuccess: onClose });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">Como o cliente vai pagar</legend>
        {METHODS.map((option) => (
          <label
            key={option.value}
            className={cn(
              'flex cursor-pointer gap-3 rounded-lg border p-3 text-sm',
              method === option.value ? 'border-indigo-600 bg-indigo-50' : 'border-slate-200 hover:bg-slate-50',
            )}
          >
            <input
              type="radio"
              name="charge-method"
              value={option.value}
              checked={method === option.value}
              onChange={() => setMethod(option.value)}
              className="mt-1"
            />
            <span>
              <span className="block font-medium text-slate-900">{option.title}</span>
              <span className="block text-slate-600">{option.text}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div aria-live="assertive">
        {charge.isError && (
          <Alert title="Não foi possível gerar a cobrança">
            <p>{problemMessage(charge.error)}</p>
            {noGateway &&
              (canConfigureFinance(user.role) ? (
                <p className="mt-1">
                  Confira os provedores em{' '}
                  <Link to={paths.app.finance.settings.getHref()} className="font-medium underline">
                    Financeiro › Configurações
                  </Link>
                  .
                </p>
              ) : (
                <p className="mt-1">Peça a um administrador para conectar o provedor em Financeiro › Configurações.</p>
              ))}
          </Alert>
        )}
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={charge.isPending}>
          Voltar
        </Button>
        <Button type="submit" isLoading={charge.isPending}>
          Gerar cobrança
        </Button>
      </div>
    </form>
  );
}
