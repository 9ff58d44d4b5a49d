/**
 * Grounds named only by their words ("ter bescherming van de persoonlijke levenssfeer",
 * "het goed functioneren van de Staat", "persoonlijke beleidsopvattingen"). In prose they
 * count only when the sentence is about withholding (or the line is a heading naming the
 * ground); in labels and inventory cells they always count. The phrase gives the ground's
 * family; the regime (Woo or Wob) comes from a law word in the sentence, the caller, or
 * the document.
 */
import type { GroundCitation, Span } from '@lakmoes/schema';
import { CATALOGUE, groundEntry, type GroundEntry } from './catalogue.js';
import { WITHHOLDING, type TextContext } from './grounds.js';
import { sentenceAround } from './sentences.js';

interface Phrase {
  entry: GroundEntry;
  /** the whole phrase, anchored at a window's start */
  re: RegExp;
}

/** OCR reads "ij" as "ii", "lj" or "y" ("persoonliike levenssfeer"). */
const tolerant = (src: string): string => src.replace(/ /g, '\\s+').replace(/ij/g, '(?:ij|ii|lj|y)');

/**
 * The longest plain word of a phrase source (outside groups and classes): the keyword that
 * a fast first scan looks for. One alternation of ~40 phrases runs at ~55 MB/s; a scan for
 * their keywords, with each phrase tried only in a window around a hit, is several times faster.
 */
function keywordOf(src: string): string {
  let plain = src;
  for (let i = 0; i < 5; i++) plain = plain.replace(/\([^()]*\)\??|\[[^\]]*\]/g, ' ');
  const words = plain.split(/[^a-zà-ÿ]+/).filter((w) => w.length >= 4);
  const best = words.sort((a, b) => b.length - a.length)[0];
  if (!best) throw new Error(`catalogue phrase without a plain keyword: ${src}`);
  return best;
}

const LETTER_BEFORE = /[A-Za-zÀ-ÖØ-öø-ÿ]$/;
const LETTER_AFTER = /^[A-Za-zÀ-ÖØ-öø-ÿ]/;

/** Phrases by keyword, and one scan over all keywords. */
const BY_KEYWORD = new Map<string, Phrase[]>();
for (const entry of CATALOGUE) {
  for (const p of entry.phrases ?? []) {
    const key = keywordOf(p);
    const list = BY_KEYWORD.get(key) ?? [];
    list.push({ entry, re: new RegExp(tolerant(p), 'gi') });
    BY_KEYWORD.set(key, list);
  }
}
const KEYWORDS = [...BY_KEYWORD.keys()];
const KEYWORD_SCAN = new RegExp(KEYWORDS.map((k) => `(${tolerant(k)})`).join('|'), 'gi');
/** How far a phrase may reach from its keyword. */
const REACH = 120;

/** @internal A phrase found in a text, with the ground it names. */
export interface PhraseHit {
  entry: GroundEntry;
  span: Span;
}

/** Every phrase occurrence, found from its keyword. */
export function phraseHits(text: string): PhraseHit[] {
  const hits: PhraseHit[] = [];
  KEYWORD_SCAN.lastIndex = 0;
  let k: RegExpExecArray | null;
  while ((k = KEYWORD_SCAN.exec(text))) {
    let g = 1;
    while (g < k.length && k[g] === undefined) g++;
    const phrases = BY_KEYWORD.get(KEYWORDS[g - 1] ?? '') ?? [];
    const from = Math.max(0, k.index - REACH);
    const window = text.slice(from, Math.min(text.length, k.index + k[0].length + REACH));
    let best: PhraseHit | null = null;
    for (const p of phrases) {
      p.re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = p.re.exec(window))) {
        const start = from + m.index;
        const end = start + m[0].length;
        if (m[0].length === 0) { p.re.lastIndex++; continue; }
        // the match must contain this keyword and stand as whole words
        if (start > k.index || end < k.index + k[0].length) continue;
        if (LETTER_BEFORE.test(text.slice(Math.max(0, start - 1), start)) || LETTER_AFTER.test(text.slice(end, end + 1))) continue;
        if (!best || end - start > best.span.end - best.span.start) best = { entry: p.entry, span: { start, end } };
      }
    }
    // keyword hits come in text order: only the last phrase can overlap this one
    const last = hits[hits.length - 1];
    if (best && !(last && last.span.start < best.span.end && last.span.end > best.span.start)) hits.push(best);
  }
  return hits;
}

/** Woo code → its Wob predecessor (reverse of wooSuccessors; first one wins). */
const WOB_PREDECESSOR = new Map<string, string>();
for (const e of CATALOGUE) for (const s of e.wooSuccessors ?? []) if (!WOB_PREDECESSOR.has(s)) WOB_PREDECESSOR.set(s, e.code);
WOB_PREDECESSOR.set('woo:5.2', 'wob:11');

