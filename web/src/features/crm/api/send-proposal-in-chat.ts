import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Message, ProposalInChatRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customersQueryKey } from './get-customers';
import { proposalsQueryKey } from './get-proposals';

/**
 * "Enviar no chat": the server publishes a new public link of the proposal
 * (the previous one stops working) and sends it into the conversation
 * through its channel; answers the message it queued (201), shown as a card.
 * Past WhatsApp's 24-hour window the channel's approved template goes
 * (`config.templates.proposal`); 409 when the ticket is closed or, past the
 * window, the channel names none (the detail says so, in Portuguese);
 * 422 on `proposal_id` (another customer's, not found) or `valid_until`.
 */
export const sendProposalInChat = ({ ticketId, proposalId }: { ticketId: string; proposalId: string }) => {
  const body: ProposalInChatRequest = { proposal_id: proposalId };
  return api.post<Message>(`/tickets/${ticketId}/proposals`, body);
};

export function useSendProposalInChat() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendProposalInChat,
    onSuccess: () => {
      // Sent now (a draft), linked to the conversation, and a new revision.
      void queryClient.invalidateQueries({ queryKey: proposalsQueryKey });
      void queryClient.invalidateQueries({ queryKey: [...customersQueryKey, 'timeline'] });
    },
  });
}
