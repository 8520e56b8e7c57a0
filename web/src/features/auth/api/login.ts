import { useMutation } from '@tanstack/react-query';

import type { LoginRequest, TokenPair } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import { useStartSession } from '@/lib/auth';

export const login = (input: LoginRequest) => api.post<TokenPair>('/auth/login', input, { auth: false });

export function useLogin({ onSuccess }: { onSuccess?: () => void } = {}) {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: login,
    onSuccess: (pair) => {
      startSession(pair);
      onSuccess?.();
    },
  });
}
