/**
 * The operative decision of a letter ("Ik heb besloten … gedeeltelijk openbaar te
 * maken", "Ik wijs uw verzoek af", "geen documenten aangetroffen") and the number of
 * documents found.
 *
 * Each sentence of the decision section is read on its own and gets at most one
 * statement; a letter's outcome combines them (some documents public and others
 * refused is `deels-openbaar`). Sentences outside that section count only when the
 * section is missing or says nothing.
 */
import type { DecisionOutcome } from './types.js';

/** What one sentence decides. */
type Statement = 'openbaar' | 'deels' | 'niet' | 'reeds' | 'niets' | 'niet-ontvankelijk' | 'buiten-behandeling';

// Patterns are data: one list, in priority order per sentence.
const W = String.raw`[\s\u00ad-]*`;
const STATEMENTS: ReadonlyArray<[Statement, RegExp]> = [
  ['niet-ontvankelijk', /niet[- ]ontvankelijk/i],
  ['buiten-behandeling', /buiten\s+behandeling|niet\s+in\s+behandeling\s+(?:te\s+)?(?:nemen|genomen)/i],
  [
    'niets',
    new RegExp(
      String.raw`geen\s+(?:(?:relevante|andere|verdere|nieuwe|aanvullende|openbare|gevraagde|(?:\(?\w+\)?\s+)?(?:door\s+u\s+)?(?:gevraagde|bedoelde))\s+)?(?:documenten|document|stukken|informatie|gegevens)\b[^.]{0,120}?(?:aangetroffen|gevonden|berust|berusten|aanwezig|beschikbaar|bij\s+(?:het|mijn|ons|de)\s+\w+\s+(?:is|zijn)|zijn\s+met|is\s+met)|(?:er\s+)?(?:zijn|is|werden|werd)\s+geen\s+(?:\w+\s+){0,2}(?:documenten|document|stukken)\s+(?:aangetroffen|gevonden)|beschik(?:t|ken)?\s+[^.]{0,60}\bniet\s+over\s+(?:de\s+)?(?:gevraagde\s+)?(?:documenten|informatie|gegevens|stukken)|niet\s+over\s+documenten\s+(?:te\s+)?beschik|documenten\s+[^.]{0,40}\bniet\s+(?:zijn\s+)?aangetroffen|niet\s+(?:meer\s+)?(?:aanwezig|voorhanden)`,
      'i',
    ),
  ],
  ['reeds', /reeds\s+openbaar|al\s+openbaar|reeds\s+(?:eerder\s+)?(?:gepubliceerd|openbaar\s+gemaakt)|(?:is|zijn)\s+(?:openbaar\s+)?(?:te\s+)?vinden\s+(?:op|via)|openbaar\s+beschikbaar|publiek\s+beschikbaar/i],
  [
    'deels',
    new RegExp(
      String.raw`(?:gedeeltelijk|deels|grotendeels|ten\s+dele|\(deels\)|\(gedeeltelijk\))${W}(?:aan\s+uw\s+verzoek|openbaar|in\s*te\s*willigen|ingewilligd|in\s*willig|toe\s*te\s*wijzen|toegewezen|te\s+honoreren|gehonoreerd|tegemoet|te\s+verstrekken|verstrekt)|openbaar\s+(?:te\s+maken|maak|gemaakt)[^.]{0,60}met\s+uitzondering\s+van|met\s+uitzondering\s+van\s+(?:de\s+)?(?:daarin|hierin)|een\s+deel\s+van\s+de\s+(?:documenten|informatie|gevraagde)[^.]{0,60}openbaar|(?:deels|gedeeltelijk)\s+(?:niet\s+)?openbaar|(?:weggelakt|zwartgemaakt|onleesbaar\s+gemaakt)[^.]{0,80}openbaar|openbaar[^.]{0,80}(?:weggelakt|zwartgemaakt|onleesbaar\s+gemaakt)`,
      'i',
    ),
  ],
  [
    'niet',
    /niet\s+(?:openbaar\s+(?:te\s+)?(?:maken|maak|gemaakt)|te\s+openbaren|(?:te\s+)?verstrekken|in\s*te\s*willigen|inwilligen|toe\s*te\s*wijzen|(?:te\s+)?honoreren)|openbaarmaking\s+(?:te\s+)?weiger|weiger\s+(?:ik|wij)|te\s+weigeren|af\s*te\s*wijzen|wijs\s+(?:ik|wij)\s+[^.]{0,40}\baf\b|(?:wordt|worden|is|zijn)\s+(?:\w+\s+){0,3}afgewezen|moet\s+(?:ik|wij)\s+(?:uw\s+verzoek\s+)?(?:\w+\s+){0,3}afwijzen|(?:uw|het)\s+verzoek\s+af\b/i,
  ],
  [
    'openbaar',
    /openbaar\s+(?:te\s+)?(?:maken|maak|gemaakt)|(?:worden|wordt)\s+(?:hierbij\s+)?(?:dan\s+ook\s+)?(?:volledig\s+)?(?:openbaar|geopenbaard)|volledig\s+(?:openbaar|geopenbaard)|in\s*te\s*willigen|ingewilligd|toe\s*te\s*wijzen|tegemoet\s+te\s+komen|te\s+honoreren|(?:sturen|stuur|zend|zenden|verstrek|verstrekken)\s+(?:ik|wij)?\s*u\s+hierbij|treft\s+u\s+(?:hierbij|bijgaand)|(?:maak|maken)\s+(?:ik|wij)\s+[^.]{0,80}\bopenbaar/i,
  ],
];

