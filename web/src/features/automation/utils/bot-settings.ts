import type { BotAction, BotFaqEntry, BotSettings } from '@/lib/api/models';

/** The channels the bot answers on (the API refuses the others). */
export const BOT_CHANNELS = ['whatsapp', 'webchat'] as const;
export type BotChannel = (typeof BOT_CHANNELS)[number];

/** Every menu action, in the order a new option picks them. */
export const BOT_ACTIONS: readonly BotAction[] = ['invoices', 'payments', 'tickets', 'proposals', 'faq', 'human'];

/** The server's bounds (support::bot::http::check). */
export const BOT_LIMITS = { menu: 9, faq: 50, label: 60, question: 200, answer: 2000, greeting: 1000 } as const;
export const MISUNDERSTANDINGS = [1, 2, 3, 4, 5] as const;

/** The form's values: the settings as edited, `''` for "Manter na fila atual". */
export type BotFormValues = Omit<BotSettings, 'channels' | 'handover_team_id' | 'faq'> & {
  channels: BotChannel[];
  faq: BotFaqEntry[];
  handover_team_id: string;
};

/** The form's fields, for the server's field errors (`menu[1].label` lands on its input). */
export const BOT_FIELDS = ['enabled', 'channels', 'greeting', 'menu', 'faq', 'handover_team_id', 'max_misunderstandings'] as const;

const isBotChannel = (kind: string): kind is BotChannel => (BOT_CHANNELS as readonly string[]).includes(kind);

export function toBotFormValues(settings: BotSettings): BotFormValues {
  return {
    enabled: settings.enabled,
    channels: settings.channels.filter(isBotChannel),
    greeting: settings.greeting,
    menu: settings.menu.map((option) => ({ ...option })),
    faq: (settings.faq ?? []).map((entry) => ({ ...entry })),
    handover_team_id: settings.handover_team_id ?? '',
    max_misunderstandings: settings.max_misunderstandings,
  };
}

/** What PUT /bot/settings and the preview take; the server trims the texts. */
export function toBotSettings(values: BotFormValues): BotSettings {
  return {
    enabled: values.enabled,
    // A checkbox group unticked to nothing may come back as `false`.
    channels: Array.isArray(values.channels) ? BOT_CHANNELS.filter((channel) => values.channels.includes(channel)) : [],
    greeting: values.greeting,
    menu: values.menu.map(({ label, action }) => ({ label, action })),
    faq: values.faq.map(({ question, answer }) => ({ question, answer })),
    handover_team_id: values.handover_team_id || null,
    max_misunderstandings: Number(values.max_misunderstandings),
  };
}

/**
 * A server field path as the form names it: a whole list's error ("menu",
 * "faq") goes to the list's `root`, so it does not overwrite its rows'.
 */
export const botFormPath = (path: string) => (path === 'menu' || path === 'faq' ? `${path}.root` : path);

/** The action a new menu option gets: the first one the menu lacks (each appears once), or none left. */
export function nextMenuAction(menu: readonly { action: BotAction }[]): BotAction | null {
  return BOT_ACTIONS.find((action) => !menu.some((option) => option.action === action)) ?? null;
}
