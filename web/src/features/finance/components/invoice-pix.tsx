import { Link } from 'react-router';

import { PixCode } from '@/components/pix-code';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { Invoice } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canConfigureFinance } from '@/lib/authorization';
import { formatMoney } from '@/lib/format';
import { isApiError, problemMessage } from '@/lib/problem';

import { useInvoicePix } from '../api/get-invoice';

/** PIX for what is due today: the gateway's code after "Gerar cobrança", or one made from the company's own key. */
export function InvoicePix({ invoice }: { invoice: Pick<Invoice, 'id' | 'label' | 'amount_due_cents'> }) {
  const { user } = useMe();
  const pix = useInvoicePix(invoice.id, invoice.amount_due_cents);

  return (
    <section aria-labelledby="invoice-pix-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <h2 id="invoice-pix-title" className="text-base font-semibold text-slate-900">
        PIX
      </h2>
      {pix.isPending ? (
        <Spinner size="sm" label="Gerando o código PIX…" />
      ) : pix.isError ? (
        isApiError(pix.error) && pix.error.status === 409 ? (
          <Alert tone="warning" title="Sem código PIX">
            <p>{problemMessage(pix.error)}</p>
            {canConfigureFinance(user.role) ? (
              <Link to={paths.app.finance.settings.getHref()} className="mt-1 inline-block font-medium underline">
                Cadastrar a chave PIX
              </Link>
            ) : (
              <p className="mt-1">Peça a um administrador para cadastrar a chave PIX da empresa.</p>
            )}
          </Alert>
        ) : (
          <Alert title="Não foi possível gerar o código PIX">{problemMessage(pix.error)}</Alert>
        )
      ) : (
        <>
          <p className="text-sm text-slate-600">
            {formatMoney(pix.data.amount_cents)}
            {pix.data.source === 'gateway'
              ? ' · cobrança do provedor: a baixa é automática quando o cliente paga.'
              : ' · pela chave PIX da empresa: confira o extrato e registre o pagamento quando cair.'}
          </p>
          <PixCode pix={pix.data} label={invoice.label} />
        </>
      )}
    </section>
  );
}
