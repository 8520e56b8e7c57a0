import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { Company } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { companyQueryKey } from './get-company';

export const LOGO_MAX_BYTES = 1024 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

// The logo needs the bearer token, so an <img src="/api/..."> cannot load it:
// fetch it as a blob and show it through an object URL. Only the latest URL is
// kept alive; the previous one is released when a new logo arrives.
let currentLogoUrl: string | null = null;

async function getCompanyLogoUrl(signal: AbortSignal): Promise<string> {
  const blob = await api.get<Blob>('/company/logo', { responseType: 'blob', signal });
  const url = URL.createObjectURL(blob);
  if (currentLogoUrl) URL.revokeObjectURL(currentLogoUrl);
  currentLogoUrl = url;
  return url;
}

/** Keyed by `updated_at`, so a changed company fetches the logo again. */
export const companyLogoQueryOptions = (version: string) =>
  queryOptions({
    queryKey: [...companyQueryKey, 'logo', version],
    queryFn: ({ signal }) => getCompanyLogoUrl(signal),
    staleTime: Infinity,
    gcTime: 0,
  });

export const useCompanyLogo = (company: Pick<Company, 'has_logo' | 'updated_at'>) =>
  useQuery({ ...companyLogoQueryOptions(company.updated_at), enabled: company.has_logo });

export const uploadCompanyLogo = (file: File) =>
  api.put<Company>('/company/logo', undefined, { body: file, contentType: file.type });

export const deleteCompanyLogo = () => api.delete('/company/logo');

export function useUploadCompanyLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadCompanyLogo,
    onSuccess: (company) => queryClient.setQueryData(companyQueryKey, company),
  });
}

export function useDeleteCompanyLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCompanyLogo,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companyQueryKey }),
  });
}
