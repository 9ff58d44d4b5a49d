/**
 * Page-level reading of a dossier stream: which pages hold an inventory table, what
 * each document is (role), and where one document ends and the next begins.
 *
 * Cues per page (reference.md §4; corpus): page counters ("Pagina 1 van 7", "2 | 5",
 * "3 van 9") and where they restart or run out, document-id stamps printed on every
 * page (ZyLAB exports put the id, e.g. `171080`, on top of each page), letter heads
 * ("Retouradres", "Geachte", `Datum` with `Betreft`), mail headers, inventory titles,
 * header rows and rows, and "Bijlage" headings. Pages without text (scans not OCR'd)
 * carry no cue and stay with the document before them, within its page counter.
 */
import { headerColumns, normalizeAssessment } from '../inventory/rows.js';
import type { DocumentRole } from './types.js';

/** What one page shows. */
export interface PageFeatures {
  empty: boolean;
  /** "Pagina x van N" and its kin. */
  counter: { page: number; of: number } | null;
  /** A document-id stamp on top of the page (a bare id line). */
  stamp: string | null;
  /** Starts a letter: return address, salutation or a `Datum` + `Betreft` head near the top. */
  letterStart: boolean;
  /** Mail header at the top (Van/From, Aan/To, Onderwerp/Subject, Verzonden/Sent). */
  mailStart: boolean;
  /** A stand-alone inventory title ("Inventarislijst", "Bijlage 2 – Inventarisatielijst"). */
  inventoryTitle: boolean;
  /** An inventory header row. */
  inventoryHeader: boolean;
  /** Lines that read as inventory rows (a number and an assessment) or assessment cells. */
  rowLines: number;
  /** A "Bijlage N" heading among the first lines. */
  annexHeading: boolean;
  /** The page quotes the law (Artikel headings with numbered leden): an annex of a letter. */
  lawText: boolean;
  /** Prose lines (ending a sentence). */
  proseLines: number;
  /** Words of decision letters (besluit/Wob-verzoek/bezwaar). */
  decisionWords: number;
}

