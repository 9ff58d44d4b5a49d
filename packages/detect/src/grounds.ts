/**
 * Numbered ground citations: prose chains ("artikel 10, tweede lid, aanhef en onder b, e
 * en g, van de Wob"), abbreviated forms ("art. 5.1 lid 2 sub e Woo"), compact codes
 * ("5.1.2e", "10.2.e", "5.1.2,d") and bare codes in labels and inventories ("5.2", "11.1").
 *
 * Pipeline (after eyecite): one scan per pattern family finds candidates → a small
 * parser reads each chain from its anchor → citations are built against the catalogue →
 * filtered (other laws, non-ground articles, section numbers).
 */
import type { GroundCitation, Law, Span } from '@lakmoes/schema';
import { groundEntry, specialRegime, type GroundEntry } from './catalogue.js';
import { sentenceAround } from './sentences.js';

/** How the text is read; see DetectOptions in index.ts. */
export type ReadingMode = 'prose' | 'label' | 'inventory';

/** Everything the citation builders need to know about the text as a whole. */
export interface TextContext {
  text: string;
  mode: ReadingMode;
  /** Regime of the document: given by the caller, else counted from the text, else null. */
  regime: 'woo' | 'wob' | null;
  /** Offset from which the text quotes the law (an annex "Relevante artikelen"), or Infinity. */
  lawQuoteFrom: number;
  /** The sentence around a span (see sentenceLookup). */
  sentence: (start: number, end: number) => Span;
}

// ---------------------------------------------------------------------------------------
// Patterns. All case-insensitive; `·` (an OCR artefact) counts as white space.

const ORDINALS: Record<string, number> = {
  eerste: 1, tweede: 2, derde: 3, vierde: 4, vijfde: 5, vilfde: 5, vljfde: 5, zesde: 6, zevende: 7, achtste: 8,
};

/** Article words: artikel, artikelen, art., artt., and OCR forms (artlkel, artikeI, artike1). */
const ARTICLE_WORD_SRC = String.raw`art(?:ikel|lkel|ikeI|ike1|ikcl)(?:en)?|artt?\.|art(?=\s+\d)`;

/**
 * Anchors of prose chains: an article word, or a bare article number directly followed by
 * a lid ("5.1 lid 2 sub e", "5.1, 2e lid, onderdeel e", "10 lid 2 sub g").
 */
const ANCHOR = new RegExp(
  String.raw`(?<![A-Za-z\d])(?:${ARTICLE_WORD_SRC})|(?<![\w.\/:-])(?:5\s?\.\s?1|10|11)(?=\s*,?\s*(?:lid\s+\d|\d\s?(?:e|de)\s+lid|(?:eerste|tweede|derde|vierde|vi[jl]fde|zesde|zevende)\s+lid))`,
  'gi',
);

