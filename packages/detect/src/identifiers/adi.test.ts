import { describe, it, expect } from 'vitest';
import { ADI_GRAMMAR_VERSION, findAdis, formatAdi, kenmerkToOrdinal, mintAdi, parseAdi } from './adi.js';

// ADI has no published syntax yet (reference.md §5.1); these strings follow the
// provisional ECLI-shaped grammar, with TOOI issuer codes from reference.md §5.2.

describe('findAdis', () => {
  it('finds an ADI-style id with its parts', () => {
    const text = 'Dit besluit heeft nummer ADI:NL:gm0363:2024:WOO.2024.17.';
    const id = 'ADI:NL:gm0363:2024:WOO.2024.17';
    const start = text.indexOf(id);
    expect(findAdis(text)).toEqual([
      {
        type: 'adi',
        text: id,
        normalized: id,
        span: { start, end: start + id.length },
        parts: { country: 'NL', issuer: 'gm0363', year: '2024', number: 'WOO.2024.17', grammar: ADI_GRAMMAR_VERSION },
      },
    ]);
  });

  it('accepts any case and spaces after colons, like ECLI in LinkeXtractor', () => {
    const [found] = findAdis('adi: nl: MNRE1025 :2023:wob.2021.222');
    expect(found?.normalized).toBe('ADI:NL:mnre1025:2023:WOB.2021.222');
    expect(found?.text).toBe('adi: nl: MNRE1025 :2023:wob.2021.222');
  });

  it('knows the TOOI code shapes (pv27, ws0664, oorg10004)', () => {
    const text = 'ADI:NL:pv27:2022:1 ADI:NL:ws0664:2022:2 ADI:NL:oorg10004:2022:3';
    expect(findAdis(text).map((a) => a.parts?.issuer)).toEqual(['pv27', 'ws0664', 'oorg10004']);
  });

  it('rejects ids off the grammar', () => {
    expect(findAdis('ADI:NL:amsterdam:2024:1')).toEqual([]); // issuer is no TOOI code
    expect(findAdis('ADI:NL:gm0363:24:1')).toEqual([]); // two-digit year
    expect(findAdis(`ADI:NL:gm0363:2024:${'9'.repeat(26)}`)).toEqual([]); // ordinal over 25
    expect(findAdis('MADI:NL:gm0363:2024:1')).toEqual([]); // glued
    expect(findAdis('ECLI:NL:RVS:2019:795')).toEqual([]);
  });
});

describe('parseAdi / formatAdi', () => {
  it('round-trips', () => {
    const parts = parseAdi('ADI: NL: gm0363: 2024: Z2024.00004512');
    expect(parts).toEqual({ country: 'NL', issuer: 'gm0363', year: '2024', number: 'Z2024.00004512' });
    expect(parts && formatAdi(parts)).toBe('ADI:NL:gm0363:2024:Z2024.00004512');
  });

  it('returns undefined off the grammar', () => {
    expect(parseAdi('ECLI:NL:RVS:2019:795')).toBeUndefined();
    expect(parseAdi('ADI:NL:gm0363:2024')).toBeUndefined();
    expect(parseAdi('ADI:NL:gm0363:2024:.A')).toBeUndefined();
  });
});

describe('mintAdi', () => {
  it('maps a kenmerk to dots (kenmerken from WooIR and Amsterdam letters)', () => {
    expect(kenmerkToOrdinal('WOB/2021/222')).toBe('WOB.2021.222');
    expect(kenmerkToOrdinal('DGA-DAD / 20276159')).toBe('DGA.DAD.20276159');
    expect(kenmerkToOrdinal('Min-BuZa.2020.5242-15')).toBe('MIN.BUZA.2020.5242.15');
    expect(kenmerkToOrdinal(' /Z/20/43456/ ')).toBe('Z.20.43456');
  });

  it('builds an id from issuer, year and kenmerk', () => {
    expect(mintAdi({ issuer: 'gm0363', year: 2020, kenmerk: 'Z/20/43456' })).toEqual({
      ok: true,
      id: 'ADI:NL:gm0363:2020:Z.20.43456',
      parts: { country: 'NL', issuer: 'gm0363', year: '2020', number: 'Z.20.43456' },
    });
    const minted = mintAdi({ issuer: 'mnre1025', year: '2023', kenmerk: '2023-0000539440' });
    expect(minted.ok && minted.id).toBe('ADI:NL:mnre1025:2023:2023.0000539440');
    // A minted id is found again by the finder.
    expect(minted.ok && findAdis(`zie ${minted.id}`)[0]?.normalized).toBe(minted.ok && minted.id);
  });

  it('returns coded errors instead of throwing', () => {
    expect(mintAdi({ issuer: 'Amsterdam', year: 2020, kenmerk: '1' })).toMatchObject({ ok: false, code: 'ADI_INVALID_ISSUER' });
    expect(mintAdi({ issuer: 'gm0363', year: 20, kenmerk: '1' })).toMatchObject({ ok: false, code: 'ADI_INVALID_YEAR' });
    expect(mintAdi({ issuer: 'gm0363', year: 2020, kenmerk: ' / ' })).toMatchObject({ ok: false, code: 'ADI_EMPTY_ORDINAL' });
    expect(mintAdi({ issuer: 'gm0363', year: 2020, kenmerk: 'A'.repeat(26) })).toMatchObject({ ok: false, code: 'ADI_ORDINAL_TOO_LONG' });
    expect(mintAdi({ issuer: 'gm0363', year: 2020, kenmerk: '1', country: 'NLD' })).toMatchObject({ ok: false, code: 'ADI_INVALID_COUNTRY' });
  });
});
