import { useMutation } from '@tanstack/react-query';

import type { SignupAccepted, SignupRequest, TokenPair } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import { useStartSession } from '@/lib/auth';
import { isApiError } from '@/lib/problem';

import { login } from './login';

export const signup = (input: SignupRequest) => api.post<SignupAccepted>('/auth/signup', input, { auth: false });

/**
 * Signs up and, with the same credentials, signs in. The server answers
 * sign-up alike for free and taken addresses (it mails the address
 * instead); when the sign-in then fails, the person finds the next step in
 * their inbox — `null` here.
 */
async function signupAndEnter(input: SignupRequest): Promise<TokenPair | null> {
  await signup(input);
  try {
    return await login({ email: input.email, password: input.password });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useSignup({ onSuccess }: { onSuccess?: () => void } = {}) {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: signupAndEnter,
    onSuccess: (pair) => {
      if (!pair) return;
      startSession(pair);
      onSuccess?.();
    },
  });
}