/** An article number: `5.1`, `5 .1` (OCR), `5.1.2`, `5.1.2.e`, `10.2e`, `10`, `5.4a`, or `8:79`. */
const T_NUM = /(\d{1,3}):(\d{1,3}[a-z]?)(?![\d:])|(\d{1,2})(?!\d)(?:\s?\.\s?(\d{1,2})(?!\d))?(?:\s?\.\s?(\d)(?!\d))?(?:(?:\s?[.,]\s?|\s)([a-i])(?![\w-])|([a-i])(?![\w-]))?/iy;
/** OCR'd article numbers: "artikel lo/io/ao, tweede lid" = 10, "artikel in, tweede lid" = 11 (only before a lid). */
const T_OCR_NUM = /(lo|io|ao|1o|l0|i0|in|ii|li|il|1l|l1)(?=\s*,?\s*(?:(?:eerste|tweede|derde|vierde|vi[jl]fde|zesde|zevende)\s+lid|lid\s+\d))/iy;
const T_LID = /(?:(eerste|tweede|derde|vierde|vi[jl]fde|zesde|zevende|achtste)\s+lid|lid\s+(\d)(?!\d)|(\d)\s?(?:e|de|ste)\s+lid)(?![\w-])/iy;
const T_LID_LETTER = /lid\s+([a-i])(?![\w-])/iy;
const T_POINT = /(?:aan\s?h\s?ef\s+en\s+)?(?:o\s?n\s?d\s?e\s?r(?:deel|delen)?|sub|letter|onderdeel|onderdelen|punt)\s+([a-i])(?![\w-])/iy;
const T_POINT_MORE = /\s*(?:,\s*|\s+en\s+|\s+of\s+|\s*&\s*)(?:(?:onder|sub|onderdeel|letter)\s+)?([a-i])(?![\w-])/iy;
const T_SKIP = /(?:[\s·,()]|\.(?=\s+[a-z]))+/y;
const T_CONNECT = /(?:en|of|jo\.?|juncto|respectievelijk)\s+(?=(?:\d|art))/iy;
const T_ARTICLE_WORD = new RegExp(String.raw`(?:${ARTICLE_WORD_SRC})`, 'iy');
const T_LAW = /(?:van\s+(?:de|het)\s*\.?\s+)?(?:\(\s*(woo|wob|wet\s+open\s+overheid|wet\s+openbaarheid\s+van\s+bestuur)\s*\)|(woo|wob|wet\s+open\s+overheid|wet\s+openbaarheid\s+van\s+bestuur)(?![\w-]))/iy;
const T_OTHER_LAW = /(?:van\s+(?:de|het|dit|deze)\s+)?(algemene\s+wet\s+(?:bestuursrecht|inzake\s+rijksbelastingen)|burgerlijk\s+wetboek|wet\s+(?:politiegegevens|milieubeheer|dieren|justitiële\s+en\s+strafvorderlijke\s+gegevens|[a-z]+)|awb|awr|bw|evrm|gw|wpg|wjsg|avg|uavg|sv|sr|[a-z]*(?:wet|besluit|regeling|reglement|verordening|verdrag|wetboek)(?:\s+\d{4})?|dit|deze|het\s+verdrag)(?![\w-])/iy;
/** A capitalised word right after a chain: another law's name ("Artikel 10 Europees Verdrag"). */
const T_CAPITALISED = /[A-Z][a-z]{2,}/y;

/** Another law named just before an article word ("Omgevingswet art. 5.1", "Besluit SUWI:artikel 5.1"). */
const LAW_BEFORE = /(?:[A-Za-z]*(?:wet|besluit|regeling|reglement|verordening|verdrag)(?:\s+\d{4})?|\bAwb|\bBW|\bEVRM|\bGrondwet|\S:)\s*[:,]?\s*$/;

/** Compact codes without an article word. Groups: woo letter (lid, point), wob letter (lid, point), bare. */
const COMPACT = /(?<![\w.\/:-])(?:5\s?\.\s?1\s?\.\s?([12])(?:\s?[.,]\s?|\s)?([a-i])(?![\w-])|10\s?\.\s?([127])(?:\s?[.,]\s?|\s)?([a-g])(?![\w-])|(5\.1\.[456]|5\.2(?:\.[1-4])?|5\.4a(?:\.1)?|5\.4|11\.[1-4]|10\.[127])(?![\w-]|[.,]\d)|(11)(?![\w-]|[.,]\d)|\((10)\)\s?\(([127])([a-g])\)|\((11)\)\s?\(([1-4])\))/gi;

