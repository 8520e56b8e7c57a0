import { StatusPill } from '@/components/log-table';
import type { TicketBot } from '@/lib/api/models';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useTicketBot } from '../api/bot';

import { botStepLabel, botStepStyle } from './labels';
import { PanelSection } from './panel-section';

const TITLE = 'Bot IA';

/** The bot's state on the ticket: its step, what it solved, why it handed over and what it did. */
function TicketBotView({ bot, step }: { bot: TicketBot; step: string }) {
  return (
    <>
      <p className="flex flex-wrap items-center gap-1">
        <StatusPill className={botStepStyle(step)}>{botStepLabel(step)}</StatusPill>
        {bot.resolved && <StatusPill className="bg-emerald-100 text-emerald-800">Resolveu sozinho</StatusPill>}
        {bot.identified && <StatusPill className="bg-slate-100 text-slate-700">CPF/CNPJ conferido</StatusPill>}
      </p>
      {bot.handover_reason && (
        <dl className="text-sm">
          <dt className="text-xs text-slate-500">Motivo da transferência</dt>
          <dd className="text-slate-800">{bot.handover_reason}</dd>
        </dl>
      )}
      {bot.log.length > 0 && (
        <ul aria-label="O que o bot fez" className="list-disc space-y-0.5 pl-4 text-sm text-slate-800">
          {bot.log.map((line, i) => (
            <li key={`${i}-${line}`}>{line}</li>
          ))}
        </ul>
      )}
      {bot.updated_at && <p className="text-xs text-slate-500">Atualizado em {formatDateTime(bot.updated_at)}</p>}
    </>
  );
}

/**
 * "Bot IA", only on tickets the bot answered. Read again when the ticket's
 * messages change (api/messages.ts, api/live-updates.ts): the bot's
 * replies, its handover note and the team's own replies.
 */
export function TicketBotSection({ ticketId }: { ticketId: string }) {
  const bot = useTicketBot(ticketId);
  if (bot.isError) {
    return (
      <PanelSection title={TITLE}>
        <p className="text-xs text-red-700">{problemMessage(bot.error)}</p>
      </PanelSection>
    );
  }
  const step = bot.data?.step;
  if (!bot.data || !step) return null;
  return (
    <PanelSection title={TITLE}>
      <TicketBotView bot={bot.data} step={step} />
    </PanelSection>
  );
}
