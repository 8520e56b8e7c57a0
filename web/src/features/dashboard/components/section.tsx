import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';

import { Alert } from '@/components/ui/alert';
import { PageSpinner, Spinner } from '@/components/ui/spinner';
import type { DashboardRange, DashboardScope } from '@/lib/api/models';
import { formatIsoDate } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

/** "de 08/11/2026 a 07/12/2026" (one day: "em 07/12/2026"). */
export function rangeText(from: string, to: string): string {
  return from === to ? `em ${formatIsoDate(from)}` : `de ${formatIsoDate(from)} a ${formatIsoDate(to)}`;
}

/** The period and the one it is compared with, for a section's subtitle. */
export function comparedText(range: DashboardRange): string {
  return `${rangeText(range.from, range.to)}, comparado a ${range.previous_from === range.previous_to ? formatIsoDate(range.previous_from) : `${formatIsoDate(range.previous_from)}–${formatIsoDate(range.previous_to)}`}`;
}

/** The period's columns of a CSV: "Período atual (08/11/2026 a 07/12/2026)". */
export function csvPeriodHeaders(range: DashboardRange): [string, string] {
  return [
    `Período atual (${formatIsoDate(range.from)} a ${formatIsoDate(range.to)})`,
    `Período anterior (${formatIsoDate(range.previous_from)} a ${formatIsoDate(range.previous_to)})`,
  ];
}

/**
 * One area of the dashboard ("Atendimento", "Vendas"…): its heading, whose
 * numbers they are ("Seus números" for an agent or a salesperson), and its
 * loading and error states. While a newer read is on its way (another period,
 * a live update) the numbers on screen stay, marked busy.
 */
export function DashboardSection<T extends { range: DashboardRange; scope?: DashboardScope }>({
  title,
  query,
  ownText,
  loadingLabel,
  errorTitle,
  compared = true,
  children,
}: {
  title: string;
  query: UseQueryResult<T>;
  /** What "your numbers" are in this area: "as conversas atribuídas a você". */
  ownText?: string;
  loadingLabel: string;
  errorTitle: string;
  /** Whether the numbers are compared with the period before (the subtitle says so). */
  compared?: boolean;
  children: (data: T) => ReactNode;
}) {
  const headingId = useId();
  const data = query.data;
  const own = data?.scope === 'own';
  return (
    <section aria-labelledby={headingId} aria-busy={query.isFetching || undefined} className="space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-slate-200 pb-2">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <p className="flex flex-wrap items-center gap-x-2 text-sm text-slate-600">
          {own && <strong className="font-semibold text-indigo-800">Seus números</strong>}
          {own && ownText && <span>({ownText})</span>}
          {data && <span>{compared ? comparedText(data.range) : rangeText(data.range.from, data.range.to)}</span>}
          {query.isFetching && data && <Spinner size="sm" />}
        </p>
      </header>
      {data && query.isError && (
        <Alert tone="warning" title="Não foi possível atualizar">
          {problemMessage(query.error)} Os números abaixo são da última leitura.
        </Alert>
      )}
      {data ? (
        children(data)
      ) : query.isError ? (
        <Alert title={errorTitle}>{problemMessage(query.error)}</Alert>
      ) : query.fetchStatus === 'idle' ? null : (
        <PageSpinner label={loadingLabel} />
      )}
    </section>
  );
}

/** A dashboard area that is not one of the period's sections (the app layer's, like the customers at risk). */
export function SectionFrame({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-slate-200 pb-2">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {subtitle && <p className="text-sm text-slate-600">{subtitle}</p>}
      </header>
      {children}
    </section>
  );
}