/** A law word right after a compact code ("5.2 Woo", "10.2.g Wob"). */
const LAW_AFTER = /^\s*(?:van\s+de\s+|\(\s*)?(woo|wob|wet\s+open\s+overheid|wet\s+openbaarheid\s+van\s+bestuur)(?![\w-])/i;
/** Headings and words before a number that make it a section, table or figure number. */
const SECTION_BEFORE = /(?:paragraaf|par\.|hoofdstuk|hfst\.|tabel|figuur|fig\.|bijlage|sectie|§|punt|actiepunt|versie|nr\.?|nummer)\s*$/i;
/** Phrases that declare a document's label notation ("aangegeven als '10.2.e'"). */
const DECLARED_BEFORE = /(?:aangegeven\s+als|met\s+de\s+code|onder\s+vermelding\s+van|beoordelingscode|code|codes|notatiewijze|gemarkeerd\s+met|voorzien\s+van|grond(?:en)?|weigeringsgrond(?:en)?|uitzonderingsgrond(?:en)?)\s*[:'‘’"“”(]*\s*$/i;
/** Separators inside a list of codes ("5.1.2e; 5.1.2i", "10.1.c + 10.2.g + 11.1", "5.1.2e, 5.2"). */
const LIST_GAP = /^\s*(?:[;,+\/&|]|en|of)?\s*$/i;

/** OCR corruptions of printed codes, accepted only in labels and inventories (reference.md §3.2, §8.1). */
const OCR_CODE = /(?<![\w.])(?:([5bs])\s?[.,]?\s?1\s?[.,]?\s?([12]|[2zZ]{1,2})\s?[.,]?\s?(¢e?|¢[a-i]|[a-i]|[608@]|[l1|!I])|([1ila])([0o])\s?[.,]\s?([1ila2])\s?[.,]\s?([a-g9]))(?![\w-])/gi;

// ---------------------------------------------------------------------------------------

/** Count the Woo and Wob mentions to tell the regime of a document. */
export function documentRegime(text: string): 'woo' | 'wob' | null {
  let woo = 0;
  let wob = 0;
  const re = /\b(woo|wob|wet open overheid|wet openbaarheid van bestuur)\b/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const w = (m[1] ?? '').toLowerCase();
    if (w === 'woo' || w === 'wet open overheid') woo++;
    else wob++;
  }
  if (woo === 0 && wob === 0) return null;
  return woo >= wob ? 'woo' : 'wob';
}

/** Where the text starts quoting the law (an annex with the articles), or Infinity. */
export function lawQuoteStart(text: string): number {
  const m = /(?:^|\n)[^\n]{0,40}(?:relevante\s+(?:wets)?artikelen|artikelen\s+uit\s+de\s+(?:woo|wob|wet)|wettekst(?:en)?\b|tekst\s+van\s+de\s+(?:relevante\s+)?artikelen)/i.exec(text);
  return m ? m.index : Infinity;
}

/** Sentences that are the law's own text ("… ingevolge deze wet blijft achterwege …"). */
const LAW_TEXT = /ingevolge\s+deze\s+wet|blijft\s+achterwege\s+voor\s+zover|bedoeld\s+in\s+deze\s+wet/i;

/** @internal One article reference of a chain. */
export interface ChainItem {
  start: number;
  end: number;
  /** article number as found, e.g. '5.1', '10', '3.3', or '8:79' */
  article: string;
  lid: number | null;
  points: string[];
  /** a `:`-numbered article (Awb, BW) */
  colon: boolean;
  /** true when the number already carried lid/point (compact, "10.2.e") */
  compact: boolean;
  /** the number was read through an OCR corruption ("artikel lo" for 10) */
  ocr?: boolean;
}

/** @internal A chain of article references read from one anchor ("artikel 10, tweede lid, aanhef en onder b en e, van de Wob"). */
export interface Chain {
  start: number;
  end: number;
  items: ChainItem[];
  law: 'woo' | 'wob' | 'other' | null;
  /** the other law's text, when law is 'other' */
  otherLaw?: string;
}

function exec(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** Read an article number token into an item. */
function readNumber(m: RegExpExecArray, start: number): ChainItem {
  const end = start + m[0].length;
  if (m[1]) return { start, end, article: `${m[1]}:${m[2]}`, lid: null, points: [], colon: true, compact: false };
  const a = m[3] ?? '';
  const b = m[4];
  const c = m[5];
  const letter = (m[6] ?? m[7])?.toLowerCase();
  const points = letter ? [letter] : [];
  if (a === '5' && b !== undefined) {
    let article = `5.${b}`;
    let lid = c !== undefined ? Number(c) : null;
    // "5.4a" is an article, not 5.4 with point a
    if (article === '5.4' && lid === null && letter === 'a') return { start, end, article: '5.4a', lid: null, points: [], colon: false, compact: false };
    if (article === '5.4a') lid = lid ?? null;
    return { start, end, article, lid, points, colon: false, compact: c !== undefined || letter !== undefined };
  }
  if ((a === '10' || a === '11') && c === undefined) {
    return { start, end, article: a, lid: b !== undefined ? Number(b) : null, points, colon: false, compact: b !== undefined };
  }
  const article = [a, b, c].filter((x) => x !== undefined).join('.');
  return { start, end, article, lid: null, points, colon: false, compact: false };
}

/** Parse a chain of article references from `pos` (just after an anchor's article word, or at its number). */
function parseChain(text: string, anchorStart: number, pos: number): Chain | null {
  const items: ChainItem[] = [];
  let cur: ChainItem | null = null;
  let law: Chain['law'] = null;
  let otherLaw: string | undefined;
  let end = pos;
  const limit = Math.min(text.length, pos + 400);
  let m: RegExpExecArray | null;
  for (let guard = 0; guard < 40 && pos < limit; guard++) {
    m = exec(T_SKIP, text, pos);
    if (m) pos += m[0].length;
    if ((!cur || !exec(T_LID, text, pos)) && (m = exec(T_NUM, text, pos)) && m[0].length > 0) {
      if (cur) items.push(cur);
      cur = readNumber(m, items.length === 0 ? anchorStart : pos);
      pos += m[0].length;
      cur.end = pos;
      end = pos;
      continue;
    }
    if (!cur && items.length === 0 && (m = exec(T_OCR_NUM, text, pos))) {
      const w = (m[1] ?? '').toLowerCase();
      const article = /^(?:in|ii|li|il|1l|l1)$/.test(w) ? '11' : '10';
      cur = { start: anchorStart, end: pos + m[0].length, article, lid: null, points: [], colon: false, compact: false, ocr: true };
      pos += m[0].length;
      end = pos;
      continue;
    }
    if (!cur) break; // an article word must be followed by a number
    if ((m = exec(T_LID, text, pos))) {
      const word = m[1]?.toLowerCase();
      const lid = word ? ORDINALS[word] ?? null : Number(m[2] ?? m[3]);
      if (cur.lid !== null && cur.compact) break; // "10.2, tweede lid" — something else
      cur.lid = lid;
      pos += m[0].length;
      cur.end = end = pos;
      continue;
    }
    if (cur.lid !== null && cur.points.length === 0 && (m = exec(T_LID_LETTER, text, pos))) {
      // "artikel 10.2 lid g": the lid slot used for the point
      cur.points = [(m[1] ?? '').toLowerCase()];
      pos += m[0].length;
      cur.end = end = pos;
      continue;
    }
    if ((m = exec(T_POINT, text, pos))) {
      const points = [(m[1] ?? '').toLowerCase()];
      pos += m[0].length;
      let more: RegExpExecArray | null;
      while ((more = exec(T_POINT_MORE, text, pos))) {
        points.push((more[1] ?? '').toLowerCase());
        pos += more[0].length;
      }
      cur.points = points;
      cur.end = end = pos;
      continue;
    }
    if ((m = exec(T_CONNECT, text, pos))) {
      pos += m[0].length;
      const w = exec(T_ARTICLE_WORD, text, pos);
      if (w) pos += w[0].length;
      continue;
    }
    if ((m = exec(T_ARTICLE_WORD, text, pos))) {
      pos += m[0].length;
      continue;
    }
    if ((m = exec(T_LAW, text, pos))) {
      const w = (m[1] ?? m[2] ?? '').toLowerCase().replace(/\s+/g, ' ');
      law = w === 'woo' || w === 'wet open overheid' ? 'woo' : 'wob';
      end = pos + m[0].length;
      // "van de Wet open overheid (Woo)"
      const abbr = /^\s*\((?:woo|wob)\)/i.exec(text.slice(end, end + 8));
      if (abbr) end += abbr[0].length;
      break;
    }
    if ((m = exec(T_OTHER_LAW, text, pos))) {
      law = 'other';
      otherLaw = m[1];
      end = pos + m[0].length;
      break;
    }
    if (exec(T_CAPITALISED, text, pos)) {
      law = 'other';
      otherLaw = '';
    }
    break;
  }
  if (cur) items.push(cur);
  if (items.length === 0) return null;
  const chain: Chain = { start: anchorStart, end, items, law };
  if (otherLaw !== undefined) chain.otherLaw = otherLaw;
  return chain;
}

/** Code of an item, before checking the catalogue. */
function codeOf(law: 'woo' | 'wob', article: string, lid: number | null, point: string | null): string {
  let code = `${law}:${article}`;
  if (lid !== null) code += `.${lid}`;
  if (point) code += `.${point}`;
  return code;
}

function shapeOf(article: string): 'woo' | 'wob' | null {
  if (/^5\.(?:1|2|4a?)$/.test(article)) return 'woo';
  if (article === '10' || article === '11') return 'wob';
  return null;
}

/** @internal A citation before its context is read. */
export interface Draft {
  entry: GroundEntry;
  span: Span;
  source: GroundCitation['source'];
  confidence: number;
  lawInferred?: boolean;
  ocrRepaired?: boolean;
  specific?: boolean;
}

function toCitation(ctx: TextContext, d: Draft): GroundCitation {
  const { text } = ctx;
  const context = ctx.mode === 'prose' ? ctx.sentence(d.span.start, d.span.end) : lineAround(text, d.span);
  const e = d.entry;
  const c: GroundCitation = {
    code: e.code,
    law: e.law === 'marker' ? 'other' : e.law,
    article: e.article,
    lid: e.lid,
    point: e.point,
    short: e.short,
    specific: d.specific ?? (e.kind === 'ground' || e.kind === 'other'),
    text: text.slice(d.span.start, d.span.end),
    span: d.span,
    source: d.source,
    confidence: d.confidence,
    context: { text: '', span: context },
  };
  if (d.ocrRepaired) c.ocrRepaired = true;
  if (d.lawInferred) c.lawInferred = true;
  if (d.span.start >= ctx.lawQuoteFrom || quotesLaw(text, context)) c.lawQuote = true;
  const shown = clampContext(text, context, d.span);
  c.context = { text: text.slice(shown.start, shown.end), span: shown };
  return c;
}

/** LAW_TEXT tests of the last text, by context span: the citations of a table share one, and a page is read under several regimes. */
let lawTextTests: { text: string; bySpan: Map<number, boolean> } | null = null;

/** Whether a context is the law's own text (LAW_TEXT). */
function quotesLaw(text: string, context: Span): boolean {
  if (lawTextTests?.text !== text) lawTextTests = { text, bySpan: new Map() };
  const key = context.start * (text.length + 1) + context.end;
  let quotes = lawTextTests.bySpan.get(key);
  if (quotes === undefined) lawTextTests.bySpan.set(key, (quotes = LAW_TEXT.test(text.slice(context.start, context.end))));
  return quotes;
}

/**
 * Longest context a citation carries. Text without sentence ends (inventory tables, lists)
 * made "sentences" of up to 2,400 characters: 72 % of the output of a 500-page dossier.
 */
const MAX_CONTEXT = 600;

/** A context longer than `MAX_CONTEXT`: the whole lines around the citation that fit, else a window cut at spaces. */
function clampContext(text: string, context: Span, cite: Span): Span {
  if (context.end - context.start <= MAX_CONTEXT) return context;
  const half = MAX_CONTEXT / 2;
  let s = cite.start;
  while (s > context.start) {
    const lineStart = text.lastIndexOf('\n', s - 2) + 1;
    const next = Math.max(context.start, lineStart);
    if (cite.start - next > half) break;
    s = next;
  }
  let e = cite.end;
  while (e < context.end) {
    const nl = text.indexOf('\n', e + 1);
    const next = Math.min(context.end, nl < 0 ? text.length : nl);
    if (next - cite.end > half) break;
    e = next;
  }
  if (s === cite.start && cite.start - context.start > 0) {
    // no whole line fits before: cut at a space
    const from = Math.max(context.start, cite.start - half);
    const space = text.indexOf(' ', from);
    s = space >= 0 && space < cite.start ? space + 1 : from;
  }
  if (e === cite.end && context.end > cite.end) {
    const to = Math.min(context.end, cite.end + half);
    const space = text.lastIndexOf(' ', to);
    e = space > cite.end ? space : to;
  }
  return { start: s, end: e };
}

/** The line (or cell) around a span: the context of a label or inventory finding. */
function lineAround(text: string, span: Span): Span {
  let s = span.start;
  while (s > 0 && text[s - 1] !== '\n' && span.start - s < 400) s--;
  let e = span.end;
  while (e < text.length && text[e] !== '\n' && e - span.end < 400) e++;
  return { start: s, end: e };
}

/** Whether another law is named right before an article word on the same line. */
function lawBefore(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  return LAW_BEFORE.test(before.slice(before.lastIndexOf('\n') + 1));
}

/** Build the citations of one parsed chain. */
function chainCitations(ctx: TextContext, chain: Chain, out: Draft[]): void {
  const { text, regime } = ctx;
  if (chain.law === 'other') {
    specialRegimeCitations(ctx, chain, out);
    return;
  }
  // another law named right before the article word
  if (chain.law === null && lawBefore(text, chain.start)) return;
  const bareTen = chain.items.some((it) => it.article === '10' && it.lid === null && it.points.length === 0);
  const last = chain.items[chain.items.length - 1];
  for (const it of chain.items) {
    if (it.colon) continue;
    const shape = shapeOf(it.article);
    if (!shape) continue; // 3.1, 4.4, 6.2: Woo/Wob articles that are no grounds, or other numbering
    if (it.ocr && chain.law !== 'wob' && regime !== 'wob') continue;
    let law: 'woo' | 'wob';
    let lawInferred = false;
    if (chain.law) {
      if (chain.law !== shape) continue; // "artikel 10 van de Woo": not a ground
      law = chain.law;
    } else {
      // No law word: the shape decides when it is unambiguous, else the document's regime.
      const distinctive = it.points.length > 0 && it.lid !== null;
      if (shape === 'woo' && regime === 'wob' && !distinctive) continue;
      if (shape === 'wob' && regime !== 'wob' && !(distinctive && it.compact)) continue;
      law = shape;
      lawInferred = true;
    }
    const points: (string | null)[] = it.points.length ? it.points : [null];
    const span = { start: it.start, end: it === last ? chain.end : it.end };
    for (const point of points) {
      const entry = groundEntry(codeOf(law, it.article, it.lid, point));
      if (!entry) continue;
      // Article-level mentions only when the law is named ("artikelen 10 en 11 van de Wob").
      if (entry.kind === 'mention' && lawInferred) continue;
      const generic = bareTen && it.lid === null && point === null;
      const draft: Draft = {
        entry,
        span,
        source: ctx.mode === 'prose' ? 'prose' : ctx.mode,
        confidence: entry.kind === 'mention' ? 0.9 : !lawInferred ? 0.98 : it.compact && it.points.length > 0 ? 0.95 : regime === law ? 0.85 : 0.75,
      };
      if (lawInferred) draft.lawInferred = true;
      if (generic) draft.specific = false;
      if (it.ocr) {
        draft.ocrRepaired = true;
        draft.confidence = Math.min(draft.confidence, 0.8);
      }
      out.push(draft);
    }
  }
}

/** `artikel 67 AWR`, `artikel 8:79 Awb`: special regimes that replace the Woo grounds. */
function specialRegimeCitations(ctx: TextContext, chain: Chain, out: Draft[]): void {
  const regime = chain.otherLaw ? specialRegime(chain.otherLaw) : undefined;
  if (!regime) return;
  const sentence = ctx.sentence(chain.start, chain.end);
  if (ctx.mode === 'prose' && !WITHHOLDING.test(ctx.text.slice(sentence.start, sentence.end))) return;
  for (const it of chain.items) {
    const article = it.article.toLowerCase();
    if (!regime.articles.includes(article)) continue;
    const code = `other:${regime.law}:${article}${it.lid !== null ? `.${it.lid}` : ''}`;
    const entry: GroundEntry = {
      code, law: 'other', kind: 'other', article, lid: it.lid, point: null, short: null, vwsKey: null,
      labelNl: `Artikel ${article} ${regime.name}`, glossEn: `special statutory regime: ${regime.name} art. ${article}`, absolute: null,
    };
    out.push({ entry, span: { start: chain.start, end: chain.end }, source: ctx.mode === 'prose' ? 'prose' : ctx.mode, confidence: 0.8 });
  }
}

/** Words that say a sentence is about withholding information. */
export const WITHHOLDING = /weiger|niet\s+openbaar|geen\s+openbaar|achterwege|gelakt|lakken|weggelakt|onleesbaar|zwart\s*gemaakt|verwijderd|uitzondering|niet\s+(?:te\s+|worden\s+)?(?:verstrekt|verstrekken|openbaren|openbaar\s+(?:gemaakt|maken)|vrijgegeven)|verstrek\s+(?:ik\s+)?geen|geen\s+informatie|anonimis|afgeschermd|onthouden|zwaarder|opweegt|weegt\s+niet\s+op|niet\s+op\s+tegen|prevale|ter\s+bescherming|schaden|geschaad|schend|in\s+gevaar|belemmer|benadel|in\s+het\s+geding|vanwege|deels\s+openbaar|toegepast|aangegeven\s+als/i;

/** Compact codes outside prose chains. */
function compactCitations(ctx: Pick<TextContext, 'text' | 'mode'>, covered: (s: number, e: number) => boolean, out: Draft[]): void {
  const { text, mode } = ctx;
  // In prose a compact code alone on a short line is a label printed in the text layer.
  const sourceAt = (start: number, end: number): GroundCitation['source'] => {
    if (mode !== 'prose') return mode;
    const line = lineAround(text, { start, end });
    return line.end - line.start - (end - start) <= 24 ? 'label' : 'prose';
  };
  interface Cand { draft: Draft; strong: boolean }
  const cands: Cand[] = [];
  COMPACT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COMPACT.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    if (covered(start, end)) continue;
    const before = text.slice(Math.max(0, start - 24), start);
    if (SECTION_BEFORE.test(before)) continue;
    let code: string;
    let letterCode = false;
    if (m[1]) {
      code = `woo:5.1.${m[1]}.${(m[2] ?? '').toLowerCase()}`;
      letterCode = true;
    } else if (m[3]) {
      code = `wob:10.${m[3]}.${(m[4] ?? '').toLowerCase()}`;
      letterCode = true;
    } else if (m[7]) {
      // "(10)(2e)": the notation of some ministries' inventory exports
      code = `wob:10.${m[8]}.${(m[9] ?? '').toLowerCase()}`;
      letterCode = true;
    } else if (m[10]) {
      code = `wob:11.${m[11]}`;
      letterCode = true;
    } else if (m[5]) {
      const bare = m[5].toLowerCase();
      code = bare.startsWith('5') ? `woo:${bare}` : `wob:${bare}`;
    } else {
      code = 'wob:11'; // a bare article number: only beside other codes or before "Wob"
    }
    const entry = groundEntry(code);
    if (!entry) continue;
    const after = LAW_AFTER.exec(text.slice(end, end + 40));
    let spanEnd = end;
    if (after) {
      const w = (after[1] ?? '').toLowerCase();
      const law = w === 'woo' || w === 'wet open overheid' ? 'woo' : 'wob';
      if (law !== entry.law) continue;
      spanEnd = end + after[0].length;
    }
    const declared = DECLARED_BEFORE.test(before) || /['‘’"“]$/.test(before);
    const strong = m[6] ? after !== null : mode !== 'prose' || letterCode || after !== null || declared;
    const draft: Draft = {
      entry,
      span: { start, end: spanEnd },
      source: sourceAt(start, spanEnd),
      confidence: letterCode ? 0.95 : mode !== 'prose' ? 0.9 : 0.85,
    };
    // the law of a bare or letter code comes from its shape unless named
    if (!after) draft.lawInferred = true;
    cands.push({ draft, strong });
    // "10.1.d, 10.2.a, e": in labels and inventories a lone letter continues the last code's lid
    if (letterCode && mode !== 'prose') {
      const more = /^(?:\s*(?:,|en|&|;)\s*([a-i])(?![\w-]))+/i.exec(text.slice(end, end + 40));
      if (more) {
        const base = code.slice(0, code.lastIndexOf('.'));
        const re = /([a-i])(?![\w-])/gi;
        let l: RegExpExecArray | null;
        while ((l = re.exec(more[0]))) {
          const e2 = groundEntry(`${base}.${(l[1] ?? '').toLowerCase()}`);
          const at = end + l.index;
          if (e2) cands.push({ draft: { entry: e2, span: { start: at, end: at + 1 }, source: draft.source, confidence: 0.85, lawInferred: true }, strong: true });
        }
        COMPACT.lastIndex = end + more[0].length;
      }
    }
  }
  // In prose a bare code counts when it stands in one list with a strong one ("5.1.2e, 5.2").
  let i = 0;
  while (i < cands.length) {
    let j = i;
    while (j + 1 < cands.length && LIST_GAP.test(text.slice(cands[j]!.draft.span.end, cands[j + 1]!.draft.span.start))) j++;
    const group = cands.slice(i, j + 1);
    const strong = group.some((c) => c.strong);
    for (const c of group) if (strong) out.push(c.draft);
    i = j + 1;
  }
}

/** OCR-corrupted codes in labels and inventory cells. */
function ocrCitations(ctx: TextContext, covered: (s: number, e: number) => boolean, out: Draft[]): void {
  const { text } = ctx;
  OCR_CODE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OCR_CODE.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    if (covered(start, end)) continue;
    let code: string | null = null;
    if (m[1]) {
      // "Z" is a misread 2; "6", "0", "8", "@", "¢" a misread e; "l", "1", "|", "!", "I" a misread i
      const lid = /^[12]$/.test(m[2] ?? '') ? m[2] : '2';
      let tail = m[3] ?? '';
      if (tail.startsWith('¢')) tail = tail.length > 1 ? tail.slice(1).toLowerCase() : 'e';
      else if (/^[608@]$/.test(tail)) tail = lid === '2' ? 'e' : '';
      else if (/^[l1|!I]$/.test(tail)) tail = lid === '2' ? 'i' : '';
      else tail = tail.toLowerCase();
      if (tail) code = `woo:5.1.${lid}.${tail}`;
    } else if (m[4]) {
      const lidChar = (m[6] ?? '').toLowerCase();
      const lid = lidChar === '2' ? '2' : '1';
      const point = (m[7] ?? '').toLowerCase();
      code = `wob:10.${lid}.${point === '9' ? 'g' : point}`;
    }
    if (!code) continue;
    const entry = groundEntry(code);
    if (!entry) continue;
    out.push({ entry, span: { start, end }, source: ctx.mode === 'prose' ? 'label' : ctx.mode, confidence: 0.7, ocrRepaired: true, lawInferred: true });
  }
}

/** Inventory markers in labels and inventory cells. */
const MARKER = /\b(dubbel|reeds\s+openbaar|buiten\s+(?:de\s+)?(?:reikwijdte|verzoek|scope))\b/gi;
function markerCitations(ctx: TextContext, out: Draft[]): void {
  MARKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARKER.exec(ctx.text))) {
    const w = (m[1] ?? '').toLowerCase();
    const code = w === 'dubbel' ? 'marker:dubbel' : w.startsWith('reeds') ? 'marker:reeds-openbaar' : 'marker:buiten-reikwijdte';
    const entry = groundEntry(code);
    if (entry) out.push({ entry, span: { start: m.index, end: m.index + m[0].length }, source: ctx.mode === 'prose' ? 'label' : ctx.mode, confidence: 0.9 });
  }
}

