import { useParams } from 'react-router';

import { PublicInvoiceView } from '@/features/public-invoice/components/public-invoice-view';

/** /fatura/:token — the customer's payment page: no login, no app shell, phone first. */
export default function PublicInvoiceRoute() {
  const { token = '' } = useParams();
  return (
    <div className="min-h-dvh bg-slate-100">
      <main className="mx-auto w-full max-w-2xl px-3 py-4 sm:px-6 sm:py-10">
        <PublicInvoiceView token={token} />
      </main>
      <footer className="pb-8 text-center text-xs text-slate-500">Cobranças on-line com ConectCRM</footer>
    </div>
  );
}
