import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { Channel } from '@/lib/api/models';
import { problemMessage } from '@/lib/problem';

import { useCreateChannel } from '../api/channels';
import { quickWebchatRequest } from '../utils/channel-setup';

import { WebchatSnippet } from './webchat-snippet';

/**
 * "Conectar o chat do site" in one click: creates a web chat with the
 * default look and shows its code to paste. `connected` (the company has a
 * channel) hides the button; the code of a chat created here stays on screen,
 * so keep this mounted while the channels list refreshes.
 */
export function ConnectWebchat({ connected }: { connected: boolean }) {
  const create = useCreateChannel();
  const [created, setCreated] = useState<Channel | null>(null);

  if (created) {
    return (
      <div className="space-y-3">
        <Alert tone="success" title="Chat do site conectado">
          Cole o código abaixo no seu site: as conversas dos visitantes chegam no Atendimento.
        </Alert>
        <WebchatSnippet channel={created} />
      </div>
    );
  }
  if (connected) return null;
  return (
    <div className="space-y-2">
      <Button size="sm" isLoading={create.isPending} onClick={() => create.mutate(quickWebchatRequest(), { onSuccess: setCreated })}>
        Conectar o chat do site
      </Button>
      {create.isError && <Alert title="Não foi possível conectar o chat do site">{problemMessage(create.error)}</Alert>}
    </div>
  );
}
