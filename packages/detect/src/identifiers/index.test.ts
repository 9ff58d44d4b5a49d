import { describe, it, expect } from 'vitest';
import type { Identifier } from '@lakmoes/schema';
import { findIdentifiers, resolveOverlaps } from './index.js';

describe('findIdentifiers', () => {
  it('reads a letter head and body in text order (shape of the WooIR/Amsterdam letters)', () => {
    const text = [
      'Datum 22 januari 2021',
      'Ons kenmerk Z/20/43456',
      'Geachte,',
      'Bij brief van 4 december 2020 heeft u verzocht (zie ook ECLI:NL:RVS:2019:795 en',
      'Kamerstukken II 2020/21, 35112, nr. 5; de Woo, BWBR0045754; Stcrt. 2024, 30890).',
    ].join('\n');
    expect(findIdentifiers(text).map((i) => [i.type, i.normalized])).toEqual([
      ['date', '2021-01-22'],
      ['kenmerk', 'Z/20/43456'],
      ['date', '2020-12-04'],
      ['ecli', 'ECLI:NL:RVS:2019:795'],
      ['kamerstuk', 'kst-35112-5'],
      ['bwb', 'BWBR0045754'],
      ['staatscourant', 'stcrt-2024-30890'],
    ]);
  });

  it('reports a JCI once: not its BWB id, not its z/g dates', () => {
    const text = 'https://wetten.overheid.nl/jci1.3:c:BWBR0005288&boek=5&artikel=1&z=2024-01-01&g=2024-01-01 ';
    expect(findIdentifiers(text).map((i) => i.type)).toEqual(['jci']);
  });

  it('prefers a labelled kenmerk over a date-shaped value', () => {
    const found = findIdentifiers('Kenmerk 12-03-2024');
    expect(found.map((i) => i.type)).toEqual(['kenmerk']);
  });

  it('returns spans that slice back to the text', () => {
    const text = 'Onze referentie\nWOB/2021/222\n(Kamerstuk 35\n510, nr. 2) stb-2018-401 ADI:NL:gm0363:2024:17 op 1 mei 2022.';
    const found = findIdentifiers(text);
    expect(found).toHaveLength(5);
    for (const f of found) expect(text.slice(f.span.start, f.span.end)).toBe(f.text);
  });

  it('is empty for text without identifiers', () => {
    expect(findIdentifiers('')).toEqual([]);
    expect(findIdentifiers('5.1 Inleiding 44\nArt. 10.2.e Wob; 10.30 uur; € 5.125')).toEqual([]);
  });
});

describe('resolveOverlaps', () => {
  const at = (type: Identifier['type'], start: number, end: number): Identifier => ({
    type,
    text: 'x'.repeat(end - start),
    normalized: '',
    span: { start, end },
  });

  it('keeps the earliest, then the longest, then the most specific', () => {
    const kept = resolveOverlaps([at('date', 5, 15), at('jci', 0, 20), at('kenmerk', 30, 40), at('date', 30, 40), at('bwb', 45, 50)]);
    expect(kept.map((k) => [k.type, k.span.start])).toEqual([
      ['jci', 0],
      ['kenmerk', 30],
      ['bwb', 45],
    ]);
  });
});
