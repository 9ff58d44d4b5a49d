/**
 * Kenmerken (references) and zaaknummers (case numbers) of letters and decisions.
 *
 * A kenmerk has no fixed syntax (`WOB/2021/222`, `CE20-07599`, `DGA-DAD / 20276159`,
 * `Min-BuZa.2020.5242-15`, `Z2024-00004512`), so it is only taken right after one
 * of its labels ("Ons kenmerk", "Onze referentie", "Zaaknummer", …). In letter
 * heads the label and value are often on consecutive lines of the margin column,
 * so one line break is allowed between them. A value must contain a digit:
 * "Onze referentie: Woo" and "het kenmerk van deze brief" are not kenmerken.
 */
import type { Identifier } from '@lakmoes/schema';
import { isDigitCode, letterRunStart, previousWordStart } from './shared.js';

/** Which record type a label introduces. */
export type KenmerkKind = 'kenmerk' | 'zaaknummer';

/** One label that introduces a kenmerk or zaaknummer. */
export interface KenmerkLabel {
  /** The label, words separated by single spaces; matched case-insensitively. */
  text: string;
  kind: KenmerkKind;
}

/** The labels, longest first where one is a prefix of another (the regex tries them in order). */
export const KENMERK_LABELS: readonly KenmerkLabel[] = [
  { text: 'Ons kenmerk', kind: 'kenmerk' },
  { text: 'Uw kenmerk', kind: 'kenmerk' },
  { text: 'Kenmerk', kind: 'kenmerk' },
  { text: 'Onze referentie', kind: 'kenmerk' },
  { text: 'Uw referentie', kind: 'kenmerk' },
  { text: 'Referentienummer', kind: 'kenmerk' },
  { text: 'Referentie', kind: 'kenmerk' },
  { text: 'Documentnummer', kind: 'kenmerk' },
  { text: 'Dossiernummer', kind: 'kenmerk' },
  { text: 'Ons zaaknummer', kind: 'zaaknummer' },
  { text: 'Uw zaaknummer', kind: 'zaaknummer' },
  { text: 'Zaaknummer', kind: 'zaaknummer' },
  { text: 'Zaak', kind: 'zaaknummer' },
];

