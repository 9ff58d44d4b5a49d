/**
 * Types of inventory lists (inventarislijsten): one row per document of a Woo/Wob
 * decision, with its assessment (beoordeling) and the grounds applied.
 */
// The record schema (@lakmoes/schema) owns Assessment and InventoryRow; the types come from it.
import type { Assessment, InventoryRow } from '@lakmoes/schema';

export type { Assessment, InventoryRow };

/** A text line as the PDF layer gives it: its text, and optionally its cells with x positions. */
export interface InventoryLine {
  text: string;
  /** Text runs of the line with their left x (PDF points or character columns). */
  cells?: Array<{ text: string; x: number }>;
  /** Baseline or top y; lines with (nearly) the same y are one table row. */
  y?: number;
}

/** Column kinds of an inventory table. */
export type ColumnKind = 'number' | 'id' | 'date' | 'description' | 'assessment' | 'grounds' | 'remarks' | 'link' | 'other';

/** A column of a detected header: its kind and left edge. */
export interface InventoryColumn {
  kind: ColumnKind;
  header: string;
  x: number;
}
