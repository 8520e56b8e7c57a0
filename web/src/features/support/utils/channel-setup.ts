import type { Channel, SaveChannelRequest } from '@/lib/api/models';

// What an administrator pastes into a provider or a site for a channel.

/** A new web chat's look until someone changes it (the channel form starts from these too). */
export const WEBCHAT_DEFAULTS = { greeting: 'Olá! Como podemos ajudar?', color: '#2563eb', prechat: false } as const;

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
