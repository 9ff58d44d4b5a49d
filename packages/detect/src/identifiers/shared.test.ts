import { describe, it, expect } from 'vitest';
import { gluedAfter, gluedBefore, letterRunStart, previousWordStart, stripSpaces, trailingDots } from './shared.js';

describe('shared helpers', () => {
  it('gluedBefore / gluedAfter look at ASCII letters and digits only', () => {
    expect(gluedBefore('XECLI', 1)).toBe(true);
    expect(gluedBefore('(ECLI', 1)).toBe(false);
    expect(gluedBefore('ECLI', 0)).toBe(false);
    expect(gluedAfter('2024a', 4)).toBe(true);
    expect(gluedAfter('2024.', 4)).toBe(false);
    expect(gluedAfter('2024', 4)).toBe(false);
  });

  it('letterRunStart and previousWordStart find label starts from a hit', () => {
    const text = 'zie Ons  kenmerk';
    const hit = text.indexOf('enmerk');
    const word = letterRunStart(text, hit);
    expect(text.slice(word)).toBe('kenmerk');
    expect(text.slice(previousWordStart(text, word))).toBe('Ons  kenmerk');
    expect(previousWordStart('(kenmerk', 1)).toBe(-1);
    expect(previousWordStart('Ons     kenmerk', 8)).toBe(-1); // more than three blanks apart
  });

  it('trailingDots and stripSpaces', () => {
    expect(trailingDots('5.1..')).toBe(2);
    expect(trailingDots('5.1')).toBe(0);
    expect(stripSpaces('33 328\n')).toBe('33328');
  });
});