const COUNTER_RES: readonly RegExp[] = [
  /\b[Pp]agina(?:'s)?\s{0,3}(\d{1,3})\s{0,3}(?:van|\/|of)\s{0,3}(\d{1,3})\b/,
  /\b[Pp]a(?:g|gi)(?:na|ng|ina)\s{0,3}(\d{1,3})\s{0,3}van\s{0,3}(\d{1,3})\b/,
  /\b[Pp]age\s{0,3}(\d{1,3})\s{0,3}of\s{0,3}(\d{1,3})\b/,
  /(?:^|\n)[ \t]*(\d{1,3})[ \t]?(?:\||van)[ \t]?(\d{1,3})(?=[ \t]*(?:\n|$)|[ \t]+\d{1,2}[ \t]+[a-z]+[ \t]+\d{4})/,
  /(?<![\d|/.-])(\d{1,3})[ \t]?\|[ \t]?(\d{1,3})(?![\d|/.-])/,
];

/** The page counter printed on a page. */
export function pageCounter(text: string): { page: number; of: number } | null {
  for (const re of COUNTER_RES) {
    const m = re.exec(text);
    if (!m) continue;
    const page = Number(m[1]);
    const of = Number(m[2]);
    if (page >= 1 && of >= 1 && page <= of && of <= 999) return { page, of };
  }
  return null;
}

function firstLines(text: string, n: number): string[] {
  const out: string[] = [];
  for (const l of text.split('\n')) {
    if (l.trim()) out.push(l.trim());
    if (out.length >= n) break;
  }
  return out;
}

const STAMP_RE = /^(?:[A-Z]{2,8}[-_]){0,3}\d{5,12}(?:[-_][A-Z0-9]{1,8})?$/;
const INVENTORY_TITLE_RE = /^(?:bijlage\s*\d*[a-z]?\s*[-–—:.]?\s*)?(?:de\s+)?inventari(?:s|sat)(?:ie)?lijst\b[^.]{0,70}$/i;
const ASSESSMENT_CELL_RE = /(?:^|\s)(?:(?:volledig|geheel|deels|gedeeltelijk|niet|reeds|grotendeels)[ -])?openbaar(?:\s+[\d.,;:()a-z -]{0,40})?$|^(?:deels|gedeeltelijk|volledig|reeds|niet)\s*$|(?:^|\s)(?:buiten\s+reikwijdte|weigeren|geweigerd|dubbel)$/i;
const ROW_START_RE = /^\s*\d{1,5}(?:\.\d{1,3})*[a-z]?(?:\.[a-z])?\.?\s+\S/;
const LAW_TEXT_RE = /(?:^|\n)\s*Artikel\s+\d+(?:\.\d+)?[a-z]?\s*\n\s*(?:1\.|\(1\)|In\s+deze\s+wet|Het\s+verstrekken|Een\s+ieder|Het\s+bestuursorgaan)/;

/** A ground code standing alone in a cell: "Art. 10.2.e", "(10)(2e)", "5.1.2e; 5.1.2i", "10.1.c". */
const GROUND_CELL_RE = /^(?:(?:art(?:ikel)?\.?\s*)?(?:\(1[01]\)\s?\(\d[a-g]?\)|(?:5\.[124]|10|11)(?:\.\d)?(?:\.?\s?[a-i])?\b)[.;,\s]*){1,5}$/i;
const ROW_GROUND_RE = /\(1[01]\)\s?\(\d[a-g]?\)|\b(?:art(?:ikel)?\.?\s*)?(?:10\.[12]\.?\s?[a-g]|11\.[12]|5\.1\.[12]\.?\s?[a-i]|5\.2)\b/i;
const ROW_ASSESSMENT_END_RE = /\b(?:(?:volledig|geheel|deels|gedeeltelijk|niet|reeds|grotendeels)[ -])?openbaar\b|\b(?:gedeeltelijk|deels|volledig|weigeren|geweigerd)\s*$/i;
const FUNCTION_WORDS_RE = /\s(?:de|het|een|is|van|en|dat|in|op|te|die|zijn|wordt|heeft|u|ik|niet|met|voor)(?=\s)/g;

function isProse(l: string): boolean {
  if (l.length < 60 || ROW_START_RE.test(l)) return false;
  const words = l.split(/\s+/).length;
  return words >= 9 && (l.match(FUNCTION_WORDS_RE)?.length ?? 0) >= 2;
}

/** What a line of a table shows: a whole row, an assessment cell, or a grounds cell. */
function rowKind(l: string): 'row' | 'assessment' | 'grounds' | null {
  if (l.length >= 160) return null;
  if (ROW_START_RE.test(l) && ROW_GROUND_RE.exec(l)?.index !== 0 && (ROW_ASSESSMENT_END_RE.test(l) || ROW_GROUND_RE.test(l)) && (l.match(FUNCTION_WORDS_RE)?.length ?? 0) < 3) return 'row';
  if (l.length < 60 && ASSESSMENT_CELL_RE.test(l)) return 'assessment';
  if (l.length < 60 && GROUND_CELL_RE.test(l)) return 'grounds';
  return null;
}

/** Table lines of a stretch: rows and assessment cells; grounds cells only beside them (labels of released tables are no rows). */
function countRows(lines: string[]): number {
  let rows = 0;
  let grounds = 0;
  for (const l of lines) {
    const k = rowKind(l);
    if (k === 'row' || k === 'assessment') rows++;
    else if (k === 'grounds') grounds++;
  }
  return rows > 0 ? rows + grounds : 0;
}

/** Lines that only number or date the page (letter-head margin, counters). */
const FURNITURE_RE = /^(?:pagina\s+\d+\s*(?:van|\/)\s*\d+|\d+\s*(?:\||van)\s*\d+|datum\b.*|(?:ons\s+)?kenmerk\b.*|onze\s+referentie\b.*|gemeente\s+\S+|\d{1,2}\s+\w+\s+\d{4}|[A-Z0-9/.-]{5,})$/i;

/** Read the cues of one page. */
export function pageFeatures(text: string): PageFeatures {
  const trimmed = text.trim();
  const empty = trimmed.replace(/\s+/g, '').length < 20;
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const top = firstLines(text, 3);
  let stamp: string | null = null;
  for (const l of top) {
    if (STAMP_RE.test(l)) { stamp = l; break; }
    // "doc. 2", "Document 4": the number a released document carries on its pages
    const d = /^doc(?:ument)?\.?\s*(?:nr\.?\s*)?(\d{1,4}[a-z]?)$/i.exec(l);
    if (d) { stamp = `doc.${d[1]}`; break; }
  }
  const head = lines.slice(0, 40).join('\n');
  const letterStart =
    /(?:^|\n)\s*>?\s*Retouradres\b/i.test(head) ||
    /(?:^|\n)\s*Geachte\b/.test(lines.slice(0, 60).join('\n')) ||
    (/(?:^|\n)\s*Datum\b/.test(head) && /(?:^|\n)\s*(?:Betreft|Onderwerp)\b/.test(head) && /(?:^|\n)\s*(?:Ons kenmerk|Onze referentie|Kenmerk|Uw kenmerk|Uw brief|Bijlage\(n\)|Bijlagen)\b/i.test(head) && !/\b(?:From|Sent|Van|Verzonden)\s*:/.test(head));
  const mailHead = lines.slice(0, 12).join('\n');
  const mailFields = [/\b(?:Van|From)\s*:/, /\b(?:Aan|To)\s*:/, /\b(?:Onderwerp|Subject)\s*:/, /\b(?:Verzonden|Sent|Datum|Date)\s*:/].filter((re) => re.test(mailHead)).length;
  const mailStart = mailFields >= 3;
  let inventoryTitle = false;
  let inventoryHeader = false;
  let rowLines = 0;
  let proseLines = 0;
  let annexHeading = false;
  let titleAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (i < 12 && /^bijlage\s*\d+[a-z]?\b/i.test(l) && l.length < 90) annexHeading = true;
    if (titleAt < 0 && INVENTORY_TITLE_RE.test(l) && !/^[-•·]/.test(l) && !/\b(?:bij|als)\s+(?:het|dit|deze)\b/i.test(l)) titleAt = i;
    if (!inventoryHeader && l.length < 200 && headerColumns(l) !== null) inventoryHeader = true;
    if (isProse(l)) proseLines++;
  }
  rowLines = countRows(lines);
  if (titleAt >= 0) {
    // A title counts when a table follows it (rows, header) or nothing but page furniture does (a table printed as an image).
    const tail = lines.slice(titleAt + 1);
    const tailRows = countRows(tail);
    const tailText = tail.filter((l) => !FURNITURE_RE.test(l)).join(' ');
    const bijlageOnly = titleAt > 0 && /^bijlage\s*\d*[a-z]?$/i.test(lines[titleAt - 1] ?? '');
    inventoryTitle = tailRows >= 1 || inventoryHeader || tailText.length < 120 || (bijlageOnly && tail.filter(isProse).length === 0);
    if (inventoryTitle && (tail.filter(isProse).length >= 2 || /\b(?:excel|spreadsheet|apart|afzonderlijk)\w*/i.test(tailText) && tailRows === 0 && !inventoryHeader)) inventoryTitle = false;
  }
  const decisionWords = (text.match(/\b(?:besluit|besloten|beslissing|Wob-verzoek|Woo-verzoek|bezwaar(?:schrift)?|verzoek\s+om\s+informatie|Wet\s+openbaarheid\s+van\s+bestuur|Wet\s+open\s+overheid)\b/gi) ?? []).length;
  return {
    empty,
    counter: pageCounter(text),
    stamp,
    letterStart,
    mailStart,
    inventoryTitle,
    inventoryHeader,
    rowLines,
    annexHeading,
    lawText: LAW_TEXT_RE.test(text),
    proseLines,
    decisionWords,
  };
}

