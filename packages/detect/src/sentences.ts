/**
 * Dutch sentence boundaries for legal text, without a dependency.
 *
 * Measured (ENGINEERING-NOTES §7): `Intl.Segmenter('nl')` splits after `art.`, `r.o.` and
 * `Mr.`; compromise (English only) splits after `art.` before a number; natural's
 * tokenizer splits after nearly every abbreviation. A period ends a sentence here only
 * when it is followed by white space and an upper-case letter or an opening quote, and
 * the word before it is not a known abbreviation or an initial. A blank line always ends one.
 */
import type { Span } from '@lakmoes/schema';

/** Abbreviations that end in a period without ending the sentence (lower case, without the final dot). */
const ABBREVIATIONS = new Set([
  'art', 'artt', 'nr', 'nrs', 'no', 'o.a', 'd.d', 'r.o', 'e.d', 'i.o.v', 'm.b.t', 't.a.v', 'jo', 'bijv', 'resp', 'ca',
  'mr', 'dhr', 'mevr', 'mw', 'drs', 'dr', 'ir', 'ing', 'prof', 'stb', 'stcrt', 'blz', 'vgl', 'zgn', 'p', 'pag', 'pp',
  'jl', 'jr', 'enz', 'etc', 'i.c', 'a.s', 'z.s.m', 'e.e.a', 'c.q', 'm.i.v', 't.b.v', 'i.v.m', 'n.a.v', 'm.n', 'o.b.v',
  'evt', 'incl', 'excl', 'min', 'kst', 'tel', 'fax', 'st', 'sr', 'ivm', 'tav', 'mbt', 'bv', 'b.v', 'n.v', 'nv', 'e.a',
  'a.i', 'i.p.v', 'd.w.z', 'm.a.w', 'o.m', 't.z.t', 'v.w.b', 'red', 'ed', 'afd', 'jur', 'wetsvoorstel', 'gem', 'vs',
]);

/** Closing quotes and brackets that stay with the sentence before them: " ' ” ’ ) ]. */
const isCloser = (code: number): boolean => code === 0x22 || code === 0x27 || code === 0x201d || code === 0x2019 || code === 0x29 || code === 0x5d;
const UPPER_START = /[A-ZÀ-ÖØ-Þ"'“‘(\[]/;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\u00a0';
}

/** The word (letters, digits and dots) that ends just before `i` (the terminator index). */
function wordBefore(text: string, i: number): string {
  let s = i;
  while (s > 0 && !isSpace(text[s - 1]) && text[s - 1] !== '(' && i - s < 20) s--;
  return text.slice(s, i);
}

/**
 * Whether a sentence ends after `text[i]` (a terminator or the second newline of a blank line).
 * `i` is the index of the character that may end the sentence.
 */
function endsSentenceAt(text: string, i: number): boolean {
  const c = text[i];
  if (c === '\n') {
    // a blank line (paragraph break)
    let j = i + 1;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
    return text[j] === '\n';
  }
  if (c !== '.' && c !== '!' && c !== '?') return false;
  let j = i + 1;
  // closing quotes or brackets stay with the sentence
  while (j < text.length && isCloser(text.charCodeAt(j))) j++;
  if (j < text.length && !isSpace(text[j])) return false;
  while (j < text.length && isSpace(text[j])) j++;
  if (j >= text.length) return true;
  const next = text[j] ?? '';
  if (!UPPER_START.test(next)) return false; // lower case, digit, §: the sentence goes on
  if (c !== '.') return true;
  const word = wordBefore(text, i);
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return false;
  if (/^[A-Z]$/.test(word)) return false; // an initial: "J. de Vries" (single lower-case letters do end: "onder e.")
  if (/^(?:[A-Za-z]\.)+[A-Za-z]$/.test(word)) return false; // dotted abbreviation: "o.a", "i.o.v"
  return true;
}

/** Longest stretch looked at on either side of a finding: keeps contexts short and work bounded. */
const MAX_REACH = 1200;

const isCandidate = (code: number): boolean => code === 46 || code === 33 || code === 63 || code === 10; // . ! ? \n

/** Move past closing quotes/brackets after a terminator. */
function pastClosers(text: string, e: number): number {
  while (e < text.length && isCloser(text.charCodeAt(e))) e++;
  return e;
}

function trim(text: string, s: number, e: number): Span {
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return { start: s, end: e };
}

/** The span of the sentence around `[start, end)`. */
export function sentenceAround(text: string, start: number, end: number = start): Span {
  let s = start;
  const sMin = Math.max(0, start - MAX_REACH);
  while (s > sMin) {
    const i = s - 1;
    if (isCandidate(text.charCodeAt(i)) && endsSentenceAt(text, i)) {
      if (text.charCodeAt(i) !== 10) s = pastClosers(text, s);
      break;
    }
    s--;
  }
  let e = Math.max(end, start);
  const eMax = Math.min(text.length, end + MAX_REACH);
  while (e < eMax) {
    const code = text.charCodeAt(e);
    if (isCandidate(code) && endsSentenceAt(text, e)) {
      if (code !== 10) e = pastClosers(text, e + 1);
      break;
    }
    e++;
  }
  return trim(text, s, e);
}

