/**
 * Rows of an inventory table from page text lines.
 *
 * With a header row and cell positions (the PDF layer's text items, or the columns of
 * `pdftotext -layout` text split on two or more spaces), cells are put in the column
 * whose header starts nearest to their left. Without them every line is read on its
 * own: a leading document number, a date, an assessment phrase and the ground codes
 * after it. Lines that start no row (wrapped descriptions, "openbaar" on its own
 * line) continue the row above.
 */
import type { GroundCode } from '@lakmoes/schema';
import { detectGrounds } from '../index.js';
import { findLetterDates } from '../decision/dates.js';
import type { Assessment, ColumnKind, InventoryColumn, InventoryLine, InventoryRow } from './types.js';

/** Header words per column kind (lower-case, matched on whole cells or words). Data in one place. */
const HEADER_WORDS: ReadonlyArray<[ColumnKind, RegExp]> = [
  ['link', /^(?:vindplaats(?:\s+reeds\s+openbare\s+stukken)?|publieke\s*link|link|url|locatie)$/],
  ['remarks', /^(?:opmerking(?:en)?|toelichting|\d*\s*toelichting)$/],
  ['grounds', /^(?:weigeringsgrond(?:en)?(?:\s+wob|\s+woo)?|uitzonderingsgrond(?:en)?|beoordelingsgrond(?:en)?|wob-?grond(?:en)?|woo-?grond(?:en)?|wob-?artikel(?:en)?|woo-?artikel(?:en)?|gronden|grond|wob|woo|artikel(?:en)?|beslissing\s+conform|code(?:s)?)$/],
  ['assessment', /^(?:beoordeling|beroordeling|besluit|beslissing|openbaarmaking|oordeel|status|openbaar(?:heid)?|(?:deels\s+)?openbaar\s*\/\s*niet\s+openbaar)$/],
  ['date', /^(?:datum(?:\s+document)?|date|documentdatum|datum\s*\/\s*tijd)$/],
  ['number', /^(?:nr\.?|nummer|no\.?|#|volgnummer|volgnr\.?|documentnr\.?|documentnummer|doc\.?\s*nr\.?|document\s+nr\.?|volgnum)$/],
  ['id', /^(?:id|document\s*id|documentid|kenmerk)$/],
  ['description', /^(?:document|documentnaam|naam\s+document|omschrijving|onderwerp|titel(?:\s+document)?|beschrijving|soort\s+document|document(?:titel|omschrijving)|naam)$/],
];

const ASSESSMENT_RE = /\b(?:(volledig|geheel|deels|gedeeltelijk|niet|reeds|grotendeels)[\s-]+)?openbaar(?:gemaakt)?\b|\bweiger(?:en|d)\b|\bbuiten\s+(?:de\s+)?(?:reikwijdte|verzoek|bereik)\b|\bdubbel\b|\bniet\s+verstrekt\b/i;

/** Normalise a printed assessment. */
export function normalizeAssessment(text: string): Assessment | null {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/buiten\s+(?:de\s+)?(?:reikwijdte|verzoek|bereik)/.test(t)) return 'buiten-reikwijdte';
  if (/reeds\s+openbaar|al\s+openbaar/.test(t)) return 'reeds-openbaar';
  if (/(?:deels|gedeeltelijk|grotendeels)[\s-]+openbaar|^deels$|^gedeeltelijk$/.test(t)) return 'deels-openbaar';
  if (/niet[\s-]+openbaar|weiger|niet\s+verstrekt/.test(t)) return 'niet-openbaar';
  if (/openbaar/.test(t)) return 'openbaar';
  if (/^dubbel\b/.test(t)) return 'dubbel';
  return null;
}

/** The column kind of a header cell, or null. */
export function headerKind(cell: string): ColumnKind | null {
  const t = cell.toLowerCase().replace(/^\d{1,2}\s+/, '').replace(/\s+/g, ' ').replace(/[:*]$/, '').trim();
  for (const [kind, re] of HEADER_WORDS) if (re.test(t)) return kind;
  return null;
}

/** A cell of a text line: words separated by single spaces. */
const CELL_RE = /\S+(?: \S+)*/g;

/** Cells of a line: the given cells, or the text split on runs of two or more spaces (tabs count). */
export function lineCells(line: InventoryLine | string): Array<{ text: string; x: number }> {
  if (typeof line !== 'string' && line.cells && line.cells.length > 0) {
    return line.cells.map((c) => ({ text: c.text.trim(), x: c.x })).filter((c) => c.text !== '');
  }
  const text = typeof line === 'string' ? line : line.text;
  const out: Array<{ text: string; x: number }> = [];
  const t = text.replace(/\t/g, '    ');
  // an exec loop: matchAll copies its regular expression on every call (every line of every page)
  CELL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CELL_RE.exec(t))) out.push({ text: m[0], x: m.index });
  return out;
}


