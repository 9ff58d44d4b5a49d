import { describe, it, expect } from 'vitest';
import { dateLabelBefore, findDates, formatIsoDate, isValidDate, slashOrder } from './dates.js';

/** [text, normalized] of every date found. */
function pairs(text: string): Array<[string, string]> {
  return findDates(text).map((d) => [d.text, d.normalized]);
}

describe('findDates', () => {
  it('reads a letter-head date with its label and exact span (Amsterdam letters, GT decision date 22-1-2021)', () => {
    const text = 'Datum 22 januari 2021\nOns kenmerk Z/20/43456';
    expect(findDates(text)).toEqual([
      {
        type: 'date',
        text: '22 januari 2021',
        normalized: '2021-01-22',
        span: { start: 6, end: 21 },
        label: 'Datum',
        parts: { year: '2021', month: '01', day: '22', format: 'text' },
      },
    ]);
  });

  it('takes the label from the line above in a letter-head column (WooIR, GT decision date 26-11-2020)', () => {
    expect(findDates('Datum\n26 november 2020\nOns kenmerk')).toMatchObject([{ normalized: '2020-11-26', label: 'Datum' }]);
  });

  it('takes a label across a weekday, as in mail headers', () => {
    expect(findDates('Verzonden: donderdag 28 januari 2021 07:41')).toMatchObject([{ normalized: '2021-01-28', label: 'Verzonden' }]);
  });

  it('takes d.d. as a label (WooIR_clean ABN Amro request text)', () => {
    const [found] = findDates('bijlage 1 bij het WOB verzoek 2019- 0000054227 d.d. 20 juli 2019, en wel');
    expect(found).toMatchObject({ text: '20 juli 2019', normalized: '2019-07-20', label: 'd.d.' });
  });

  it('reads the forms of the brief', () => {
    const text =
      '12 maart 2024; 1 mei 2022; 6 april 2023; d.d. 12-03-2024; 12-3-2024; 12.03.2024; 2024-03-12; 12 mrt. 2024; 12 sept 2021; 1e januari 2024; 2de mei 2022';
    expect(pairs(text)).toEqual([
      ['12 maart 2024', '2024-03-12'],
      ['1 mei 2022', '2022-05-01'],
      ['6 april 2023', '2023-04-06'],
      ['12-03-2024', '2024-03-12'],
      ['12-3-2024', '2024-03-12'],
      ['12.03.2024', '2024-03-12'],
      ['2024-03-12', '2024-03-12'],
      ['12 mrt. 2024', '2024-03-12'],
      ['12 sept 2021', '2021-09-12'],
      ['1e januari 2024', '2024-01-01'],
      ['2de mei 2022', '2022-05-02'],
    ]);
  });

  it('reads capitals and dates wrapped over a line (corpus: "9 MEI 2019", "op 31 juli\\n2013")', () => {
    expect(pairs('Datum: 9 MEI 2019 en op 31 juli\n2013 (ECLI:NL:RVS:2013:1625)')).toEqual([
      ['9 MEI 2019', '2019-05-09'],
      ['31 juli\n2013', '2013-07-31'],
    ]);
  });

  it('validates the calendar', () => {
    expect(findDates('31 april 2023')).toEqual([]);
    expect(findDates('30-02-2020')).toEqual([]);
    expect(findDates('2023-13-01')).toEqual([]);
    expect(pairs('29-02-2020 en 29 februari 2021')).toEqual([['29-02-2020', '2020-02-29']]);
  });

  it('reads an inventory date in a table row (WooIR 2020.6149-18 inventory: "10356 05-02-2020 reisadvies China")', () => {
    expect(pairs('10356 05-02-2020 reisadvies China')).toEqual([['05-02-2020', '2020-02-05']]);
  });

  it('reads the date next to a time and not the time (reference.md §8.2 negative 31, LNV inventory)', () => {
    expect(pairs('Voorbereiding MCCb 9 maart 2020 / 18.00 uur')).toEqual([['9 maart 2020', '2020-03-09']]);
  });

  it('reads the date-shaped pitfall of grounds.md as a date ("5.1.2022")', () => {
    expect(pairs('op 5.1.2022 ontvangen')).toEqual([['5.1.2022', '2022-01-05']]);
  });

  it('reads the real date in a version annex but not the version (reference.md §8.2b negative 53)', () => {
    expect(pairs('Versie 1. 2\n1.2 04-05-2023 mbt tot het FTPs.')).toEqual([['04-05-2023', '2023-05-04']]);
  });

  it('finds no date in times, counters, amounts, stamps, versions and ids (reference.md §3.4 item 4, §8.2)', () => {
    for (const text of [
      '18.00 uur',
      '16:15',
      'Pagina 6 van 7',
      'Paginanummer 3 van 5',
      '€ 5.125',
      '5.120 verzoeken',
      'Registered number: 09036504',
      '281469 0010',
      '"glob-parent": "^5.1.2"',
      'https://registry.npmjs.org/yaml/-/yaml-1.10.2.tgz',
      'pyzmq==25.1.2',
      'giflib=5.2.1=hbcb3906_2',
      'version="0.9.8"',
      'versie: 1.3.1',
      'Ons kenmerk 2023-0000539440',
      'stcrt-2024-30890',
      'Z2024-03-12',
      '1.12.03.2024',
      '12-03-2024-001',
      '12-03-24',
      '2020.6149-18',
      'maart 2024',
    ]) {
      expect(findDates(text), text).toEqual([]);
    }
  });

  it('reads both ends of a range', () => {
    expect(pairs('periode 1-1-2020/31-12-2020')).toEqual([
      ['1-1-2020', '2020-01-01'],
      ['31-12-2020', '2020-12-31'],
    ]);
    expect(pairs('van 1 t/m 12 maart 2024')).toEqual([['12 maart 2024', '2024-03-12']]);
  });

  it('reads an ISO date followed by a time', () => {
    expect(pairs('2024-03-12T10:00:00Z')).toEqual([['2024-03-12', '2024-03-12']]);
  });
});

