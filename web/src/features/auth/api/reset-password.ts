import { useMutation } from '@tanstack/react-query';

import type { ResetPasswordRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const resetPassword = (input: ResetPasswordRequest) =>
  api.post<void>('/auth/reset-password', input, { auth: false });

export const useResetPassword = () => useMutation({ mutationFn: resetPassword });