/** Sentences that report, explain or quote rather than decide. */
const NOT_A_DECISION = /\b(?:artikel\s+\d|ingevolge\s+deze\s+wet|bezwaar|bezwaarschrift|beroep\s+(?:in|aan)|kunt\s+u|indien|als\s+u|wanneer|bijvoorbeeld|zoals)\b/i;
/** Words that show a sentence decides. */
const DECIDING = /besl(?:uit|oten|is|issing)|\b(?:maak|maken|wijs|weiger|verstrek|stuur|sturen|treft|moet)\s+(?:ik|wij)\b|\b(?:ik|wij)\s+(?:maak|maken|wijs|weiger|verstrek|stuur|sturen|kan|kunnen)\b|wordt\s+(?:gedeeltelijk\s+)?ingewilligd|wordt[^.]{0,60}afgewezen|worden\s+(?:hierbij\s+)?(?:dan\s+ook\s+)?openbaar|(?:aangetroffen|gevonden)|reeds\s+openbaar|niet[- ]ontvankelijk|buiten\s+behandeling/i;

/** Classify one sentence; null when it decides nothing. */
export function sentenceStatement(sentence: string): Statement | null {
  // Letter-head margin words that the layout interleaves with body lines ("gedeeltelijk Datum openbaar").
  const s = sentence.replace(/\n\s*(?:Datum|Onze referentie|Ons kenmerk|Kenmerk|Pagina \d+ van \d+|\d{1,2} \w+ \d{4}|[A-Z][\w/.-]*\/\d[\w/.-]*)\s*(?=\n)/g, '\n').replace(/\s+/g, ' ').replace(/ (?:Datum|Onze referentie) /g, ' ');
  if (!DECIDING.test(s)) return null;
  for (const [statement, re] of STATEMENTS) {
    if (!re.test(s)) continue;
    if (statement === 'reeds' && /\bvoor\s+zover\b[^.]{0,80}reeds\s+openbaar/i.test(s)) continue;
    if ((statement === 'niets' || statement === 'reeds') && /\b(?:openbaar\s+te\s+maken|openbaar\s+maak)\b/i.test(s) && !/niet\s+openbaar|af\s*te\s*wijzen|afgewezen|afwijzen/i.test(s)) {
      // "… openbaar te maken; over X zijn geen documenten aangetroffen": the disclosure decides
      continue;
    }
    return statement;
  }
  return null;
}

/** Split a stretch of text into sentences (period + space + capital, or a blank line). */
export function roughSentences(text: string, offset = 0): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    const end =
      i === text.length ||
      ((c === '.' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? ' ') && !/(?:\b(?:d\.d|jl|nr|art|o\.a|i\.v\.m|t\.a\.v|dhr|mevr|mr|e\.d|ca|bijv|t\/m|nrs)|\b[a-z])$/i.test(text.slice(Math.max(0, i - 8), i))) ||
      // a blank line ends a sentence only before a capital or a digit (margin text interleaves blank lines mid-sentence)
      (c === '\n' && /^\n[ \t]*\n\s*(?:[A-Z0-9•·-]|$)/.test(text.slice(i, i + 8)));
    if (end) {
      const e = i === text.length ? i : i + 1;
      const t = text.slice(s, e);
      if (t.trim()) {
        const lead = t.length - t.trimStart().length;
        out.push({ text: t.trim(), start: offset + s + lead, end: offset + s + lead + t.trim().length });
      }
      s = e;
    }
  }
  return out;
}

/** The outcome read from decision sentences, with the sentence that carries it. */
export interface OutcomeReading {
  outcome: DecisionOutcome;
  text: string;
  start: number;
}

