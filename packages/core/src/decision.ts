/**
 * The decision layer of a record: what the letter decides (`decision`), the rows of the
 * inventory tables in it (`inventory`) and, for a dossier stream, the documents it holds
 * (`parts`). Works on the page texts and lines the PDF layer produced.
 */
import { analyzeDecision, parseInventoryRows, splitDossier, type InventoryLine } from '@lakmoes/detect';
import type { Decision, DossierPart, InventoryRow } from '@lakmoes/schema';

/** A page as this layer needs it: its text, and its lines with the x of each text run when known. */
export interface DecisionPage {
  text: string;
  lines?: InventoryLine[];
}

export interface DecisionLayer {
  decision: Decision;
  inventory?: InventoryRow[];
  parts?: DossierPart[];
}

/** Read the decision, inventory rows and dossier parts of a document from its pages. */
export function readDecisionLayer(pages: readonly DecisionPage[], law?: 'woo' | 'wob'): DecisionLayer {
  const texts = pages.map((p) => p.text);
  const decision = analyzeDecision(texts.join('\n\n'), { pages: texts });
  const out: DecisionLayer = { decision };
  // inventory tables: the pages the decision analysis found, or every page of an inventory list
  const tablePages = decision.role === 'inventory' ? pages.map((_, i) => i + 1) : decision.inventoryPages;
  const rows: InventoryRow[] = [];
  const regime = law ?? decision.law ?? undefined;
  for (const n of tablePages) {
    const page = pages[n - 1];
    if (!page) continue;
    rows.push(...parseInventoryRows(page.lines ?? page.text, regime ? { law: regime } : {}));
  }
  if (rows.length) out.inventory = rows;
  if (pages.length > 1) {
    // splitDossier counts pages from 0; records count from 1
    const parts = splitDossier(texts).map((p) => ({ start: p.start + 1, end: p.end + 1, role: p.role, roleConfidence: p.roleConfidence }));
    if (parts.length > 1) out.parts = parts;
  }
  return out;
}
