import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';

import { setSessionExpiredHandler } from '@/lib/api-client';
import { createQueryClient } from '@/lib/query-client';
import { useSession } from '@/lib/session';

import { RealtimeBridge } from './realtime-bridge';

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);

  useEffect(() => {
    // The refresh token is gone or refused: forget the session and its data.
    // The protected routes see `hasSession` turn false and send the user to /entrar.
    setSessionExpiredHandler(() => {
      useSession.getState().clear();
      queryClient.clear();
    });
  }, [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <RealtimeBridge />
      {children}
    </QueryClientProvider>
  );
}