/** Split a header cell that holds several header words ("Nr. Document", "Beoordeling Wob"). */
function headerParts(cell: { text: string; x: number }, charWidth: number): InventoryColumn[] | null {
  const whole = headerKind(cell.text);
  if (whole) return [{ kind: whole, header: cell.text, x: cell.x }];
  const words = [...cell.text.matchAll(/\S+/g)];
  const out: InventoryColumn[] = [];
  let i = 0;
  while (i < words.length) {
    let matched = false;
    for (let n = Math.min(4, words.length - i); n >= 1; n--) {
      const w0 = words[i]!;
      const last = words[i + n - 1]!;
      const phrase = cell.text.slice(w0.index, last.index + last[0].length);
      const kind = headerKind(phrase);
      if (kind) {
        out.push({ kind, header: phrase, x: cell.x + w0.index * charWidth });
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) return null;
  }
  return out;
}

/**
 * A word that every assessment or grounds header (HEADER_WORDS) contains, lower-case. A header
 * row needs one of those columns, so a line without any of these words is none: most lines,
 * which no longer go through `headerParts` (~5 `headerKind` calls a line, every line of every page).
 */
const HEADER_CORE_WORD = /beoordeling|beroordeling|besluit|beslissing|openbaar|oordeel|status|grond|wob|woo|artikel|code/;

/** Columns of a header line, or null when the line is no inventory header. */
export function headerColumns(line: InventoryLine | string): InventoryColumn[] | null {
  if (typeof line === 'string' && !HEADER_CORE_WORD.test(line.toLowerCase())) return null;
  const cells = lineCells(line);
  if (cells.length === 0) return null;
  if (typeof line !== 'string' && !cells.some((c) => HEADER_CORE_WORD.test(c.text.toLowerCase()))) return null;
  const positioned = typeof line !== 'string' && !!line.cells?.length;
  // Average character width of positioned cells (for splitting "Nr. Document" items); 1 for text columns.
  const charWidth = positioned ? 4.5 : 1;
  const cols: InventoryColumn[] = [];
  for (const c of cells) {
    const parts = headerParts(c, charWidth);
    if (!parts) return null;
    cols.push(...parts);
  }
  const kinds = new Set(cols.map((c) => c.kind));
  const core = (kinds.has('assessment') || kinds.has('grounds')) && (kinds.has('number') || kinds.has('description') || kinds.has('id'));
  if (!core || cols.length < 2) return null;
  return cols.sort((a, b) => a.x - b.x);
}

/** A document number at the start of a row: `1`, `01.`, `01.a.`, `4.15`, `23a`, `7a`. */
const ROW_NUMBER_RE = /^\s*(\d{1,5}(?:\.\d{1,3})*[a-z]?(?:\.[a-z])?)\.?(?=\s|$)/;

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Grounds and markers of a cell (inventory reading: bare codes and markers count). */
export function cellGrounds(cell: string, law?: 'woo' | 'wob'): { grounds: GroundCode[]; markers: string[] } {
  const found = detectGrounds(cell, { source: 'inventory', identifiers: false, ...(law ? { law } : {}) });
  const grounds = uniq(found.filter((g) => g.specific && !g.code.startsWith('marker:') && (g.law === 'woo' || g.law === 'wob' || g.code.startsWith('other:'))).map((g) => g.code));
  const markers = uniq(found.filter((g) => g.code.startsWith('marker:')).map((g) => g.code));
  return { grounds, markers };
}

function emptyRow(line: number): InventoryRow {
  return { number: null, date: null, description: null, assessment: null, assessmentText: null, grounds: [], markers: [], groundsText: null, remarks: null, link: null, line };
}

function append(a: string | null, b: string): string {
  return a ? `${a} ${b}` : b;
}

/** Options of {@link parseInventoryRows}. */
export interface InventoryParseOptions {
  /** Regime of the inventory when known (bare `10.2e` or `5.1.2e` are read either way). */
  law?: 'woo' | 'wob';
  /** Columns of a header found earlier (on a previous page). */
  columns?: InventoryColumn[];
}

/** Merge lines that share a y (one table row split into several text lines by the layout). */
function mergeByY(lines: Array<InventoryLine | string>): Array<InventoryLine | string> {
  const out: Array<InventoryLine | string> = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (typeof l !== 'string' && l.y !== undefined && prev && typeof prev !== 'string' && prev.y !== undefined && Math.abs(prev.y - l.y) < 2 && l.cells && prev.cells) {
      const cells = [...prev.cells, ...l.cells].sort((a, b) => a.x - b.x);
      out[out.length - 1] = { text: cells.map((c) => c.text).join(' '), cells, y: prev.y };
    } else out.push(l);
  }
  return out;
}

