import { queryOptions, useQuery } from '@tanstack/react-query';

import { env } from '@/config/env';
import type { PublicProposal } from '@/lib/api/models';
import { api } from '@/lib/api-client';

// The customer's side: no login, only the unguessable token from the e-mail.
// A wrong, replaced (the proposal was edited or sent again) or other
// company's token is a plain 404. The first view marks the proposal "viewed".

export const publicProposalQueryKey = (token: string) => ['public-proposal', token] as const;

export const getPublicProposal = (token: string, signal?: AbortSignal) =>
  api.get<PublicProposal>(`/public/proposals/${encodeURIComponent(token)}`, { auth: false, signal });

export const publicProposalQueryOptions = (token: string) =>
  queryOptions({
    queryKey: publicProposalQueryKey(token),
    queryFn: ({ signal }) => getPublicProposal(token, signal),
  });

export const usePublicProposal = (token: string) => useQuery(publicProposalQueryOptions(token));

/** A plain link: the public PDF needs no token in a header. */
export const publicProposalPdfUrl = (token: string) => `${env.API_URL}/public/proposals/${encodeURIComponent(token)}/pdf`;