/** Shortest value accepted: shorter digit runs after "Referentie" are section numbers or OCR debris. */
export const KENMERK_MIN_LENGTH = 4;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Cheap scans for a tail of every label ("…enmerk", "…eferentie", "zaak…",
// "…nummer"), upper-case letter heads included. Three passes over long literals let
// the regex engine skip ahead; one alternation of all labels, or a case-insensitive
// one, measured 5–10× slower.
const SCANS: readonly RegExp[] = [/enmerk|eferentie|ENMERK|EFERENTIE/g, /[Zz]aak|ZAAK/g, /nummer|NUMMER/g];

// Tried (sticky) at a word start near a scan hit: label, spaces, an optional colon,
// at most one line break. Group 1 = label.
const LABEL_RE = new RegExp(
  '(' +
    KENMERK_LABELS.map((l) => l.text.split(' ').map(escapeRegExp).join(String.raw`[ \t]{1,3}`)).join('|') +
    String.raw`)(?![A-Za-z])[ \t]{0,40}(?::[ \t]{0,40})?(?:\r?\n[ \t]{0,80})?`,
  'iy',
);

// A value at the position the label left off (sticky). An optional short prefix
// before a space (`JZ 18-731`, `SGR 22/6459`, `Wob 2020-171`, `WOB-Genhoes 19`:
// all capitals, one capitalised word of at most 4 letters, or a hyphenated word —
// not a body heading such as "Conclusie" that lands between label and value),
// then alphanumeric chunks joined by `/ - _ .`; `/ - _` may carry spaces when a
// digit follows (`DGA-DAD / 20276159`, `2019- 0000054227`); a comma only between
// digits (OCR of `2019.009` as `2019,009`). Separators and chunks use disjoint
// characters, so the repetition cannot backtrack badly.
const VALUE_RE =
  /(?:(?:[A-Z]{2,8}|[A-Z][a-z]{1,3}|[A-Za-z]{2,12}-[A-Za-z-]{1,12}) (?=\d\d))?[A-Za-z0-9]+(?:(?:[/_.-]|(?<=\d),(?=\d)|[ ]?[/_-][ ]?(?=\d))[A-Za-z0-9]+)*/y;

// A second value in a list: `CE20-07584 en CE20-07583`.
const LIST_RE = / en (?=[A-Za-z0-9])/y;

const KIND_BY_LABEL = new Map(KENMERK_LABELS.map((l) => [l.text.toLowerCase(), l.kind]));

/** Which kind of identifier a printed label introduces (`Zaaknummer` → `zaaknummer`). */
export function kindOfLabel(label: string): KenmerkKind {
  return KIND_BY_LABEL.get(label.toLowerCase().replace(/\s+/g, ' ')) ?? 'kenmerk';
}

/** Canonical kenmerk: spaces around `/`, `-` and `_` removed, other runs of spaces made single. */
export function normalizeKenmerk(value: string): string {
  return value.replace(/\s*([/_-])\s*/g, '$1').replace(/\s+/g, ' ');
}

/** True when a candidate can be a kenmerk: long enough and containing a digit. */
export function isKenmerkValue(value: string): boolean {
  if (value.length < KENMERK_MIN_LENGTH) return false;
  for (let i = 0; i < value.length; i++) if (isDigitCode(value.charCodeAt(i))) return true;
  return false;
}

/** A label this far into its line, after two blanks, sits in a margin column (layout text). */
const MARGIN_COLUMN = 8;

/** Offset of the first character of the line holding `index`. */
function lineStartOf(text: string, index: number): number {
  let i = index;
  while (i > 0 && text.charCodeAt(i - 1) !== 10) i--;
  return i;
}

function isBlankCode(code: number): boolean {
  return code === 32 || code === 9 || code === 13;
}

/**
 * Where a value starts below a label printed at `column`: on the line starting at
 * `lineStart`, or the one after it when the first has nothing near that column.
 * The value must start near the column (4 before to 8 after) and stand apart from
 * body text by two blanks, so a body-text word is never taken. `-1` when there is none.
 */
function valueStartInColumn(text: string, lineStart: number, column: number): number {
  let ls = lineStart;
  for (let line = 0; line < 2 && ls < text.length; line++) {
    let lineEnd = text.indexOf('\n', ls);
    if (lineEnd < 0) lineEnd = text.length;
    const from = ls + (column > 4 ? column - 4 : 0);
    const to = Math.min(lineEnd, ls + column + 9);
    let sawContent = false;
    for (let p = from; p < to; p++) {
      if (isBlankCode(text.charCodeAt(p))) continue;
      sawContent = true;
      if (p === ls) return p;
      if (isBlankCode(text.charCodeAt(p - 1)) && (p - 1 === ls || isBlankCode(text.charCodeAt(p - 2)))) return p;
    }
    if (sawContent) return -1;
    ls = lineEnd + 1;
  }
  return -1;
}

/** Match a label at `at` (sticky); `null` when none starts there. */
function labelAt(text: string, at: number): RegExpExecArray | null {
  LABEL_RE.lastIndex = at;
  return LABEL_RE.exec(text);
}

/** Kenmerken and zaaknummers after their labels, in order of appearance. */
export function findKenmerken(text: string): Identifier[] {
  const out: Identifier[] = [];
  for (const scan of SCANS) scanLabels(text, scan, out);
  if (SCANS.length > 1) {
    // Two scans can reach the same label ("Zaaknummer" holds "zaak" and "nummer").
    out.sort((a, b) => a.span.start - b.span.start);
    let w = 0;
    for (let r = 0; r < out.length; r++) {
      const f = out[r]!;
      if (w > 0 && out[w - 1]!.span.start === f.span.start) continue;
      out[w++] = f;
    }
    out.length = w;
  }
  return out;
}

/** One scan: from each hit, find the label at its word start and read the value(s) after it. */
function scanLabels(text: string, scan: RegExp, out: Identifier[]): void {
  scan.lastIndex = 0;
  let hit: RegExpExecArray | null;
  while ((hit = scan.exec(text)) !== null) {
    // The label starts at the hit's word, or one word earlier ("Ons kenmerk");
    // starting at a word start is what keeps "noodzaak" from reading as "Zaak".
    const wordStart = letterRunStart(text, hit.index);
    const before = previousWordStart(text, wordStart);
    let m = before >= 0 ? labelAt(text, before) : null;
    // A label that ends before the hit is another, earlier label ("zaak zaak"): not ours.
    if (m !== null && before + (m[1]?.length ?? 0) <= hit.index) m = null;
    if (m === null) m = labelAt(text, wordStart);
    if (m === null) continue;
    const label = m[1] ?? '';
    const type = kindOfLabel(label);
    const labelStart = m.index;
    let pos = LABEL_RE.lastIndex;
    // Always move past the hit, so the scan cannot find it again.
    scan.lastIndex = pos > hit.index ? pos : hit.index + 1;
    if (m[0].includes('\n')) {
      // Label alone at the end of its line, set apart by blanks: in a right-hand
      // margin column (layout text) the value sits below it, after the body text
      // of the next line. A label ending a line of prose is followed by its value
      // on the next line's start, as everywhere else.
      const column = labelStart - lineStartOf(text, labelStart);
      if (column >= MARGIN_COLUMN && isBlankCode(text.charCodeAt(labelStart - 1)) && isBlankCode(text.charCodeAt(labelStart - 2))) {
        pos = valueStartInColumn(text, lineStartOf(text, pos), column);
        if (pos < 0) continue;
      }
    }
    for (;;) {
      VALUE_RE.lastIndex = pos;
      const v = VALUE_RE.exec(text);
      if (v === null) break;
      const value = v[0];
      if (!isKenmerkValue(value)) break;
      const start = pos;
      const end = pos + value.length;
      out.push({ type, text: value, normalized: normalizeKenmerk(value), span: { start, end }, label });
      scan.lastIndex = end;
      LIST_RE.lastIndex = end;
      if (!LIST_RE.test(text)) break;
      pos = LIST_RE.lastIndex;
    }
  }
}
