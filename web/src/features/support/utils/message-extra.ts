import type { MessageExtra } from '@/lib/api/models';

// `extra` is free-form JSON from the channels; only well-formed parts are shown.

export type Location = { latitude: number; longitude: number; name: string | null; address: string | null };
export type SharedContact = { name: string; phones: string[] };
export type MediaNote = { kind: string; filename: string | null; caption: string | null };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);

export function refusedAttachments(extra: MessageExtra | null | undefined): string[] {
  const list = extra?.refused_attachments;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

export function locationOf(extra: MessageExtra | null | undefined): Location | null {
  const location: unknown = extra?.location;
  if (!isRecord(location)) return null;
  const { latitude, longitude } = location;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  return { latitude, longitude, name: text(location.name), address: text(location.address) };
}

export function contactsOf(extra: MessageExtra | null | undefined): SharedContact[] {
  const contacts: unknown = extra?.contacts;
  if (!Array.isArray(contacts)) return [];
  return contacts.filter(isRecord).map((contact) => ({
    name: text(contact.name) ?? 'Contato',
    phones: Array.isArray(contact.phones) ? contact.phones.filter((phone): phone is string => typeof phone === 'string') : [],
  }));
}

export function mediaOf(extra: MessageExtra | null | undefined): MediaNote[] {
  const media: unknown = extra?.media;
  if (!Array.isArray(media)) return [];
  return media.filter(isRecord).map((item) => ({
    kind: text(item.kind) ?? 'arquivo',
    filename: text(item.filename),
    caption: text(item.caption),
  }));
}

export function templateOf(extra: MessageExtra | null | undefined): { name: string; language: string; params: string[] } | null {
  const template: unknown = extra?.template;
  if (!isRecord(template) || typeof template.name !== 'string') return null;
  return {
    name: template.name,
    language: typeof template.language === 'string' ? template.language : '',
    params: Array.isArray(template.params) ? template.params.filter((param): param is string => typeof param === 'string') : [],
  };
}

/** The customer's choice on a WhatsApp button or list, as text. */
export function interactiveReplyOf(extra: MessageExtra | null | undefined): string | null {
  const reply: unknown = extra?.interactive_reply;
  if (typeof reply === 'string') return text(reply);
  if (isRecord(reply)) return text(reply.title) ?? text(reply.text) ?? text(reply.id);
  return null;
}

export const MEDIA_LABELS: Record<string, string> = {
  image: 'Imagem',
  audio: 'Áudio',
  video: 'Vídeo',
  document: 'Documento',
  sticker: 'Figurinha',
};

/** A link to the place on a map (OpenStreetMap). */
export function mapLink({ latitude, longitude }: Location): string {
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
}
