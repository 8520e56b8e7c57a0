import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { BotPreview, BotPreviewRequest, BotSettings } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { automationQueryKey } from './flows';

export const botSettingsQueryKey = [...automationQueryKey, 'bot'] as const;

/** The company's service bot; the defaults (switched off) until it is first saved. */
export const getBotSettings = (signal?: AbortSignal) => api.get<BotSettings>('/bot/settings', { signal });

export const botSettingsQueryOptions = () => queryOptions({ queryKey: botSettingsQueryKey, queryFn: ({ signal }) => getBotSettings(signal) });

export const useBotSettings = () => useQuery(botSettingsQueryOptions());

/** Replaces the whole settings; on takes effect with the next customer message. */
export const saveBotSettings = (input: BotSettings) => api.put<BotSettings>('/bot/settings', input);

export function useSaveBotSettings() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: saveBotSettings, onSuccess: (saved) => queryClient.setQueryData(botSettingsQueryKey, saved) });
}

/**
 * What the bot would answer to these customer messages, in order, with the
 * given (unsaved) settings, over example invoices and tickets; nothing is
 * read from customers, stored or sent.
 */
export const previewBot = (input: BotPreviewRequest) => api.post<BotPreview>('/bot/preview', input);

export const usePreviewBot = () => useMutation({ mutationFn: previewBot });
