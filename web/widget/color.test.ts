import { describe, expect, it } from 'vitest';

import { brandColor, textOn } from './color';

describe('brand colour', () => {
  it('accepts hex colours only', () => {
    expect(brandColor('#10b981')).toBe('#10b981');
    expect(brandColor('#FFF')).toBe('#FFF');
    expect(brandColor('red;} body{display:none')).toBe('#2563eb');
    expect(brandColor('#12345678')).toBe('#2563eb');
    expect(brandColor(undefined)).toBe('#2563eb');
  });

  it('picks readable text', () => {
    expect(textOn('#2563eb')).toBe('#ffffff');
    expect(textOn('#000000')).toBe('#ffffff');
    expect(textOn('#facc15')).toBe('#111111');
    expect(textOn('#fff')).toBe('#111111');
  });
});
