import { describe, it, expect } from 'vitest';
import { findEclis, formatEcli, parseEcli } from './ecli.js';

/** Span of the first occurrence of `part` in `text`, for exact span assertions. */
function spanOf(text: string, part: string): { start: number; end: number } {
  const start = text.indexOf(part);
  if (start < 0) throw new Error(`${part} not in ${text}`);
  return { start, end: start + part.length };
}

describe('findEclis', () => {
  it('finds a canonical ECLI with its parts (WooIR 2021-008)', () => {
    const text = 'zie de uitspraak van de Afdeling (ECLI:NL:RVS:2019:795).';
    expect(findEclis(text)).toEqual([
      {
        type: 'ecli',
        text: 'ECLI:NL:RVS:2019:795',
        normalized: 'ECLI:NL:RVS:2019:795',
        span: spanOf(text, 'ECLI:NL:RVS:2019:795'),
        parts: { country: 'NL', court: 'RVS', year: '2019', number: '795' },
      },
    ]);
  });

  it('leaves the sentence dot out (reference.md §8.2b negative 41, acc/doc3 footnote)', () => {
    const text = 'Zie onder ABRvS 16 augustus 2017, ECLI:NL:RVS:2017:2180.';
    const [found] = findEclis(text);
    expect(found?.text).toBe('ECLI:NL:RVS:2017:2180');
    expect(found?.span).toEqual(spanOf(text, 'ECLI:NL:RVS:2017:2180'));
  });

  it('finds the ECLI of negative 61 (Stibbe blog)', () => {
    expect(findEclis('ECLI:NL:RVS:2025:4814').map((e) => e.normalized)).toEqual(['ECLI:NL:RVS:2025:4814']);
  });

  it('repairs the sloppy forms LinkeXtractor accepts (nllegalcit test-jur005)', () => {
    const forms = ['ECLI: NL:HR:2010:392', 'ECLI : NL:HR:2010:392', 'ECLI:Nl:Hr:2010:28', 'ecli:nl:hr:2010:28'];
    const found = forms.map((f) => findEclis(f)[0]);
    expect(found.map((e) => e?.normalized)).toEqual([
      'ECLI:NL:HR:2010:392',
      'ECLI:NL:HR:2010:392',
      'ECLI:NL:HR:2010:28',
      'ECLI:NL:HR:2010:28',
    ]);
    expect(found.map((e) => e?.text)).toEqual(forms);
  });

  it('repairs typos seen in a real letter (WooIR_clean, Raad van State citations)', () => {
    const text =
      '(ECLI:NL:RVS.2010:BM1041). Dit is herhaaldelijk bevestigd, waaronder op 31 juli\n2013 (ECLI NL:RVS:2013:528), op 23 oktober';
    expect(findEclis(text).map((e) => [e.text, e.normalized])).toEqual([
      ['ECLI:NL:RVS.2010:BM1041', 'ECLI:NL:RVS:2010:BM1041'],
      ['ECLI NL:RVS:2013:528', 'ECLI:NL:RVS:2013:528'],
    ]);
  });

  it('completes a missing country as NL and says so (WooIR letter: "Zie o.m. ECLI:RVS:2010:BO1165")', () => {
    const [found] = findEclis('Zie o.m. ECLI:RVS:2010:BO1165');
    expect(found?.normalized).toBe('ECLI:NL:RVS:2010:BO1165');
    expect(found?.parts).toEqual({ country: 'NL', court: 'RVS', year: '2010', number: 'BO1165', inferred: 'country' });
  });

  it('reads EU courts and old LJN ordinals (corpus; reference.md §5.1)', () => {
    const text = 'Varec (ECLI:EU:C:2008:91), en ECLI:NL:RVS:1999:AE8211, AB 2000; ECLI:NL:CBB:1996:ZG0749';
    expect(findEclis(text).map((e) => e.normalized)).toEqual([
      'ECLI:EU:C:2008:91',
      'ECLI:NL:RVS:1999:AE8211',
      'ECLI:NL:CBB:1996:ZG0749',
    ]);
  });

  it('keeps dots inside an ordinal', () => {
    expect(findEclis('ECLI:NL:XX:2020:123.45.6.').map((e) => e.normalized)).toEqual(['ECLI:NL:XX:2020:123.45.6']);
  });

  it('rejects what does not follow the standard', () => {
    expect(findEclis('ECLI:NL:RVS:20:795')).toEqual([]); // two-digit year
    expect(findEclis('ECLI:NL:RVSRVSRV:2019:795')).toEqual([]); // court of 9 characters
    expect(findEclis('ECLI:NL:1RVS:2019:795')).toEqual([]); // court starts with a digit
    expect(findEclis(`ECLI:NL:RVS:2019:${'1'.repeat(26)}`)).toEqual([]); // ordinal over 25
    expect(findEclis('ECLI:NL:2010:5')).toEqual([]); // no court
    expect(findEclis('XECLI:NL:RVS:2019:795')).toEqual([]); // glued to a word
    expect(findEclis('de ECLI-standaard van 2011')).toEqual([]);
  });
});

describe('parseEcli / formatEcli', () => {
  it('round-trips', () => {
    const parts = parseEcli('ecli:nl:rbdha:2024:3983');
    expect(parts).toEqual({ country: 'NL', court: 'RBDHA', year: '2024', number: '3983' });
    expect(parts && formatEcli(parts)).toBe('ECLI:NL:RBDHA:2024:3983');
  });

  it('refuses malformed text', () => {
    expect(parseEcli('ECLI:NL:RVS:2019')).toBeUndefined();
    expect(parseEcli('ECLI:NL:RVS:2019:.5')).toBeUndefined();
  });
});
