import type { ContractStatus, ProposalStatus } from '@/lib/api/models';
import { cn } from '@/lib/cn';

import { CONTRACT_STATUS_LABELS, CONTRACT_STATUS_STYLES, PROPOSAL_STATUS_LABELS, PROPOSAL_STATUS_STYLES } from './labels';

const badge = 'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap';

export function ProposalStatusBadge({ status, className }: { status: ProposalStatus; className?: string }) {
  return <span className={cn(badge, PROPOSAL_STATUS_STYLES[status], className)}>{PROPOSAL_STATUS_LABELS[status]}</span>;
}

export function ContractStatusBadge({ status, className }: { status: ContractStatus; className?: string }) {
  return <span className={cn(badge, CONTRACT_STATUS_STYLES[status], className)}>{CONTRACT_STATUS_LABELS[status]}</span>;
}