/**
 * All sentence ends of a text, found in one pass; `around()` then answers by binary search.
 * Worth it when a text has many findings (an inventory, a dense letter): one pass instead
 * of a scan of up to 2 × 1,200 characters per finding.
 */
export class SentenceIndex {
  /** offsets just past each sentence end (terminator plus closers, or the blank line) */
  private readonly ends: number[] = [];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (isCandidate(code) && endsSentenceAt(text, i)) this.ends.push(code === 10 ? i : pastClosers(text, i + 1));
    }
  }
  /** The span of the sentence around `[start, end)`, as `sentenceAround` gives it. */
  around(start: number, end: number = start): Span {
    const { ends, text } = this;
    // first end > start is where the sentence containing `start` stops... unless end is later
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! <= start) lo = mid + 1;
      else hi = mid;
    }
    let s = lo > 0 ? ends[lo - 1]! : 0;
    let k = lo;
    while (k < ends.length && ends[k]! < end) k++;
    let e = k < ends.length ? ends[k]! : text.length;
    // same reach limits as sentenceAround
    s = Math.max(s, start - MAX_REACH);
    e = Math.min(e, end + MAX_REACH);
    return trim(text, s, e);
  }
}

/** Split a text into sentence spans. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let pos = 0;
  while (pos < text.length) {
    while (pos < text.length && isSpace(text[pos])) pos++;
    if (pos >= text.length) break;
    const span = sentenceAround(text, pos, pos);
    // sentenceAround may reach back before pos only if pos was not a boundary; clamp.
    const start = Math.max(span.start, pos);
    const end = Math.max(span.end, start + 1);
    out.push({ start, end });
    pos = end;
  }
  return out;
}

/**
 * Every offset where a sentence may end (what `sentenceAround`'s scans stop at), found in one
 * pass: `around()` answers as `sentenceAround` does, exactly, by binary search. Text without
 * sentence ends (inventory tables, lists) made each finding scan 2 × 1,200 characters, and a
 * page is read under three regimes (core's analyzePageRange): 142 ms of 500 born-digital pages.
 */
class SentenceBoundaries {
  /** offsets `i` where `endsSentenceAt(text, i)`, ascending */
  private readonly at: number[] = [];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (isCandidate(text.charCodeAt(i)) && endsSentenceAt(text, i)) this.at.push(i);
  }
  around(start: number, end: number = start): Span {
    const { at, text } = this;
    // the last boundary in [start - MAX_REACH, start), as sentenceAround's backward scan finds it
    const sMin = Math.max(0, start - MAX_REACH);
    let k = firstAtOrAfter(at, start) - 1;
    let s = Math.min(start, sMin);
    if (k >= 0 && at[k]! >= sMin) {
      const i = at[k]!;
      s = text.charCodeAt(i) === 10 ? i + 1 : pastClosers(text, i + 1);
    }
    // the first boundary in [max(start, end), end + MAX_REACH)
    const e0 = Math.max(end, start);
    const eMax = Math.min(text.length, end + MAX_REACH);
    k = firstAtOrAfter(at, e0);
    let e = Math.max(e0, eMax);
    if (k < at.length && at[k]! < eMax) {
      const i = at[k]!;
      e = text.charCodeAt(i) === 10 ? i : pastClosers(text, i + 1);
    }
    return trim(text, s, e);
  }
}

/** Index of the first value >= `x` in ascending `xs` (its length when none is). */
function firstAtOrAfter(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The boundaries of the last text looked up: a page's text is detected once per regime. */
let lastBoundaries: SentenceBoundaries | null = null;

function boundariesOf(text: string): SentenceBoundaries {
  if (lastBoundaries?.text !== text) lastBoundaries = new SentenceBoundaries(text);
  return lastBoundaries;
}

/**
 * Sentence lookups for one text: the sentence-end offsets found once (on first use), then
 * (on a long text with many findings) a SentenceIndex built once.
 */
export function sentenceLookup(text: string): (start: number, end: number) => Span {
  let calls = 0;
  let index: SentenceIndex | null = null;
  let boundaries: SentenceBoundaries | null = null;
  return (start, end) => {
    if (index) return index.around(start, end);
    if (++calls > 16 && text.length > 50_000 && calls * 2400 > text.length / 8) index = new SentenceIndex(text);
    if (index) return index.around(start, end);
    boundaries ??= boundariesOf(text);
    return boundaries.around(start, end);
  };
}