/** A heading line that names a ground ("Eerbiediging van de persoonlijke levenssfeer"). */
function isHeading(text: string, span: Span): boolean {
  let s = span.start;
  while (s > 0 && text[s - 1] !== '\n') s--;
  let e = span.end;
  while (e < text.length && text[e] !== '\n') e++;
  const line = text.slice(s, e).trim();
  return line.length <= span.end - span.start + 30 && !/[.;:]$/.test(line) && /^(?:[\d.]+\s*|[a-z]\.?\s+|[-•]\s*)?(?:de\s+|het\s+)?[A-Z]/i.test(line);
}

/** "… bevat bedrijfsgegevens die vertrouwelijk zijn gedeeld. Ik zal deze informatie niet openbaar maken." */
function nextSentenceWithholds(ctx: TextContext, end: number): boolean {
  const { text } = ctx;
  if (end >= text.length) return false;
  const next = ctx.sentence(Math.min(text.length, end + 1), Math.min(text.length, end + 1));
  if (next.start < end) return false;
  const t = text.slice(next.start, next.end);
  return /\b(?:deze|die|dit|daarom|hiervan|daarvan|hierin|daarin|daarover|hierover)\b/i.test(t) && WITHHOLDING.test(t);
}

const DEFINITION = /\b(?:wordt|worden)\s+(?:\S+\s+){0,6}verstaan\b|\bverstaan\s+onder\b|\bonder\s+\S+(?:\s+\S+){0,3}\s+(?:wordt|worden)\s+verstaan/i;

/** The regime named in a sentence (Woo/Wob words), else null. */
function regimeInSentence(sentence: string): 'woo' | 'wob' | null {
  const woo = /\b(?:woo|wet open overheid)\b/i.test(sentence);
  const wob = /\b(?:wob|wet openbaarheid van bestuur)\b/i.test(sentence);
  if (woo === wob) return null;
  return woo ? 'woo' : 'wob';
}

/** Map a phrase's entry onto the regime in force. */
function inRegime(entry: GroundEntry, regime: 'woo' | 'wob'): GroundEntry | undefined {
  if (entry.law === regime) return entry;
  if (regime === 'wob') {
    const code = WOB_PREDECESSOR.get(entry.code);
    return code ? groundEntry(code) : undefined;
  }
  const succ = entry.wooSuccessors?.[0];
  return succ ? groundEntry(succ) : undefined;
}

/**
 * Description citations. `numbered` are the numbered citations already found: a
 * description of the same ground in the same sentence adds nothing and is skipped.
 * `hits`: the text's `phraseHits`, when already found (they do not depend on the regime).
 */
export function descriptionCitations(ctx: TextContext, numbered: readonly GroundCitation[], hits: readonly PhraseHit[] = phraseHits(ctx.text)): GroundCitation[] {
  const { text, mode } = ctx;
  const out: GroundCitation[] = [];
  const seen = new Set<string>();
  // numbered citations by start, to find those in a sentence by binary search
  const byStart = [...numbered].sort((a, b) => a.span.start - b.span.start);
  const numberedIn = (start: number, end: number): GroundCitation[] => {
    let lo = 0;
    let hi = byStart.length;
    // first citation that could end after `start`: citations are short, so back off a little
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid]!.span.start < start - 2000) lo = mid + 1;
      else hi = mid;
    }
    const found: GroundCitation[] = [];
    for (let i = lo; i < byStart.length && byStart[i]!.span.start < end; i++) if (byStart[i]!.span.end > start) found.push(byStart[i]!);
    return found;
  };
  for (const { entry: phraseEntry, span } of hits) {
    const sentence = mode === 'prose' ? ctx.sentence(span.start, span.end) : { start: 0, end: text.length };
    const sentenceText = text.slice(sentence.start, sentence.end);
    const heading = mode === 'prose' && isHeading(text, span);
    if (mode === 'prose' && !heading && !WITHHOLDING.test(sentenceText) && !nextSentenceWithholds(ctx, sentence.end)) continue;
    // a definition ("onder bijzondere persoonsgegevens worden verstaan …") applies nothing
    if (mode === 'prose' && DEFINITION.test(sentenceText)) continue;
    // a sentence that cites a ground by number is about that ground: its words describe it
    const inSentence = numberedIn(sentence.start, sentence.end);
    if (mode === 'prose' && inSentence.some((c) => c.specific)) continue;
    const named = regimeInSentence(sentenceText);
    const regime = named ?? ctx.regime ?? 'woo';
    const entry = inRegime(phraseEntry, regime);
    if (!entry) continue;
    // already cited by number in the same sentence (or overlapping)
    if (inSentence.some((c) => c.code === entry.code || c.code.startsWith(`${entry.code}.`))) continue;
    const key = `${entry.code}@${sentence.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const citation: GroundCitation = {
      code: entry.code,
      law: entry.law === 'marker' ? 'other' : entry.law,
      article: entry.article,
      lid: entry.lid,
      point: entry.point,
      short: entry.short,
      specific: true,
      text: text.slice(span.start, span.end),
      span,
      source: 'description',
      confidence: mode !== 'prose' ? 0.75 : heading ? 0.6 : 0.55,
      context: { text: sentenceText, span: sentence },
    };
    if (!named) citation.lawInferred = true;
    if (span.start >= ctx.lawQuoteFrom) citation.lawQuote = true;
    out.push(citation);
  }
  return out;
}
