/**
 * Consistency of a dossier: the grounds printed on each released document's redaction
 * labels against the grounds its inventory row claims, and documents that are in the
 * inventory but not in the dossier (or the reverse).
 */
import { wooSuccessors } from '../catalogue.js';
import type { InventoryRow } from './types.js';

/** One released document: its id (as the inventory numbers it) and the ground codes on its labels. */
export interface DossierDocument {
  id: string;
  grounds: string[];
}

/** The comparison for one document present in both. */
export interface DocumentConsistency {
  id: string;
  /** Grounds the inventory row claims. */
  claimed: string[];
  /** Grounds found on the document's labels. */
  found: string[];
  /** Claimed by the row, not on any label. */
  missing: string[];
  /** On a label, not claimed by the row. */
  extra: string[];
  /** Row and labels agree (no missing and no extra grounds). */
  consistent: boolean;
  /** The row says `openbaar` but the document carries labels, or says deels/niet openbaar and none are found. */
  assessmentMismatch: boolean;
}

/** The consistency report of a dossier. */
export interface InventoryComparison {
  documents: DocumentConsistency[];
  /** Numbers of inventory rows with no document in the dossier. */
  missingFromDossier: string[];
  /** Ids of dossier documents with no inventory row. */
  missingFromInventory: string[];
}

/** Canonical key of a document number: `01.`, `1`, ` 1 ` → `1`; `01.a.` → `1.a`. */
export function documentKey(id: string): string {
  return id
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? String(Number(p)) : p))
    .join('.');
}

/** Ground codes only (inventory markers are no grounds). */
function groundsOnly(codes: string[]): string[] {
  return [...new Set(codes.filter((c) => !c.startsWith('marker:')))];
}

/** Two codes match when equal, or when one is the Woo successor of the other (wob:10.2.e ~ woo:5.1.2.e). */
function sameGround(a: string, b: string): boolean {
  return a === b || wooSuccessors(a).includes(b) || wooSuccessors(b).includes(a);
}

/** Compare inventory rows with the documents of a dossier. */
export function compareInventory(rows: InventoryRow[], documents: DossierDocument[]): InventoryComparison {
  const byKey = new Map<string, InventoryRow>();
  for (const r of rows) if (r.number !== null && !byKey.has(documentKey(r.number))) byKey.set(documentKey(r.number), r);
  const docKeys = new Set<string>();
  const out: DocumentConsistency[] = [];
  const missingFromInventory: string[] = [];
  for (const d of documents) {
    const key = documentKey(d.id);
    docKeys.add(key);
    const row = byKey.get(key);
    if (!row) {
      missingFromInventory.push(d.id);
      continue;
    }
    const claimed = groundsOnly(row.grounds);
    const found = groundsOnly(d.grounds);
    const missing = claimed.filter((c) => !found.some((f) => sameGround(c, f)));
    const extra = found.filter((f) => !claimed.some((c) => sameGround(c, f)));
    const assessmentMismatch =
      (row.assessment === 'openbaar' && found.length > 0) ||
      ((row.assessment === 'deels-openbaar') && found.length === 0 && claimed.length > 0);
    out.push({ id: d.id, claimed, found, missing, extra, consistent: missing.length === 0 && extra.length === 0, assessmentMismatch });
  }
  const missingFromDossier = rows.filter((r) => r.number !== null && !docKeys.has(documentKey(r.number))).map((r) => r.number!);
  return { documents: out, missingFromDossier: [...new Set(missingFromDossier)], missingFromInventory };
}
