import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { FinanceSettings, UpdateFinanceSettings } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { financeQueryKey, financeSettingsQueryKey } from './query-keys';

export const getFinanceSettings = (signal?: AbortSignal) => api.get<FinanceSettings>('/finance/settings', { signal });

export const financeSettingsQueryOptions = () =>
  queryOptions({ queryKey: financeSettingsQueryKey, queryFn: ({ signal }) => getFinanceSettings(signal) });

export const useFinanceSettings = () => useQuery(financeSettingsQueryOptions());

/** Only what is sent changes; `pix_key: ""` removes the key. Owner, admin and finance. */
export const updateFinanceSettings = (input: UpdateFinanceSettings) => api.patch<FinanceSettings>('/finance/settings', input);

export function useUpdateFinanceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateFinanceSettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(financeSettingsQueryKey, settings);
      // Fees and PIX codes are computed with these settings.
      void queryClient.invalidateQueries({ queryKey: [...financeQueryKey, 'invoices'] });
    },
  });
}
