import { useMutation } from '@tanstack/react-query';

import type { SignupRequest, TokenPair } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import { useStartSession } from '@/lib/auth';

export const signup = (input: SignupRequest) => api.post<TokenPair>('/auth/signup', input, { auth: false });

export function useSignup({ onSuccess }: { onSuccess?: () => void } = {}) {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: signup,
    onSuccess: (pair) => {
      startSession(pair);
      onSuccess?.();
    },
  });
}
