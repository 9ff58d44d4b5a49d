/**
 * @lakmoes/schema — the zod schemas of every lakmoes record. Types are inferred
 * from the schemas (never written twice); `jsonSchema()` exports the same schemas
 * as JSON Schema (draft 2020-12) for dashboards and other consumers.
 */
import { z } from 'zod';

/** Version of the record format. Bump the minor for additions, the major for breaking changes. */
export const SCHEMA_VERSION = '0.1.0';

/** Half-open character range `[start, end)` into a text (UTF-16 code units, as JavaScript strings index). */
export const Span = z
  .object({
    start: z.number().int().min(0).describe('offset of the first character'),
    end: z.number().int().min(0).describe('offset one past the last character'),
  })
  .describe('character range [start, end) into the document or page text');
export type Span = z.infer<typeof Span>;

/** Rectangle on a page in PDF points, origin top-left, y growing downwards. */
export const Box = z
  .object({
    x: z.number(),
    y: z.number(),
    width: z.number().min(0),
    height: z.number().min(0),
  })
  .describe('rectangle on a page: PDF points (or pixels for page images), origin top-left');
export type Box = z.infer<typeof Box>;

/** The law a ground belongs to: Woo (since 2022-05-01), Wob (before), or a special statutory regime. */
export const Law = z.enum(['woo', 'wob', 'other']);
export type Law = z.infer<typeof Law>;

/**
 * Canonical ground code: `woo:5.1.2.e`, `woo:5.2`, `woo:5.4a.1`, `wob:10.2.g`, `wob:11.1`,
 * article- or lid-level mentions (`wob:10`, `woo:5.1.2`), special regimes
 * (`other:awr:67`), and inventory markers (`marker:dubbel`).
 */
export const GroundCode = z
  .string()
  .regex(/^(?:(?:woo|wob):\d+(?:\.\d+)?a?(?:\.\d)?(?:\.[a-i])?|other:[a-z0-9-]+:[0-9a-z:.]+|marker:[a-z-]+)$/);
export type GroundCode = z.infer<typeof GroundCode>;

/** How a citation was found. */
export const CitationSource = z.enum(['prose', 'label', 'inventory', 'description']);
export type CitationSource = z.infer<typeof CitationSource>;

/** The sentence (or label, or inventory cell) around a finding: the motivation context. */
export const Context = z.object({
  text: z.string(),
  span: Span,
});
export type Context = z.infer<typeof Context>;

/** One citation of an exception ground (or an inventory marker) in a text. */
export const GroundCitation = z.object({
  code: GroundCode.describe('canonical code, e.g. woo:5.1.2.e'),
  law: Law,
  article: z.string().describe('article number as in the law: 5.1, 5.2, 5.4a, 10, 11; marker name for markers'),
  lid: z.number().int().min(1).nullable().describe('lid (paragraph) number, null when not cited'),
  point: z.string().nullable().describe('onderdeel (point) letter, null when not cited'),
  short: z.string().nullable().describe('short form as printed on labels and in the VWS vocabulary: 5.1.2e, 10.2e, 11.1'),
  specific: z.boolean().describe('false for article- or lid-level mentions that name no single ground'),
  text: z.string().describe('the exact text matched'),
  span: Span,
  source: CitationSource,
  confidence: z.number().min(0).max(1),
  context: Context,
  page: z.number().int().min(1).optional().describe('page number, when found in a paged document'),
  box: Box.optional().describe('where on the page, when known'),
  ocrRepaired: z.boolean().optional().describe('the code was read through a known OCR corruption (5.1.2¢, 51.2e, io.i.c)'),
  lawInferred: z.boolean().optional().describe('the law was not named in the citation but taken from its shape or the document'),
  lawQuote: z.boolean().optional().describe('found inside a quotation of the law text (an annex with the articles): a mention, not an application'),
});
export type GroundCitation = z.infer<typeof GroundCitation>;

/** Kinds of identifiers the detectors find. */
export const IdentifierType = z.enum([
  'ecli',
  'adi',
  'bwb',
  'jci',
  'kamerstuk',
  'staatscourant',
  'staatsblad',
  'officiele-bekendmaking',
  'kenmerk',
  'zaaknummer',
  'date',
]);
export type IdentifierType = z.infer<typeof IdentifierType>;

/** One identifier found in a text, normalised. */
export const Identifier = z.object({
  type: IdentifierType,
  text: z.string().describe('the exact text matched'),
  normalized: z.string().describe('canonical form: ECLI:NL:RVS:2022:1154, BWBR0045754, kst-35112-5, 2023-04-06, ...'),
  span: Span,
  label: z.string().optional().describe('the label it followed, for kenmerken, zaaknummers and dates ("Ons kenmerk", "Datum")'),
  parts: z.record(z.string(), z.string()).optional().describe('structured parts, e.g. country/court/year/number for an ECLI'),
  page: z.number().int().min(1).optional(),
});
export type Identifier = z.infer<typeof Identifier>;

/** What `detect()` returns for one text. */
export const DetectResult = z.object({
  grounds: z.array(GroundCitation),
  identifiers: z.array(Identifier),
});
export type DetectResult = z.infer<typeof DetectResult>;

/** Every schema that is exported as JSON Schema, by name. */
export const schemas = {
  Span,
  Box,
  GroundCitation,
  Identifier,
  DetectResult,
} as const;

/** JSON Schema (draft 2020-12) of the records, generated from the zod schemas. */
export function jsonSchema(): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const { $schema: _drop, ...def } = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
    defs[name] = def;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://lakmoes.dev/schema/${SCHEMA_VERSION}`,
    title: 'lakmoes records',
    version: SCHEMA_VERSION,
    $defs: defs,
  };
}