/** Rows of an inventory table, from page text (one string) or lines (strings or positioned lines). */
export function parseInventoryRows(input: string | Array<InventoryLine | string>, options: InventoryParseOptions = {}): InventoryRow[] {
  const raw = typeof input === 'string' ? input.split(/\r?\n/) : input;
  const lines = mergeByY(raw);
  let columns: InventoryColumn[] | null = options.columns ?? null;
  const rows: InventoryRow[] = [];
  let current: InventoryRow | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = typeof line === 'string' ? line : line.text;
    if (!text.trim()) continue;
    const header = headerColumns(line);
    if (header) {
      columns = header;
      current = null;
      continue;
    }
    const cells = lineCells(line);
    const useColumns = columns !== null && cells.length >= 2;
    if (useColumns) {
      const positioned = typeof line !== 'string' && !!line.cells?.length;
      const assigned = assignCells(cells, columns!, positioned ? 6 : 1);
      const num = assigned.get('number') ?? assigned.get('id');
      const startsRow = num !== undefined && ROW_NUMBER_RE.test(num) && (assigned.has('description') || assigned.has('assessment') || assigned.has('grounds') || assigned.has('date'));
      if (startsRow || !current) {
        current = emptyRow(i);
        rows.push(current);
      }
      fillFromCells(current, assigned, options.law);
    } else {
      const m = ROW_NUMBER_RE.exec(text);
      const rest = m ? text.slice(m[0].length) : text;
      const looksLikeRow = m !== null && (ASSESSMENT_RE.test(rest) || rest.trim().length > 0) && !/^\s*(?:van|tot|t\/m|en)\b/i.test(rest);
      if (looksLikeRow && (ASSESSMENT_RE.test(rest) || current === null || current.assessment !== null || rest.trim().length > 3)) {
        current = emptyRow(i);
        current.number = m![1] ?? null;
        rows.push(current);
        fillFromText(current, rest, options.law);
      } else if (current) {
        fillFromText(current, text, options.law);
      }
    }
  }
  return rows.filter((r) => r.number !== null || r.assessment !== null);
}

/** Put each cell in the column whose left edge is nearest at or before it (with some slack). */
function assignCells(cells: Array<{ text: string; x: number }>, columns: InventoryColumn[], slack: number): Map<ColumnKind, string> {
  const out = new Map<ColumnKind, string>();
  for (const c of cells) {
    let best: InventoryColumn | undefined;
    for (const col of columns) if (col.x <= c.x + slack) best = col;
    best ??= columns[0]!;
    const prev = out.get(best.kind);
    out.set(best.kind, prev ? `${prev} ${c.text}` : c.text);
  }
  return out;
}

