import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { ListFilters, ProposalPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const PROPOSALS_PAGE_SIZE = 30;

/** Every proposal query (lists, details, versions, PDFs) starts with this. */
export const proposalsQueryKey = ['proposals'] as const;

/** Title, customer name or number (PROP-0007); status; customer; opportunity. */
export type ProposalFilters = ListFilters<'list_proposals'>;

export const getProposals = ({
  filters,
  cursor,
  limit = PROPOSALS_PAGE_SIZE,
  signal,
}: {
  filters: ProposalFilters;
  cursor?: string | null;
  limit?: number;
  signal?: AbortSignal;
}) => api.get<ProposalPage>('/proposals', { query: { ...filters, limit, cursor }, signal });

export const proposalsInfiniteQueryOptions = (filters: ProposalFilters, limit = PROPOSALS_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: [...proposalsQueryKey, 'list', filters, limit],
    queryFn: ({ pageParam, signal }) => getProposals({ filters, cursor: pageParam, limit, signal }),
    ...cursorPagination,
    placeholderData: keepPreviousData,
  });

export const useProposals = (filters: ProposalFilters, limit?: number) =>
  useInfiniteQuery(proposalsInfiniteQueryOptions(filters, limit));
