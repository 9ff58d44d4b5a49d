/**
 * BWB ids and Juriconnect references: how Dutch national legislation is named.
 *
 * A BWB id (*Basiswettenbestand*) is `BWBR` + 7 digits for a regulation
 * (`BWBR0045754` = Woo, `BWBR0005252` = Wob) or `BWBV` + 7 digits for a treaty. A
 * Juriconnect reference (JCI 1.3) points into one: `jci1.3:c:BWBR0045754&hoofdstuk=5&artikel=5.1&lid=2&onderdeel=e`,
 * also as `https://wetten.overheid.nl/jci1.3:c:…`; `z` and `g` carry the view and
 * validity dates. Both are found in one pass; a BWB id inside a JCI is reported
 * once, as part of the JCI.
 */
import type { Identifier } from '@lakmoes/schema';
import { gluedBefore, trailingDots } from './shared.js';

/** The parts of a Juriconnect reference; the `&key=value` pairs are kept as printed (`artikel`, `lid`, `z`, …). */
export interface JciParts {
  /** Juriconnect version, e.g. `1.3`. */
  version: string;
  /** `c` (consolidated text) or `v` (a specific version). */
  kind: string;
  /** BWB id of the regulation. */
  bwb: string;
  /** The location and date parameters in order of appearance. */
  params: Array<[key: string, value: string]>;
}

// Groups: 1 JCI version, 2 kind (both absent for a bare BWB id), 3 BWB id, 4 `&k=v` run.
// `&amp;` is accepted because references are often copied out of HTML.
const BWB_JCI_RE =
  /(?:jci(\d{1,2}(?:\.\d{1,2}){0,2}):([cv]):)?(BWB[RV]\d{7})(?![0-9])((?:&(?:amp;)?[A-Za-z]{1,20}=[A-Za-z0-9.:_-]+)*)/gi;

const PARAM_RE = /&(?:amp;)?([A-Za-z]{1,20})=([A-Za-z0-9.:_-]+)/g;

/** True for a well-formed BWB id (`BWBR0045754`, `BWBV0001234`). */
export function isBwbId(text: string): boolean {
  return /^BWB[RV]\d{7}$/.test(text);
}

/** Split the `&key=value` run of a JCI into pairs, in order. */
export function parseJciParams(run: string): Array<[key: string, value: string]> {
  const params: Array<[string, string]> = [];
  for (const m of run.matchAll(PARAM_RE)) {
    params.push([(m[1] ?? '').toLowerCase(), m[2] ?? '']);
  }
  return params;
}

/** Canonical JCI text: `jci1.3:c:BWBR0045754&artikel=5.1&lid=2`, `&amp;` decoded. */
export function formatJci(parts: JciParts): string {
  let out = `jci${parts.version}:${parts.kind.toLowerCase()}:${parts.bwb.toUpperCase()}`;
  for (const [key, value] of parts.params) out += `&${key}=${value}`;
  return out;
}

/** BWB ids and Juriconnect references in a text, in order of appearance. */
export function findBwbAndJci(text: string): Identifier[] {
  const out: Identifier[] = [];
  const re = BWB_JCI_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    if (gluedBefore(text, start)) continue;
    const [whole, version, kind, bwbRaw = '', run = ''] = m;
    const bwb = bwbRaw.toUpperCase();
    if (version === undefined || kind === undefined) {
      // Bare id: parameters without a `jci` prefix are not a reference we can name.
      const end = start + bwbRaw.length;
      out.push({ type: 'bwb', text: bwbRaw, normalized: bwb, span: { start, end }, parts: { bwb } });
      continue;
    }
    // A sentence dot after the last value is not part of the reference.
    const dots = trailingDots(run);
    const params = parseJciParams(run.slice(0, run.length - dots));
    const parts: JciParts = { version, kind: kind.toLowerCase(), bwb, params };
    const end = start + whole.length - dots;
    const record: Record<string, string> = {};
    for (const [key, value] of params) record[key] = value;
    record.version = version;
    record.kind = parts.kind;
    record.bwb = bwb;
    out.push({
      type: 'jci',
      text: text.slice(start, end),
      normalized: formatJci(parts),
      span: { start, end },
      parts: record,
    });
  }
  return out;
}