/** Combine the statements of a letter into one outcome. */
export function combineStatements(statements: Statement[]): DecisionOutcome | null {
  const set = new Set(statements);
  if (set.size === 0) return null;
  if (set.has('niet-ontvankelijk')) return 'niet-ontvankelijk';
  if (set.has('buiten-behandeling')) return 'buiten-behandeling';
  if (set.has('deels')) return 'deels-openbaar';
  if (set.has('openbaar') && set.has('niet')) return 'deels-openbaar';
  if (set.has('openbaar')) return 'openbaar';
  if (set.has('niets')) return 'niets-aangetroffen';
  if (set.has('reeds') && !set.has('niet')) return 'reeds-openbaar';
  if (set.has('niet')) return set.has('reeds') && statements[0] === 'reeds' ? 'reeds-openbaar' : 'niet-openbaar';
  return null;
}

/**
 * The outcome of a letter. `decisionSections` are the `[start, end)` ranges of its
 * `Besluit` sections; `body` is the letter without annexes. The decision sections
 * are read first, then (when they decide nothing) every sentence of the body that
 * decides in the first person ("Ik heb besloten …", "wij sturen u hierbij …").
 */
export function readOutcome(text: string, decisionSections: Array<[number, number]>, bodyEnd: number): OutcomeReading | null {
  const fromSections = collect(text, decisionSections, false);
  if (fromSections) return fromSections;
  return collect(text, [[0, bodyEnd]], true);
}

function collect(text: string, ranges: Array<[number, number]>, firstPersonOnly: boolean): OutcomeReading | null {
  const statements: Statement[] = [];
  let first: { text: string; start: number } | null = null;
  for (const [a, b] of ranges) {
    for (const s of roughSentences(text.slice(a, b), a)) {
      if (firstPersonOnly && !/\b(?:ik|wij|we)\s+(?:heb|hebben|besluit|besluiten|maak|maken|wijs|sturen|stuur|kan|kunnen|moet|moeten)\b|\bverzoek\s+wordt\b|besloten|\buw\s+verzoek\s+(?:is|wordt)\b/i.test(s.text)) continue;
      if (NOT_A_DECISION.test(s.text) && !/besl(?:uit|oten)/i.test(s.text)) continue;
      const st = sentenceStatement(s.text);
      if (st === null) continue;
      statements.push(st);
      first ??= { text: s.text, start: s.start };
    }
  }
  const outcome = combineStatements(statements);
  return outcome && first ? { outcome, text: first.text, start: first.start } : null;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  een: 1, één: 1, eén: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9, tien: 10,
  elf: 11, twaalf: 12, dertien: 13, veertien: 14, vijftien: 15, zestien: 16, zeventien: 17, achttien: 18,
  negentien: 19, twintig: 20, dertig: 30, veertig: 40, vijftig: 50, honderd: 100,
};

const COUNT = String.raw`(\d{1,5}|één|eén|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|honderd)`;
const COUNT_RES: readonly RegExp[] = [
  // "zijn in totaal 66 documenten aangetroffen", "is één document aangetroffen"
  new RegExp(String.raw`(?:zijn|is|werden|werd|heb\s+ik|hebben\s+wij|hebben\s+we)\s+(?:er\s+)?(?:in\s+totaal\s+|totaal\s+|uiteindelijk\s+|daarbij\s+)?${COUNT}\s+(?:\w+\s+){0,2}(?:documenten|document|stukken|stuk)\b[^.]{0,60}?(?:aangetroffen|gevonden|geïnventariseerd|beoordeeld|achterhaald)`, 'i'),
  // "1 document aangetroffen", "66 documenten gevonden"
  new RegExp(String.raw`(?<![\w.,/-])${COUNT}\s+(?:\w+\s+){0,2}(?:documenten|document|stukken)\s+(?:\w+\s+){0,3}(?:aangetroffen|gevonden|geïnventariseerd)`, 'i'),
  // "betreft 12 documenten", "bestaat uit 7 documenten", "in totaal 12 documenten"
  new RegExp(String.raw`(?:betreft|betreffen|bestaat\s+uit|in\s+totaal|totaal\s+van)\s+${COUNT}\s+(?:\w+\s+){0,2}(?:documenten|document)\b`, 'i'),
];

/** Number of documents found or assessed, when the letter states it. */
export function readDocumentCount(text: string, end: number = text.length): number | null {
  const body = text.slice(0, end);
  for (const re of COUNT_RES) {
    const m = re.exec(body);
    if (!m) continue;
    const raw = (m[1] ?? '').toLowerCase();
    const n = /^\d+$/.test(raw) ? Number(raw) : NUMBER_WORDS[raw];
    if (n !== undefined && n > 0 && n < 100_000) return n;
  }
  return null;
}
