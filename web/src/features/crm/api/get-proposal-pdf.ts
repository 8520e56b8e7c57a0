import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { proposalQueryKey } from './get-proposal';

// The PDF needs the bearer token, so it cannot be a plain link: fetch it as a
// blob and show it through an object URL. Only the latest URL is kept alive.
let currentPdfUrl: string | null = null;

export const getProposalPdf = (id: string, signal?: AbortSignal) =>
  api.get<Blob>(`/proposals/${id}/pdf`, { responseType: 'blob', signal });

async function getProposalPdfUrl(id: string, signal: AbortSignal): Promise<string> {
  const blob = await getProposalPdf(id, signal);
  const url = URL.createObjectURL(blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }));
  if (currentPdfUrl) URL.revokeObjectURL(currentPdfUrl);
  currentPdfUrl = url;
  return url;
}

/** Keyed by `version`: after a save or a send the next preview is rendered again. */
export const proposalPdfQueryOptions = (id: string, version: number) =>
  queryOptions({
    queryKey: [...proposalQueryKey(id), 'pdf', version],
    queryFn: ({ signal }) => getProposalPdfUrl(id, signal),
    staleTime: Infinity,
    gcTime: 0,
  });

export const useProposalPdfUrl = (id: string, version: number, enabled = true) =>
  useQuery({ ...proposalPdfQueryOptions(id, version), enabled });
