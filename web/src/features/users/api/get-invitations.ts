import { queryOptions, useQuery } from '@tanstack/react-query';

import type { InvitationPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const invitationsQueryKey = ['invitations'] as const;

export const getInvitations = (signal?: AbortSignal) => api.get<InvitationPage>('/invitations', { signal });

export const invitationsQueryOptions = () =>
  queryOptions({ queryKey: invitationsQueryKey, queryFn: ({ signal }) => getInvitations(signal) });

export const useInvitations = () => useQuery(invitationsQueryOptions());
