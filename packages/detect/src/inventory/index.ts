/**
 * Inventory lists (inventarislijsten): rows from page text (with or without cell
 * positions) and the consistency of a dossier against its inventory.
 */
export { cellGrounds, headerColumns, headerKind, lineCells, normalizeAssessment, parseInventoryRows } from './rows.js';
export type { InventoryParseOptions } from './rows.js';
export { compareInventory, documentKey } from './compare.js';
export type { DocumentConsistency, DossierDocument, InventoryComparison } from './compare.js';
export type * from './types.js';
