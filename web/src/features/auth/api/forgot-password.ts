import { useMutation } from '@tanstack/react-query';

import type { ForgotPasswordRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

// Always 202: the answer never tells whether the e-mail has an account.
export const forgotPassword = (input: ForgotPasswordRequest) =>
  api.post<void>('/auth/forgot-password', input, { auth: false });

export const useForgotPassword = () => useMutation({ mutationFn: forgotPassword });
