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

const TERMINATOR = /[.!?]/;
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
  if (c === undefined || !TERMINATOR.test(c)) return false;
  let j = i + 1;
  // closing quotes or brackets stay with the sentence
  while (j < text.length && /["'”’)\]]/.test(text[j] ?? '')) j++;
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

/** The span of the sentence around `[start, end)`. */
export function sentenceAround(text: string, start: number, end: number = start): Span {
  let s = start;
  const sMin = Math.max(0, start - MAX_REACH);
  while (s > sMin) {
    const i = s - 1;
    if ((TERMINATOR.test(text[i] ?? '') || text[i] === '\n') && endsSentenceAt(text, i)) break;
    s--;
  }
  let e = Math.max(end, start);
  const eMax = Math.min(text.length, end + MAX_REACH);
  while (e < eMax) {
    const c = text[e];
    if ((c !== undefined && TERMINATOR.test(c)) || c === '\n') {
      if (endsSentenceAt(text, e)) {
        if (c !== '\n') e++;
        // keep closing quotes/brackets
        while (e < text.length && /["'”’)\]]/.test(text[e] ?? '')) e++;
        break;
      }
    }
    e++;
  }
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return { start: s, end: e };
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
