import type { Channel, SaveChannelRequest } from '@/lib/api/models';

// What an administrator pastes into a provider or a site for a channel.

/**
 * A new web chat's settings until someone changes them (the channel form
 * starts from these too; the server reads a missing key the same way). No
 * title: the widget then shows the company's name.
 */
export const WEBCHAT_DEFAULTS = {
  greeting: 'Olá! Como podemos ajudar?',
  color: '#2563eb',
  prechat: false,
  position: 'right',
  offset_x: 20,
  offset_y: 20,
  show_agent_name: false,
  offline_notice: true,
  offline_message: 'Estamos fora do horário de atendimento. Deixe sua mensagem: respondemos assim que voltarmos.',
} as const;

/** How far from the page's side and bottom edges the widget may sit, in px. */
export const WEBCHAT_OFFSET_MAX = 400;

/** The web chat created in one click (the setup guide, the empty inbox): the defaults, for any team. */
export function quickWebchatRequest(): SaveChannelRequest {
  return { kind: 'webchat', name: 'Chat do site', config: { ...WEBCHAT_DEFAULTS }, secrets: {}, enabled: true, team_id: null };
}

/** The snippet a site pastes before </body> to show the web chat. */
export function widgetSnippet(publicId: string, origin: string): string {
  return `<script src="${origin}/widget.js" data-channel="${publicId}" async></script>`;
}

/** Where a forwarder or SendGrid Inbound Parse posts the e-mails: the webhook URL with the channel's token. */
export function emailInboundUrl(channel: Pick<Channel, 'webhook_url' | 'inbound_secret'>): string | null {
  if (!channel.webhook_url) return null;
  const token = channel.inbound_secret;
  return token && !isMaskedSecret(token) ? `${channel.webhook_url}?token=${encodeURIComponent(token)}` : channel.webhook_url;
}

/** Roles below admin get only the last 4 characters of a channel's inbound token. */
export function isMaskedSecret(value: string): boolean {
  return value.startsWith('••••');
}
