import { describe, expect, it } from 'vitest';

import { findTrigger, fold, replaceTrigger, resolveMentions } from './triggers';

describe('findTrigger', () => {
  it('finds "/" at the start of the text and after a space, up to the caret', () => {
    expect(findTrigger('/boas', 5, '/')).toEqual({ char: '/', start: 0, end: 5, query: 'boas' });
    expect(findTrigger('Olá /bo', 7, '/')).toEqual({ char: '/', start: 4, end: 7, query: 'bo' });
    expect(findTrigger('Olá\n/', 5, '/')).toEqual({ char: '/', start: 4, end: 5, query: '' });
  });

  it('reads only what is before the caret', () => {
    expect(findTrigger('/boas-vindas e mais', 3, '/')).toEqual({ char: '/', start: 0, end: 3, query: 'bo' });
  });

  it('ignores slashes inside words, URLs, dates and after a space was typed', () => {
    expect(findTrigger('e/ou', 4, '/')).toBeNull();
    expect(findTrigger('veja https://x.com/a', 20, '/')).toBeNull();
    expect(findTrigger('dia 03/11', 9, '/')).toBeNull();
    expect(findTrigger('/boas vindas', 12, '/')).toBeNull();
    expect(findTrigger('sem gatilho', 11, '/')).toBeNull();
  });

  it('accepts only what a shortcut may contain', () => {
    expect(findTrigger('/2a_via-boleto', 14, '/')?.query).toBe('2a_via-boleto');
    expect(findTrigger('/ação', 5, '/')).toBeNull();
  });

  it('finds "@" with accented names', () => {
    expect(findTrigger('fala com @Jo', 12, '@')).toEqual({ char: '@', start: 9, end: 12, query: 'Jo' });
    expect(findTrigger('@Conceição', 10, '@')?.query).toBe('Conceição');
    expect(findTrigger('mail@empresa', 12, '@')).toBeNull();
  });

  it('is null for a caret out of range', () => {
    expect(findTrigger('/a', 5, '/')).toBeNull();
    expect(findTrigger('/a', -1, '/')).toBeNull();
  });
});

describe('replaceTrigger', () => {
  it('replaces the typed shortcut with the text and puts the caret after it', () => {
    const text = 'Oi! /boas e tchau';
    const trigger = findTrigger(text, 9, '/');
    expect(trigger).not.toBeNull();
    const result = replaceTrigger(text, trigger!, 'Olá, Maria!');
    expect(result).toEqual({ text: 'Oi! Olá, Maria! e tchau', caret: 15 });
  });
});

describe('resolveMentions', () => {
  it('keeps the people whose @name is still in the text, once', () => {
    const picked = [
      { id: 'u1', name: 'Ana Souza' },
      { id: 'u2', name: 'João' },
      { id: 'u1', name: 'Ana Souza' },
    ];
    expect(resolveMentions('@Ana Souza pode ver?', picked)).toEqual(['u1']);
    expect(resolveMentions('@João e @Ana Souza', picked)).toEqual(['u1', 'u2']);
    expect(resolveMentions('ninguém', picked)).toEqual([]);
  });
});

describe('fold', () => {
  it('ignores case and accents', () => {
    expect(fold('Conceição ÁGUA')).toBe('conceicao agua');
  });
});
