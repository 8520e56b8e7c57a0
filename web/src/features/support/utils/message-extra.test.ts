import { describe, expect, it } from 'vitest';

import { contactsOf, interactiveReplyOf, locationOf, mapLink, mediaOf, refusedAttachments, templateOf } from './message-extra';

describe('message extra', () => {
  it('reads well-formed parts and ignores the rest', () => {
    const extra = {
      media: [{ kind: 'image', mime_type: 'image/jpeg', filename: null, caption: 'foto' }, 'lixo'],
      location: { latitude: -23.55, longitude: -46.63, name: 'Escritório', address: null },
      contacts: [{ name: 'João', phones: ['+5511988887777', 3] }],
      refused_attachments: ['virus.exe: tipo application/x-msdownload não permitido', 7],
      interactive_reply: { id: 'b1', title: 'Segunda via' },
      template: { name: 'retomar', language: 'pt_BR', params: ['Maria'] },
    };
    expect(mediaOf(extra as never)).toEqual([{ kind: 'image', filename: null, caption: 'foto' }]);
    expect(locationOf(extra as never)).toEqual({ latitude: -23.55, longitude: -46.63, name: 'Escritório', address: null });
    expect(contactsOf(extra as never)).toEqual([{ name: 'João', phones: ['+5511988887777'] }]);
    expect(refusedAttachments(extra as never)).toEqual(['virus.exe: tipo application/x-msdownload não permitido']);
    expect(interactiveReplyOf(extra as never)).toBe('Segunda via');
    expect(templateOf(extra as never)).toEqual({ name: 'retomar', language: 'pt_BR', params: ['Maria'] });
  });

  it('is empty for nothing or garbage', () => {
    expect(locationOf({ location: { latitude: 'x' } } as never)).toBeNull();
    expect(locationOf(undefined)).toBeNull();
    expect(contactsOf({ contacts: 'x' } as never)).toEqual([]);
    expect(refusedAttachments(null)).toEqual([]);
    expect(templateOf({})).toBeNull();
  });

  it('links a location to a map', () => {
    expect(mapLink({ latitude: -23.5, longitude: -46.6, name: null, address: null })).toContain('mlat=-23.5&mlon=-46.6');
  });
});
