import { describe, it, expect } from 'vitest';
import { findBwbAndJci, formatJci, isBwbId, parseJciParams } from './bwb.js';

// Strings from reference.md §5.2 (BWB ids, Juriconnect) and §5.3 (LiDO output).

/** Span of the first occurrence of `part` in `text`. */
function spanOf(text: string, part: string): { start: number; end: number } {
  const start = text.indexOf(part);
  return { start, end: start + part.length };
}

describe('findBwbAndJci', () => {
  it('finds bare BWB ids (Woo, Wob, a treaty)', () => {
    const text = 'de Woo (BWBR0045754) verving de Wob (BWBR0005252); verdrag BWBV0001000.';
    expect(findBwbAndJci(text)).toEqual([
      { type: 'bwb', text: 'BWBR0045754', normalized: 'BWBR0045754', span: spanOf(text, 'BWBR0045754'), parts: { bwb: 'BWBR0045754' } },
      { type: 'bwb', text: 'BWBR0005252', normalized: 'BWBR0005252', span: spanOf(text, 'BWBR0005252'), parts: { bwb: 'BWBR0005252' } },
      { type: 'bwb', text: 'BWBV0001000', normalized: 'BWBV0001000', span: spanOf(text, 'BWBV0001000'), parts: { bwb: 'BWBV0001000' } },
    ]);
  });

  it('finds a BWB id in a wetten.overheid.nl URL', () => {
    const text = 'https://wetten.overheid.nl/BWBR0045754/2024-01-01#Hoofdstuk5_Artikel5.1';
    expect(findBwbAndJci(text).map((f) => f.normalized)).toEqual(['BWBR0045754']);
  });

  it('reads a Juriconnect reference with its parts, BWB id not reported twice', () => {
    const jci = 'jci1.3:c:BWBR0045754&hoofdstuk=5&artikel=5.1&lid=2&onderdeel=e';
    const text = `Zie ${jci}.`;
    expect(findBwbAndJci(text)).toEqual([
      {
        type: 'jci',
        text: jci,
        normalized: jci,
        span: { start: 4, end: 4 + jci.length },
        parts: { hoofdstuk: '5', artikel: '5.1', lid: '2', onderdeel: 'e', version: '1.3', kind: 'c', bwb: 'BWBR0045754' },
      },
    ]);
  });

  it('reads a JCI inside a wetten.overheid.nl URL, with view and validity dates (LiDO link_ref)', () => {
    const jci = 'jci1.3:c:BWBR0005288&boek=5&titeldeel=1&artikel=1&z=2024-01-01&g=2024-01-01';
    const text = `https://wetten.overheid.nl/${jci}`;
    const [found] = findBwbAndJci(text);
    expect(found?.span).toEqual({ start: 27, end: text.length });
    expect(found?.parts).toMatchObject({ boek: '5', artikel: '1', z: '2024-01-01', g: '2024-01-01' });
  });

  it('decodes &amp; from HTML copies', () => {
    const [found] = findBwbAndJci('jci1.3:c:BWBR0045754&amp;artikel=5.1&amp;lid=2');
    expect(found?.normalized).toBe('jci1.3:c:BWBR0045754&artikel=5.1&lid=2');
  });

  it('does not take longer digit runs or glued text', () => {
    expect(findBwbAndJci('BWBR00457540')).toEqual([]);
    expect(findBwbAndJci('BWBR004575')).toEqual([]);
    expect(findBwbAndJci('XBWBR0045754')).toEqual([]);
    expect(findBwbAndJci('versie: 1.3.1')).toEqual([]); // reference.md §8.2b negative 57
  });
});

describe('helpers', () => {
  it('isBwbId', () => {
    expect(isBwbId('BWBR0045754')).toBe(true);
    expect(isBwbId('BWBX0045754')).toBe(false);
  });

  it('parseJciParams and formatJci', () => {
    const params = parseJciParams('&artikel=5.1&lid=2');
    expect(params).toEqual([
      ['artikel', '5.1'],
      ['lid', '2'],
    ]);
    expect(formatJci({ version: '1.3', kind: 'c', bwb: 'BWBR0045754', params })).toBe('jci1.3:c:BWBR0045754&artikel=5.1&lid=2');
  });
});
