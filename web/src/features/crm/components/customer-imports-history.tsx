import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { formatDateTime, formatNumber } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useCustomerImports } from '../api/get-customer-imports';
import { IMPORT_STATUS_LABELS, IMPORT_STATUS_STYLES } from '../utils/customer-import';

/** The company's recent imports, each opening its result. */
export function CustomerImportsHistory({ currentId }: { currentId?: string | null }) {
  const imports = useCustomerImports();
  return (
    <section aria-labelledby="imports-history-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="imports-history-title" className="border-b border-slate-200 p-4 text-base font-semibold text-slate-900">
        Importações recentes
      </h2>
      {imports.isPending ? (
        <PageSpinner label="Carregando o histórico…" />
      ) : imports.isError ? (
        <div className="p-4">
          <Alert title="Não foi possível carregar o histórico">{problemMessage(imports.error)}</Alert>
        </div>
      ) : imports.data.length === 0 ? (
        <p className="p-6 text-center text-sm text-slate-600">Nenhuma importação ainda.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm">
            <caption className="sr-only">Importações recentes</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Arquivo
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Enviado em
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Situação
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Linhas
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Criados
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Atualizados
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Ignorados
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {imports.data.map((item) => (
                <tr key={item.id} className={cn(item.id === currentId && 'bg-indigo-50/60')} aria-current={item.id === currentId || undefined}>
                  <td className="max-w-72 truncate px-4 py-2">
                    {item.status === 'uploaded' ? (
                      <span className="text-slate-700">{item.filename}</span>
                    ) : (
                      <Link to={paths.app.crm.importCustomers.getHref(item.id)} className="font-medium text-indigo-800 hover:underline">
                        {item.filename}
                      </Link>
                    )}
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap text-slate-700">{formatDateTime(item.created_at)}</td>
                  <td className="px-4 py-2">
                    <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap', IMPORT_STATUS_STYLES[item.status])}>
                      {IMPORT_STATUS_LABELS[item.status]}
                    </span>
                  </td>
                  <td className="px-4 py-2 text-right text-slate-700 tabular-nums">{formatNumber(item.total_rows)}</td>
                  <td className="px-4 py-2 text-right text-slate-700 tabular-nums">{formatNumber(item.created_count)}</td>
                  <td className="px-4 py-2 text-right text-slate-700 tabular-nums">{formatNumber(item.updated_count)}</td>
                  <td className="px-4 py-2 text-right text-slate-700 tabular-nums">{formatNumber(item.skipped_count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