describe('slash dates and their order', () => {
  it('reads slash dates day first in Dutch text', () => {
    expect(findDates('brief van 4/6/2020')).toMatchObject([{ normalized: '2020-06-04', parts: { order: 'day-first' } }]);
  });

  it('reads an Outlook header month first when only that reading is valid (tpdl 0010-page0.png; §8.2 negative 30)', () => {
    expect(findDates('Thur 1/28/2021 7:41:12 AM')).toMatchObject([
      { text: '1/28/2021', normalized: '2021-01-28', parts: { order: 'month-first' } },
    ]);
  });

  it('reads a whole English-made list month first (WooIR aankoop medische middelen inventory)', () => {
    const text = 'Test kit list.msg 20304 3/22/2020 5:42 PM U\ngloves from Korea.msg 20284 4/6/2020 4:43 AM U';
    expect(pairs(text)).toEqual([
      ['3/22/2020', '2020-03-22'],
      ['4/6/2020', '2020-04-06'],
    ]);
  });

  it('takes an AM/PM time alone as evidence', () => {
    expect(pairs('verzonden 4/6/2020 9:27 AM')).toEqual([['4/6/2020', '2020-04-06']]);
  });

  it('keeps only unambiguous slash dates when a text mixes both orders', () => {
    expect(pairs('22/3/2020, 3/22/2020 en 4/6/2020')).toEqual([
      ['22/3/2020', '2020-03-22'],
      ['3/22/2020', '2020-03-22'],
    ]);
  });

  it('slashOrder', () => {
    expect(slashOrder({ dayFirstOnly: 0, monthFirstOnly: 0 })).toBe('day-first');
    expect(slashOrder({ dayFirstOnly: 2, monthFirstOnly: 0 })).toBe('day-first');
    expect(slashOrder({ dayFirstOnly: 0, monthFirstOnly: 1 })).toBe('month-first');
    expect(slashOrder({ dayFirstOnly: 1, monthFirstOnly: 1 })).toBe('mixed');
  });
});

describe('helpers', () => {
  it('isValidDate handles leap years', () => {
    expect(isValidDate(2024, 2, 29)).toBe(true);
    expect(isValidDate(2100, 2, 29)).toBe(false);
    expect(isValidDate(2000, 2, 29)).toBe(true);
    expect(isValidDate(2023, 4, 31)).toBe(false);
    expect(isValidDate(1799, 1, 1)).toBe(false);
  });

  it('formatIsoDate pads', () => {
    expect(formatIsoDate({ year: 2024, month: 3, day: 1 })).toBe('2024-03-01');
  });

  it('dateLabelBefore finds only labels right before the date', () => {
    const text = 'Datum besluit: 12 maart 2024';
    expect(dateLabelBefore(text, text.indexOf('12'))).toBe('Datum besluit');
    const other = 'Datum controle 20-11-2018';
    expect(dateLabelBefore(other, other.indexOf('20-'))).toBeUndefined();
    const far = 'Datum\n\n12 maart 2024';
    expect(dateLabelBefore(far, far.indexOf('12'))).toBeUndefined();
  });
});
