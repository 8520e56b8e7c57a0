import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';

import type { AttachmentInfo } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import { saveBlob } from '@/lib/download';

import { attachmentQueryKey } from './query-keys';

/** The file, fetched with the bearer (a plain link would have no token). */
export const getAttachment = ({ ticketId, attachmentId, signal }: { ticketId: string; attachmentId: string; signal?: AbortSignal }) =>
  api.get<Blob>(`/tickets/${ticketId}/attachments/${attachmentId}`, { responseType: 'blob', signal });

export const attachmentQueryOptions = (ticketId: string, attachmentId: string) =>
  queryOptions({
    queryKey: attachmentQueryKey(ticketId, attachmentId),
    queryFn: ({ signal }) => getAttachment({ ticketId, attachmentId, signal }),
    staleTime: Infinity,
    gcTime: 2 * 60_000,
  });

/** For image previews: the blob, while the message is on screen. */
export const useAttachmentBlob = (ticketId: string, attachmentId: string, enabled = true) =>
  useQuery({ ...attachmentQueryOptions(ticketId, attachmentId), enabled });

export function useDownloadAttachment(ticketId: string) {
  return useMutation({
    mutationFn: async (attachment: AttachmentInfo) => {
      const blob = await getAttachment({ ticketId, attachmentId: attachment.id });
      saveBlob(blob, attachment.filename);
    },
  });
}
