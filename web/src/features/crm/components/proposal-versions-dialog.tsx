import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { PageSpinner } from '@/components/ui/spinner';
import type { Proposal } from '@/lib/api/models';
import { proposalNumber } from '@/lib/commercial';
import { formatDateTime, formatMoney } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useProposalVersions } from '../api/get-proposal-versions';

import { AmountsSummary } from './amounts-summary';
import { formatIsoDate } from './labels';
import { LineItemsTable } from './line-items-table';
import { ProposalStatusBadge } from './status-badges';

/** The revisions kept each time the proposal was sent (and before editing a sent one). */
export function ProposalVersionsDialog({
  open,
  onClose,
  proposal,
}: {
  open: boolean;
  onClose: () => void;
  proposal: Pick<Proposal, 'id' | 'number' | 'revision'>;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Versões de ${proposalNumber(proposal.number)}`}
      description={`Revisão atual: ${proposal.revision}. Cada envio guarda uma cópia do que o cliente recebeu.`}
      size="lg"
    >
      <VersionsList id={proposal.id} />
    </Dialog>
  );
}

function VersionsList({ id }: { id: string }) {
  const versions = useProposalVersions(id);
  if (versions.isPending) return <PageSpinner label="Carregando versões…" />;
  if (versions.isError) return <Alert title="Não foi possível carregar as versões">{problemMessage(versions.error)}</Alert>;
  const list = [...versions.data].sort((a, b) => b.revision - a.revision || b.created_at.localeCompare(a.created_at));
  if (list.length === 0) {
    return (
      <p role="status" className="text-sm text-slate-600">
        Nenhuma versão guardada ainda: as versões são guardadas quando a proposta é enviada.
      </p>
    );
  }
  return (
    <ul aria-label="Versões anteriores" className="max-h-[60dvh] space-y-2 overflow-y-auto">
      {list.map((version) => {
        const p = version.snapshot;
        return (
          <li key={`${version.revision}-${version.created_at}`} className="rounded-lg ring-1 ring-slate-200">
            <details>
              <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 text-sm">
                <span className="font-semibold text-slate-900">Revisão {version.revision}</span>
                {p.status && <ProposalStatusBadge status={p.status} />}
                <span className="text-slate-600">{formatDateTime(version.created_at)}</span>
                <span className="ml-auto font-medium text-slate-900 tabular-nums">{formatMoney(p.total_cents ?? 0)}</span>
              </summary>
              <div className="space-y-3 border-t border-slate-200 px-4 py-3">
                <p className="text-sm text-slate-700">
                  <strong>{p.title}</strong>
                  {p.valid_until && <> · válida até {formatIsoDate(p.valid_until)}</>}
                </p>
                {Array.isArray(p.items) && <LineItemsTable items={p.items} caption={`Itens da revisão ${version.revision}`} />}
                <AmountsSummary
                  label={`Totais da revisão ${version.revision}`}
                  amounts={{
                    subtotalCents: p.subtotal_cents,
                    discountCents: p.discount_cents,
                    discountBp: p.discount_bp,
                    totalCents: p.total_cents,
                    oneTimeCents: p.one_time_cents ?? 0,
                    recurringCents: p.recurring_cents ?? 0,
                    recurrence: p.recurrence ?? 'one_time',
                  }}
                />
              </div>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
