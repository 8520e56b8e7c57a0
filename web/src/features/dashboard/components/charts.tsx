import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';

import { formatIsoDate, formatMoney, formatNumber } from '@/lib/format';

// The charts are drawings for the eye (hidden from screen readers); each
// comes with its numbers in a table under "Ver números", where the links to
// the lists behind them are reachable by keyboard too.

const compactMoney = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL', notation: 'compact', maximumFractionDigits: 1 });
/** Cents on an axis: "R$ 1,2 mil". */
export const axisMoney = (cents: number) => compactMoney.format(cents / 100);
const compactNumber = new Intl.NumberFormat('pt-BR', { notation: 'compact', maximumFractionDigits: 1 });
const axisNumber = (n: number) => compactNumber.format(n);

/** "2026-11-08" → "08/11". */
const dayTick = (day: string) => formatIsoDate(day).slice(0, 5);

export const CHART_COLORS = {
  primary: '#4338ca', // indigo-700
  secondary: '#059669', // emerald-600
  tertiary: '#d97706', // amber-600
  muted: '#94a3b8', // slate-400
  danger: '#dc2626', // red-600
} as const;

export type Series<T> = { key: keyof T & string; name: string; color: string };

/** A table of a chart's numbers, folded under "Ver números". */
export function NumbersTable({ caption, headers, rows }: { caption: string; headers: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer font-medium text-indigo-800 hover:underline">Ver números</summary>
      <div className="mt-2 max-h-72 overflow-auto rounded-md ring-1 ring-slate-200">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 bg-slate-50 text-xs text-slate-600 uppercase">
            <tr>
              {headers.map((header, index) => (
                <th key={header} scope="col" className={index === 0 ? 'px-3 py-2' : 'px-3 py-2 text-right'}>
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, index) =>
                  index === 0 ? (
                    <th key={index} scope="row" className="px-3 py-1.5 font-normal text-slate-900">
                      {cell}
                    </th>
                  ) : (
                    <td key={index} className="px-3 py-1.5 text-right whitespace-nowrap text-slate-900 tabular-nums">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Day by day: one area per series (opened vs resolved; received vs issued). */
export function TrendChart<T extends { day: string }>({
  data,
  series,
  money = false,
  caption,
}: {
  data: T[];
  series: Series<T>[];
  /** Values are cents. */
  money?: boolean;
  caption: string;
}) {
  const format = (value: number) => (money ? formatMoney(value) : formatNumber(value));
  return (
    <>
      <div aria-hidden="true" className="h-56 w-full">
        {data.length < 2 ? (
          // One day (Hoje): an area needs two points, bars do not.
          <BarChart responsive accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} style={{ width: '100%', height: '100%' }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="day" tickFormatter={dayTick} tick={{ fontSize: 11, fill: '#475569' }} />
            <YAxis tickFormatter={money ? axisMoney : axisNumber} tick={{ fontSize: 11, fill: '#475569' }} width={money ? 72 : 40} allowDecimals={false} />
            <Tooltip labelFormatter={(day) => formatIsoDate(String(day))} formatter={(value) => (typeof value === 'number' ? format(value) : String(value))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key as string} name={s.name} fill={s.color} maxBarSize={48} isAnimationActive={false} />
            ))}
          </BarChart>
        ) : (
          <AreaChart responsive accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} style={{ width: '100%', height: '100%' }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="day" tickFormatter={dayTick} tick={{ fontSize: 11, fill: '#475569' }} minTickGap={16} />
            <YAxis
              tickFormatter={money ? axisMoney : axisNumber}
              tick={{ fontSize: 11, fill: '#475569' }}
              width={money ? 72 : 40}
              allowDecimals={false}
            />
            <Tooltip
              labelFormatter={(day) => formatIsoDate(String(day))}
              formatter={(value) => (typeof value === 'number' ? format(value) : String(value))}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Area
                key={s.key}
                type="monotone"
                dataKey={s.key as string}
                name={s.name}
                stroke={s.color}
                fill={s.color}
                fillOpacity={0.12}
                strokeWidth={2}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        )}
      </div>
      <NumbersTable
        caption={caption}
        headers={['Dia', ...series.map((s) => s.name)]}
        rows={data.map((row) => ({
          key: row.day,
          cells: [formatIsoDate(row.day), ...series.map((s) => format(Number(row[s.key] ?? 0)))],
        }))}
      />
    </>
  );
}

export type BarDatum = { key: string; label: string; value: number; href?: string };

/**
 * A breakdown as horizontal bars, the value written at the end of each; a
 * bar with a list behind it opens the list.
 */
export function BarsChart({
  bars,
  name,
  labelHeader,
  format = formatNumber,
  color = CHART_COLORS.primary,
  caption,
  extraColumns,
}: {
  bars: BarDatum[];
  /** The value's name ("Conversas", "Valor"). */
  name: string;
  /** The bars' name in the table ("Canal", "Categoria"). */
  labelHeader: string;
  format?: (value: number) => string;
  color?: string;
  caption: string;
  /** More columns of the table, per bar (a count beside a value). */
  extraColumns?: { header: string; cell: (bar: BarDatum) => ReactNode };
}) {
  const navigate = useNavigate();
  const height = bars.length * 34 + 16;
  return (
    <>
      <div aria-hidden="true" className="w-full" style={{ height }}>
        <BarChart
          responsive
          accessibilityLayer={false}
          layout="vertical"
          data={bars}
          margin={{ top: 4, right: 72, bottom: 4, left: 4 }}
          style={{ width: '100%', height: '100%' }}
        >
          <XAxis type="number" hide domain={[0, 'dataMax']} />
          <YAxis
            type="category"
            dataKey="label"
            width={120}
            tick={{ fontSize: 12, fill: '#334155' }}
            tickFormatter={(label: string) => (label.length > 18 ? `${label.slice(0, 17)}…` : label)}
          />
          <Tooltip formatter={(value) => (typeof value === 'number' ? format(value) : String(value))} cursor={{ fill: '#f1f5f9' }} />
          <Bar dataKey="value" name={name} fill={color} radius={[0, 4, 4, 0]} barSize={20} isAnimationActive={false}>
            {bars.map((bar) => (
              <Cell key={bar.key} cursor={bar.href ? 'pointer' : undefined} onClick={bar.href ? () => navigate(bar.href as string) : undefined} />
            ))}
            <LabelList dataKey="value" position="right" formatter={(value) => (typeof value === 'number' ? format(value) : '')} style={{ fontSize: 12, fill: '#0f172a' }} />
          </Bar>
        </BarChart>
      </div>
      <NumbersTable
        caption={caption}
        headers={[labelHeader, name, ...(extraColumns ? [extraColumns.header] : [])]}
        rows={bars.map((bar) => ({
          key: bar.key,
          cells: [
            bar.label,
            bar.href ? (
              <Link to={bar.href} className="text-indigo-800 hover:underline">
                {format(bar.value)}
              </Link>
            ) : (
              format(bar.value)
            ),
            ...(extraColumns ? [extraColumns.cell(bar)] : []),
          ],
        }))}
      />
    </>
  );
}
