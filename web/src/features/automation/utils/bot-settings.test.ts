import { describe, expect, it } from 'vitest';

import { botFormPath, nextMenuAction, toBotFormValues, toBotSettings } from './bot-settings';
import { makeBotSettings } from './test-fixtures';

describe('bot settings ↔ form values', () => {
  it('round-trips the settings, "Manter na fila atual" being no team', () => {
    const settings = makeBotSettings({ faq: [{ question: 'Qual o horário?', answer: 'Das 8h às 18h.' }] });
    const values = toBotFormValues(settings);
    expect(values.handover_team_id).toBe('');
    expect(toBotSettings(values)).toEqual(settings);
    expect(toBotSettings({ ...values, handover_team_id: 't1' }).handover_team_id).toBe('t1');
  });

  it('keeps only the channels the bot answers on, in a fixed order', () => {
    const values = toBotFormValues(makeBotSettings({ channels: ['email', 'webchat', 'whatsapp'] }));
    expect(values.channels).toEqual(['webchat', 'whatsapp']);
    expect(toBotSettings(values).channels).toEqual(['whatsapp', 'webchat']);
    // A checkbox group with nothing ticked.
    expect(toBotSettings({ ...values, channels: false as unknown as [] }).channels).toEqual([]);
  });

  it('sends the misunderstandings as a number whatever the select gave', () => {
    const values = toBotFormValues(makeBotSettings());
    expect(toBotSettings({ ...values, max_misunderstandings: '4' as unknown as number }).max_misunderstandings).toBe(4);
  });
});

describe('botFormPath', () => {
  it('puts a whole list’s error on its root and leaves the others as they are', () => {
    expect(botFormPath('menu')).toBe('menu.root');
    expect(botFormPath('faq')).toBe('faq.root');
    expect(botFormPath('menu.1.label')).toBe('menu.1.label');
    expect(botFormPath('greeting')).toBe('greeting');
  });
});

describe('nextMenuAction', () => {
  it('offers the first action the menu lacks, and none once all six are there', () => {
    expect(nextMenuAction([{ action: 'human' }])).toBe('invoices');
    expect(nextMenuAction([{ action: 'invoices' }, { action: 'human' }])).toBe('payments');
    expect(nextMenuAction([{ action: 'invoices' }, { action: 'payments' }, { action: 'human' }])).toBe('tickets');
    // The default menu leaves out the proposals, which a company adds when it sends them.
    expect(nextMenuAction(makeBotSettings().menu)).toBe('proposals');
    expect(nextMenuAction([...makeBotSettings().menu, { action: 'proposals' }])).toBeNull();
  });
});