/**
 * A test "does [s, e) overlap any of these spans" in O(log n): spans sorted by start and,
 * to stay exact when they nest, the running maximum of their ends.
 */
export function overlapsAny(spans: readonly Span[]): (s: number, e: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  let m = -Infinity;
  for (const sp of sorted) maxEnd.push((m = Math.max(m, sp.end)));
  return (s, e) => {
    // last span starting before e
    let lo = 0;
    let hi = sorted.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start < e) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return k >= 0 && maxEnd[k]! > s;
  };
}

/**
 * What the numbered citations of a text are built from, whatever its regime: the parsed
 * chains and the compact codes outside them. Found once when a text is read under several
 * regimes (see detectGroundsByLaw).
 */
export interface NumberedScan {
  chains: Chain[];
  /** Whether a span overlaps a chain. */
  covered: (s: number, e: number) => boolean;
  compact: Draft[];
}

/** Parse the chains and compact codes of a text (what does not depend on its regime). */
export function scanNumbered(ctx: Pick<TextContext, 'text' | 'mode'>): NumberedScan {
  const { text } = ctx;
  const chains: Chain[] = [];
  const chainSpans: Span[] = [];
  let otherEnd = -1;
  ANCHOR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ANCHOR.exec(text))) {
    const start = m.index;
    // an article word: parse after it; a bare number anchor: parse at it
    const isWord = /^art/i.test(m[0]);
    const chain = parseChain(text, start, isWord ? start + m[0].length : start);
    if (!chain) continue;
    chainSpans.push({ start: chain.start, end: chain.end });
    // "Omgevingswet art. 5.1 lid 1 sub b … en art. 5.1 lid 2 sub a": the other law carries over
    if (chain.law === null && otherEnd >= 0 && chain.start - otherEnd < 80 && /^[^.;]*\ben\b[^.;]*$/.test(text.slice(otherEnd, chain.start))) {
      chain.law = 'other';
    }
    if (chain.law === 'other' || (chain.law === null && lawBefore(text, chain.start))) otherEnd = chain.end;
    chains.push(chain);
    if (chain.end > ANCHOR.lastIndex) ANCHOR.lastIndex = chain.end;
  }
  const covered = overlapsAny(chainSpans);
  const compact: Draft[] = [];
  compactCitations(ctx, covered, compact);
  return { chains, covered, compact };
}

/** Numbered citations (prose chains, compact codes, OCR'd codes, markers) in a text. */
export function numberedCitations(ctx: TextContext, scan: NumberedScan = scanNumbered(ctx)): GroundCitation[] {
  const drafts: Draft[] = [];
  for (const chain of scan.chains) chainCitations(ctx, chain, drafts);
  drafts.push(...scan.compact);
  if (ctx.mode !== 'prose') {
    const found = overlapsAny(drafts.map((d) => d.span));
    const all = (s: number, e: number): boolean => scan.covered(s, e) || found(s, e);
    ocrCitations(ctx, all, drafts);
    markerCitations(ctx, drafts);
  }
  return drafts.map((d) => toCitation(ctx, d));
}

export type { Law };