/**
 * The features of each page, read once per pages array: analyzeDecision (inventory pages,
 * letter end, role) and splitDossier read the same pages up to four times. A cached entry is
 * used only while the array still holds the same texts.
 */
const FEATURES = new WeakMap<readonly string[], { texts: string[]; features: PageFeatures[] }>();

/** @internal `pages.map(pageFeatures)`, cached per array. */
export function featuresOf(pages: readonly string[]): PageFeatures[] {
  const hit = FEATURES.get(pages);
  if (hit && hit.texts.length === pages.length && hit.texts.every((t, i) => t === pages[i])) return hit.features;
  const entry = { texts: [...pages], features: pages.map(pageFeatures) };
  FEATURES.set(pages, entry);
  return entry.features;
}

/** Pages (0-based) covered by a page counter's run: a page printing "x van N" puts the N-page document around it. */
function counterRuns(features: PageFeatures[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  features.forEach((f, i) => {
    if (f.counter) runs.push([i - f.counter.page + 1, i - f.counter.page + f.counter.of]);
  });
  return runs;
}

function coveredByRun(runs: Array<[number, number]>, i: number, from: number): boolean {
  return runs.some(([a, b]) => a <= i && i <= b && a <= from && from <= b);
}

/** Whether a page shows an inventory table on its own (title or header, with rows or little else). */
function inventoryOnItsOwn(f: PageFeatures): boolean {
  if (f.empty || f.stamp?.startsWith('doc.')) return false;
  if (f.inventoryTitle) return true;
  if (f.lawText) return false;
  if (f.inventoryHeader && (f.rowLines >= 1 || f.proseLines <= 1)) return true;
  return f.rowLines >= 4 && f.proseLines <= 2 && !f.letterStart;
}

/** 0-based indices of the pages that hold an inventory table. */
export function inventoryPageIndices(pages: string[], features: PageFeatures[] = featuresOf(pages)): number[] {
  const n = features.length;
  const inv = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) inv[i] = inventoryOnItsOwn(features[i]!);
  const runs = counterRuns(features);
  // continuation pages: rows without a title, or scans within the same counted document
  for (let i = 1; i < n; i++) {
    if (inv[i] || !inv[i - 1]) continue;
    const f = features[i]!;
    if (f.letterStart || f.mailStart || f.lawText) continue;
    if (!f.empty && (f.rowLines >= 1 || f.inventoryHeader) && f.proseLines <= 3) inv[i] = true;
    else if (f.empty && coveredByRun(runs, i, i - 1)) inv[i] = true;
  }
  // scans between two inventory pages, and scans opening a table that continues as text without a header
  for (let i = 0; i < n; i++) {
    if (!inv[i]) continue;
    let j = i - 1;
    while (j >= 0 && features[j]!.empty) j--;
    if (j < i - 1 && (j >= 0 && inv[j] || (!features[i]!.inventoryTitle && !features[i]!.inventoryHeader))) {
      for (let k = j + 1; k < i; k++) inv[k] = true;
    }
  }
  return inv.flatMap((v, i) => (v ? [i] : []));
}

