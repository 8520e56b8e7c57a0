import type { Channel } from '@/lib/api/models';

import { widgetSnippet } from '../utils/channel-setup';

import { CopyField } from './copy-field';

/** A web chat's embed code, with "Copiar" and where to paste it (channel settings, the setup guide, the empty inbox). */
export function WebchatSnippet({ channel }: { channel: Pick<Channel, 'id' | 'public_id'> }) {
  return (
    <div className="space-y-2">
      <CopyField id={`snippet-${channel.id}`} label="Código para o site" value={widgetSnippet(channel.public_id, window.location.origin)} multiline />
      <p className="text-xs text-slate-600">Cole antes de &lt;/body&gt; em todas as páginas onde o chat deve aparecer.</p>
    </div>
  );
}
