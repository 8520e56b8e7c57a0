import { Link } from 'react-router';

import { paths } from '@/config/paths';
import type { Channel, TicketView, ViewCounts } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canConfigureSupport } from '@/lib/authorization';

import { ConnectWebchat } from './connect-webchat';

const EMPTY_VIEW: Record<TicketView, string> = {
  mine: 'Nenhum ticket com você. Veja "Sem responsável" para assumir um.',
  unassigned: 'Nenhum ticket esperando um responsável.',
  my_teams: 'Nenhum ticket das suas equipes.',
  all: 'Nenhum ticket por aqui.',
};

/**
 * What an empty inbox (no filters) says to do next: without a channel,
 * connect one (the web chat in one click, for whoever configures support);
 * with channels and nothing open in any view, that plainly; otherwise what
 * is empty in this view. `channels` / `counts` undefined: not known yet.
 */
export function InboxEmptyState({ view, channels, counts }: { view: TicketView; channels?: Channel[]; counts?: ViewCounts }) {
  const { user } = useMe();
  const configures = canConfigureSupport(user.role);
  const hasChannels = channels === undefined || channels.length > 0;
  const nothingOpen = counts !== undefined && counts.mine + counts.unassigned + counts.my_teams + counts.all === 0;

  return (
    <div className="space-y-3 p-6 text-sm text-slate-600">
      {!hasChannels ? (
        <>
          <p className="font-medium text-slate-900">Nenhum canal conectado ainda.</p>
          <p>
            {configures
              ? 'As conversas chegam por um canal. Conecte o chat do site agora e cole o código no seu site, ou conecte WhatsApp e e-mail nas configurações.'
              : 'As conversas chegam por um canal (WhatsApp, e-mail ou o chat do site). Peça a um gerente ou administrador da empresa para conectar um.'}
          </p>
        </>
      ) : nothingOpen ? (
        <>
          <p className="font-medium text-slate-900">Nenhuma conversa em aberto.</p>
          <p>Quando um cliente escrever em um dos canais da empresa, a conversa aparece aqui na hora.</p>
        </>
      ) : (
        <p>{EMPTY_VIEW[view]}</p>
      )}
      {/* In the same place whatever the text: the code of a chat just created stays while the lists refresh. */}
      {configures && <ConnectWebchat connected={hasChannels} />}
      {configures && !hasChannels && (
        <Link to={paths.app.support.settings.channels.getHref()} className="inline-block font-medium text-indigo-800 hover:underline">
          Ver todos os canais
        </Link>
      )}
    </div>
  );
}
