import { describe, expect, it } from 'vitest';

import { emailInboundUrl, widgetSnippet } from './channel-setup';

describe('channel setup values', () => {
  it('builds the web-chat snippet', () => {
    expect(widgetSnippet('t1.c1', 'https://app.conectcrm.com.br')).toBe(
      '<script src="https://app.conectcrm.com.br/widget.js" data-channel="t1.c1" async></script>',
    );
  });

  it('adds the inbound token to the e-mail webhook URL', () => {
    expect(emailInboundUrl({ webhook_url: 'https://x/hooks/email/t.c', inbound_secret: 'abc123' })).toBe('https://x/hooks/email/t.c?token=abc123');
    expect(emailInboundUrl({ webhook_url: 'https://x/hooks/email/t.c', inbound_secret: null })).toBe('https://x/hooks/email/t.c');
    expect(emailInboundUrl({ webhook_url: null, inbound_secret: null })).toBeNull();
  });

  it('never puts a masked token (roles below admin) in the URL', () => {
    expect(emailInboundUrl({ webhook_url: 'https://x/hooks/email/t.c', inbound_secret: '••••c123' })).toBe('https://x/hooks/email/t.c');
  });
});
