import { Link } from 'react-router';

import { InfiniteTable, type Column } from '@/components/list/infinite-table';
import { oneOf, useUrlFilters } from '@/components/list/use-url-filters';
import { SelectField } from '@/components/ui/fields';
import { paths } from '@/config/paths';
import type { CustomerRisk } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { plural } from '@/lib/plural';

import { useCustomersAtRisk } from '../api/customers-at-risk';

import { DEFAULT_RISK_LEVEL, RISK_FILTERS, RISK_LEVELS } from './labels';
import { RiskLevelBadge } from './risk-level-badge';
import { RiskReasons } from './risk-reasons';

const columns = (linkCustomers: boolean): Column<CustomerRisk>[] => [
  {
    key: 'customer',
    header: 'Cliente',
    cell: (risk) =>
      linkCustomers ? (
        <Link to={paths.app.crm.customer.getHref(risk.customer_id)} className="font-medium text-indigo-800 hover:underline">
          {risk.customer_name}
        </Link>
      ) : (
        <span className="font-medium text-slate-900">{risk.customer_name}</span>
      ),
  },
  { key: 'score', header: 'Pontuação', align: 'right', className: 'tabular-nums', cell: (risk) => `${risk.score}/100` },
  { key: 'level', header: 'Nível', cell: (risk) => <RiskLevelBadge level={risk.level} /> },
  {
    key: 'reasons',
    header: 'Motivos',
    cell: (risk) => <RiskReasons reasons={risk.reasons} label={`Motivos do risco de ${risk.customer_name}`} />,
  },
];

/** "Clientes em risco": the customers at a level or above, highest score first; the level lives in the URL. */
export function CustomersAtRisk() {
  const { user } = useMe();
  const { values, setFilter } = useUrlFilters(['nivel']);
  const level = oneOf(RISK_LEVELS, values.nivel) || DEFAULT_RISK_LEVEL;
  const risks = useCustomersAtRisk(level);
  const total = risks.data?.pages[0]?.total;

  return (
    <section aria-labelledby="risk-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="risk-title" className="sr-only">
        Clientes em risco
      </h2>
      <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 p-4">
        <SelectField label="Nível" value={level} onChange={(event) => setFilter('nivel', event.target.value)} wrapperClassName="w-48">
          {RISK_FILTERS.map((filter) => (
            <option key={filter.value} value={filter.value}>
              {filter.label}
            </option>
          ))}
        </SelectField>
        {total !== undefined && (
          <p role="status" className="text-sm text-slate-600">
            {plural(total, 'cliente', 'clientes')} neste nível
          </p>
        )}
      </div>
      <InfiniteTable
        query={risks}
        columns={columns(canAccess(user.role, 'crm'))}
        rowKey={(risk) => risk.customer_id}
        caption="Clientes em risco de perda"
        loadingLabel="Calculando os riscos…"
        errorTitle="Não foi possível carregar os clientes em risco"
        emptyText="Nenhum cliente em risco neste nível."
        rowClassName="align-top"
      />
    </section>
  );
}
