/**
 * Types of the decision analysis: what a Woo/Wob decision letter (besluit op een
 * Woo-/Wob-verzoek) says about the request, the decision and its grounds. Plain
 * interfaces for now; the record schema (zod) takes them over with the same names.
 */

// The record schema (@lakmoes/schema) owns these shapes; the types come from it.
import type {
  BodyKind,
  Decision,
  DecisionAdi,
  DecisionGround,
  DecisionOutcome,
  DocumentRole,
  IssuingBody,
  MotivationPassage,
} from '@lakmoes/schema';

export type { BodyKind, DecisionAdi, DecisionGround, DecisionOutcome, DocumentRole, IssuingBody, MotivationPassage };
/** Everything read from one decision letter (the record's `decision`). */
export type DecisionInfo = Decision;

/** Options of {@link analyzeDecision}. */
export interface AnalyzeDecisionOptions {
  /** Page texts, when known: `text` is then their concatenation (any separator). */
  pages?: string[];
}