function fillFromCells(row: InventoryRow, cells: Map<ColumnKind, string>, law?: 'woo' | 'wob'): void {
  for (const [kind, value] of cells) {
    switch (kind) {
      case 'number':
      case 'id': {
        const m = ROW_NUMBER_RE.exec(value);
        if (row.number === null && m) {
          row.number = m[1] ?? null;
          const rest = value.slice(m[0].length).trim();
          if (rest) row.description = append(row.description, rest);
        } else if (kind === 'id' && row.number === null) row.number = value.trim();
        else row.description = append(row.description, value);
        break;
      }
      case 'date': {
        const d = findLetterDates(value)[0];
        if (d && row.date === null) row.date = d.iso;
        else if (!d) row.description = append(row.description, value);
        break;
      }
      case 'description':
        row.description = append(row.description, value);
        break;
      case 'assessment': {
        row.assessmentText = append(row.assessmentText, value);
        row.assessment = normalizeAssessment(row.assessmentText) ?? row.assessment;
        break;
      }
      case 'grounds': {
        row.groundsText = append(row.groundsText, value);
        const g = cellGrounds(row.groundsText, law);
        row.grounds = g.grounds;
        row.markers = uniq([...row.markers, ...g.markers]);
        break;
      }
      case 'remarks':
        row.remarks = append(row.remarks, value);
        addLink(row, value);
        break;
      case 'link':
        addLink(row, value);
        if (!row.link) row.remarks = append(row.remarks, value);
        break;
      default:
        row.remarks = append(row.remarks, value);
    }
  }
}

const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+/i;

function addLink(row: InventoryRow, value: string): void {
  const m = URL_RE.exec(value);
  if (m && !row.link) row.link = m[0].replace(/[.,;)]+$/, '');
}

/** Read a line without columns: date, assessment phrase, grounds after it, the rest is description. */
function fillFromText(row: InventoryRow, text: string, law?: 'woo' | 'wob'): void {
  let rest = text;
  addLink(row, rest);
  rest = rest.replace(URL_RE, ' ');
  const a = ASSESSMENT_RE.exec(rest);
  let tail = '';
  if (a) {
    const phrase = a[0];
    const norm = normalizeAssessment(phrase);
    if (norm) {
      // "Gedeeltelijk" on one line and "openbaar" on the next: read the two together
      const pending = row.assessment === null ? row.assessmentText : null;
      const combined = pending ? normalizeAssessment(`${pending} ${phrase}`) : null;
      row.assessmentText = pending ? `${pending} ${phrase}` : phrase;
      row.assessment = combined ?? norm;
    }
    tail = rest.slice(a.index + phrase.length);
    rest = rest.slice(0, a.index);
  } else if (/^\s*(?:gedeeltelijk|deels|volledig|reeds|niet)\s*$/i.test(rest)) {
    row.assessmentText = rest.trim();
    return;
  } else {
    // "Gedeeltelijk Art. 10.2.e." before the "openbaar" line
    const pre = /\b(gedeeltelijk|deels|volledig|reeds|niet)\s+((?:art(?:ikel)?\.?\s*)?\d[\d.\s,;()a-z]*)$/i.exec(rest);
    if (pre && row.assessment === null) {
      row.assessmentText = pre[1] ?? null;
      tail = pre[2] ?? '';
      rest = rest.slice(0, pre.index);
    } else if (row.assessmentText && row.assessment === null) {
      // the second half of a wrapped assessment
      const n = normalizeAssessment(`${row.assessmentText} ${rest}`);
      if (n) {
        row.assessment = n;
        row.assessmentText = `${row.assessmentText} ${rest.trim()}`;
        return;
      }
    }
  }
  if (tail.trim()) {
    const g = cellGrounds(tail, law);
    if (g.grounds.length || g.markers.length) {
      row.groundsText = append(row.groundsText, tail.trim());
      row.grounds = uniq([...row.grounds, ...g.grounds]);
      row.markers = uniq([...row.markers, ...g.markers]);
    } else if (!/^\s*(?:n\.?v\.?t\.?|geen|-)\s*$/i.test(tail)) row.remarks = append(row.remarks, tail.trim());
  }
  const dates = findLetterDates(rest);
  if (dates.length && row.date === null) {
    row.date = dates[0]!.iso;
  }
  const desc = rest.trim();
  if (desc) row.description = append(row.description, desc);
}
