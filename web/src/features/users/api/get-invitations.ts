import { queryOptions, useQuery } from '@tanstack/react-query';

import type { InvitationPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const invitationsQueryKey = ['invitations'] as const;

export const getInvitations = () => api.get<InvitationPage>('/invitations');

export const invitationsQueryOptions = () =>
  queryOptions({ queryKey: invitationsQueryKey, queryFn: getInvitations });

export const useInvitations = () => useQuery(invitationsQueryOptions());
