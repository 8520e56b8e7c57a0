import type { LineItem } from '@/lib/api/models';
import { BILLING_LABELS, formatBasisPoints, formatQuantityMilli } from '@/lib/commercial';
import { formatMoney } from '@/lib/format';

/** Priced lines as the server computed them (read-only). */
export function LineItemsTable({ items, caption = 'Itens' }: { items: LineItem[]; caption?: string }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              Descrição
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              Qtd.
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              Preço unit.
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              Desc.
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Cobrança
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => (
            <tr key={item.id}>
              <td className="px-4 py-3 text-slate-900">{item.description}</td>
              <td className="px-4 py-3 text-right whitespace-nowrap text-slate-700">
                {formatQuantityMilli(item.quantity_milli)} {item.unit}
              </td>
              <td className="px-4 py-3 text-right whitespace-nowrap text-slate-700">{formatMoney(item.unit_price_cents)}</td>
              <td className="px-4 py-3 text-right whitespace-nowrap text-slate-700">
                {item.discount_bp ? formatBasisPoints(item.discount_bp) : '—'}
              </td>
              <td className="px-4 py-3 text-slate-700">{BILLING_LABELS[item.billing]}</td>
              <td className="px-4 py-3 text-right font-medium whitespace-nowrap text-slate-900">{formatMoney(item.total_cents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