/** A document in a dossier stream: 0-based inclusive page range and its role. */
export interface DossierRange {
  start: number;
  end: number;
  role: DocumentRole;
  roleConfidence: number;
}

/** The role of one document from its pages' features. */
export function roleOf(features: PageFeatures[]): { role: DocumentRole; confidence: number } {
  const nonEmpty = features.filter((f) => !f.empty);
  if (nonEmpty.length === 0) return { role: 'other', confidence: 0.3 };
  const first = nonEmpty[0]!;
  const decisionWords = nonEmpty.reduce((a, f) => a + f.decisionWords, 0);
  if (first.letterStart && decisionWords >= 3) return { role: 'decision', confidence: Math.min(0.98, 0.6 + decisionWords * 0.04) };
  const invPages = nonEmpty.filter((f) => inventoryOnItsOwn(f) || f.rowLines >= 3).length;
  if (invPages >= Math.max(1, nonEmpty.length / 2)) return { role: 'inventory', confidence: first.inventoryTitle || first.inventoryHeader ? 0.95 : 0.75 };
  if (decisionWords >= 6 && /* a decision without a clear letter head (scanned head) */ nonEmpty.some((f) => f.decisionWords >= 4)) return { role: 'decision', confidence: 0.6 };
  return { role: 'released-document', confidence: first.mailStart || first.stamp ? 0.85 : 0.6 };
}

/** The role of a single text (one document). */
export function documentRole(text: string, pages?: string[]): { role: DocumentRole; confidence: number } {
  return roleOf(pages ? featuresOf(pages) : [pageFeatures(text)]);
}

/**
 * Split a dossier stream into its documents. `pages` are the page texts in order;
 * the result covers every page once, in order (0-based, inclusive ranges).
 */
export function splitDossier(pages: string[]): DossierRange[] {
  const n = pages.length;
  if (n === 0) return [];
  const features = featuresOf(pages);
  const inventory = new Set(inventoryPageIndices(pages, features));
  const starts: number[] = [0];
  let lastNonEmpty = 0;
  for (let i = 1; i < n; i++) {
    const f = features[i]!;
    if (f.empty) continue;
    const p = features[lastNonEmpty]!;
    const adjacent = lastNonEmpty === i - 1;
    let start = false;
    if (f.stamp && p.stamp) start = f.stamp !== p.stamp;
    else if (inventory.has(i) && !inventory.has(lastNonEmpty)) start = true;
    else if (inventory.has(i) && inventory.has(lastNonEmpty)) start = false;
    else if (f.lawText && !f.letterStart) start = false;
    else if (f.counter && p.counter && adjacent && f.counter.page === p.counter.page + 1 && f.counter.of === p.counter.of) start = false;
    else if (f.counter && f.counter.page === 1 && !(p.counter && p.counter.page === 1 && p.counter.of === 1 && f.counter.of === 1 && !f.letterStart && !f.mailStart)) start = true;
    else if (f.letterStart && !(f.counter && f.counter.page > 1)) start = true;
    else if (p.counter && p.counter.page === p.counter.of && !(f.counter && f.counter.page > 1)) start = true;
    else if (f.mailStart && !(f.counter && f.counter.page > 1)) start = true;
    else if (f.stamp && !p.stamp) start = true;
    else if (!f.stamp && p.stamp) start = true;
    else if (f.annexHeading && !f.lawText && !inventory.has(lastNonEmpty) && !(f.counter && f.counter.page > 1)) start = true;
    if (start) starts.push(i);
    lastNonEmpty = i;
  }
  const parts: DossierRange[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!;
    const end = (starts[k + 1] ?? n) - 1;
    const { role, confidence } = roleOf(features.slice(start, end + 1));
    parts.push({ start, end, role, roleConfidence: confidence });
  }
  return parts;
}
