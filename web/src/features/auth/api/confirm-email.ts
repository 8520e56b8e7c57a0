import { useMutation } from '@tanstack/react-query';

import type { ConfirmEmailRequest, TokenPair } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import { useStartSession } from '@/lib/auth';

export const confirmEmail = (input: ConfirmEmailRequest) =>
  api.post<TokenPair>('/auth/confirm-email', input, { auth: false });

/** Confirms the sign-up address with the e-mailed link, which also signs in. */
export function useConfirmEmail({ onSuccess }: { onSuccess?: () => void } = {}) {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: confirmEmail,
    onSuccess: (pair) => {
      startSession(pair);
      onSuccess?.();
    },
  });
}
