/**
 * Spreadsheet inventories: the VWS `inventory.xlsx` files (ZyLAB exports, the
 * *productierapport* of open.minvws.nl, reference.md §4.3) and any sheet with an
 * inventory header, read into the same {@link InventoryRow}s as PDF tables.
 *
 * Headers are matched as the VWS importer matches them: lower-cased, trimmed, leading
 * digits stripped (`02 Beoordeling` → `beoordeling`), with its aliases. Grounds are
 * split on `;` and mapped through the VWS vocabulary (`fromVwsKey`), else read by the
 * inventory detector. Read with @e965/xlsx (SheetJS Community Edition, pure JS, no
 * dependencies).
 */
import { read, utils } from '@e965/xlsx';
import { detectGrounds, findLetterDates, fromVwsKey, normalizeAssessment, type InventoryRow } from '@lakmoes/detect';

/** Which row field a header names (VWS importer aliases, `HeaderMappingTrait` / `MetadataField`). */
const HEADER_ALIASES: ReadonlyArray<[keyof InventoryRow | 'id', readonly string[]]> = [
  ['id', ['id', 'document id', 'documentid']],
  ['number', ['documentnr', 'document nr', 'documentnr.', 'document nr.', 'nr.', 'nr', 'nummer', 'volgnummer']],
  ['description', ['document', 'omschrijving', 'name', 'naam', 'onderwerp document', 'titel']],
  ['date', ['date', 'datum', 'datum (utc)']],
  ['assessment', ['beoordeling', 'openbaarmaking']],
  ['groundsText', ['beoordelingsgrond', 'grond', 'tagmulti006', 'beoordelingsgrond (; gescheiden)', 'code entries', 'weigeringsgronden', 'weigeringsgrond']],
  ['remarks', ['toelichting', 'opmerking', 'opmerkingen']],
  ['link', ['publiekelinktag', 'publieke link', 'publiekelink', 'publicatielink', 'publicatie link', 'publiekelink ( | gescheiden)', 'link', 'vindplaats']],
];

/** The field a header cell names, matched as VWS does; null when none. */
export function inventoryHeaderField(header: string): keyof InventoryRow | 'id' | null {
  const h = header.toLowerCase().trim().replace(/^\d+\s*/, '').replace(/\s+/g, ' ');
  for (const [field, aliases] of HEADER_ALIASES) if (aliases.includes(h)) return field;
  return null;
}

/** Ground codes and markers of a VWS grounds cell (`5.1.2e; 5.1.2i`, `dubbel`). */
export function vwsGrounds(cell: string): { grounds: string[]; markers: string[] } {
  const grounds: string[] = [];
  const markers: string[] = [];
  for (const part of cell.split(';').map((p) => p.trim()).filter(Boolean)) {
    const entry = fromVwsKey(part);
    // "Buiten verzoek" / "buitenverzoek": outside the request's scope (not in the VWS vocabulary)
    const outside = /^buiten\s*(?:verzoek|reikwijdte|scope)$/i.test(part) ? ['marker:buiten-reikwijdte'] : null;
    const codes = entry ? [entry.code] : outside ?? detectGrounds(part, { source: 'inventory', identifiers: false }).filter((g) => g.specific).map((g) => g.code);
    for (const c of codes) {
      const list = c.startsWith('marker:') ? markers : grounds;
      if (!list.includes(c)) list.push(c);
    }
  }
  return { grounds, markers };
}

/** Rows of a sheet given as a table of cell strings (first row with known headers is the header). */
export function inventoryRowsFromTable(table: string[][]): InventoryRow[] {
  let headerAt = -1;
  let fields: Array<keyof InventoryRow | 'id' | null> = [];
  for (let i = 0; i < Math.min(table.length, 20); i++) {
    const f = (table[i] ?? []).map((c) => inventoryHeaderField(String(c)));
    if (f.includes('assessment') || f.includes('groundsText')) {
      headerAt = i;
      fields = f;
      break;
    }
  }
  if (headerAt < 0) return [];
  const out: InventoryRow[] = [];
  for (let i = headerAt + 1; i < table.length; i++) {
    const cells = table[i] ?? [];
    if (cells.every((c) => String(c).trim() === '')) continue;
    const row: InventoryRow = { number: null, date: null, description: null, assessment: null, assessmentText: null, grounds: [], markers: [], groundsText: null, remarks: null, link: null, line: i };
    let id: string | null = null;
    fields.forEach((field, k) => {
      const value = String(cells[k] ?? '').trim();
      if (!field || !value) return;
      switch (field) {
        case 'id':
          id = value;
          break;
        case 'number':
          row.number = value;
          break;
        case 'description':
          row.description ??= value;
          break;
        case 'date':
          row.date = findLetterDates(value)[0]?.iso ?? null;
          break;
        case 'assessment':
          row.assessmentText = value;
          row.assessment = normalizeAssessment(value);
          break;
        case 'groundsText': {
          row.groundsText = value;
          const g = vwsGrounds(value);
          row.grounds = g.grounds;
          row.markers = g.markers;
          break;
        }
        case 'remarks':
          row.remarks = value;
          break;
        case 'link':
          row.link = value.split('|')[0]?.trim() || null;
          break;
        default:
          break;
      }
    });
    // VWS numbers documents by their ID (also the PDF's file name); `Documentnr` when present.
    row.number ??= id;
    out.push(row);
  }
  return out;
}

/** Rows of an inventory spreadsheet (xlsx, xls, ods, csv bytes): the first sheet with an inventory header. */
export function readInventoryXlsx(bytes: Uint8Array): InventoryRow[] {
  const wb = read(bytes, { type: 'array', cellDates: false });
  for (const name of wb.SheetNames) {
    const sheet = wb.Sheets[name];
    if (!sheet) continue;
    const table = utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
    const rows = inventoryRowsFromTable(table);
    if (rows.length > 0) return rows;
  }
  return [];
}
