import { describe, expect, it } from 'vitest';
import { sentenceAround, sentenceLookup, splitSentences } from './sentences.js';

const texts = (t: string): string[] => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('Dutch sentence boundaries', () => {
  it('survives legal abbreviations (art., o.a., d.d., nr., jo., r.o., Mr. J.)', () => {
    // the 9-sentence paragraph of ENGINEERING-NOTES §7, rebuilt from its description
    const t = [
      'Op grond van art. 5.1, tweede lid, aanhef en onder e, van de Woo maak ik de namen niet openbaar.',
      'Het gaat o.a. om e-mails d.d. 12 maart 2024 en nr. 3 van de inventarislijst.',
      'Zie ABRvS, r.o. 4.2, en art. 5.2 jo. 5.1 Woo.',
      'De brief is ondertekend door Mr. J. de Vries.',
      'Dit deel valt onder artikel 5.1, tweede lid, aanhef en onder e.',
      'Het volgende deel niet.',
      'Zie Kamerstukken II 2019/20, 35 112, nr. 3, p. 12.',
      'Ik heb dit i.o.v. de minister besloten.',
      'Klaar!',
    ].join(' ');
    expect(texts(t)).toHaveLength(9);
    expect(texts(t)[4]).toBe('Dit deel valt onder artikel 5.1, tweede lid, aanhef en onder e.');
  });
  it('ends a sentence at a blank line, not at a single line break', () => {
    expect(texts('Besluit\n\nIk maak de documenten\nopenbaar. Dat is alles.')).toEqual(['Besluit', 'Ik maak de documenten\nopenbaar.', 'Dat is alles.']);
  });
  it('does not split before a lower-case word or a number', () => {
    expect(texts('Zie artikel 11. eerste lid, van de Wob. En 5. 2 is geen grond.')).toEqual(['Zie artikel 11. eerste lid, van de Wob.', 'En 5. 2 is geen grond.']);
  });
  it('finds the sentence around an offset', () => {
    const t = 'Eerste zin. Op grond van art. 10 lid 2 sub e Wob lak ik namen. Derde zin.';
    const at = t.indexOf('sub e');
    const s = sentenceAround(t, at, at + 5);
    expect(t.slice(s.start, s.end)).toBe('Op grond van art. 10 lid 2 sub e Wob lak ik namen.');
  });
  it('looks sentences up by index exactly as sentenceAround scans for them', () => {
    // random texts of terminators, closers, spaces, line breaks, initials and abbreviations
    const pieces = ['.', '!', '?', ' ', '\n', '\n\n', ' \n \n', '"', ')', 'art', 'Mr', 'J', 'o.a', 'De', 'zin', 'e', '5', 'x'.repeat(700)];
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 40; round++) {
      let t = '';
      const n = 20 + rnd(400);
      for (let i = 0; i < n; i++) t += pieces[rnd(pieces.length)];
      const lookup = sentenceLookup(t);
      for (let q = 0; q < 60; q++) {
        const start = rnd(t.length + 1);
        const end = Math.min(t.length, start + rnd(30));
        expect(lookup(start, end)).toEqual(sentenceAround(t, start, end));
      }
    }
  });
});
