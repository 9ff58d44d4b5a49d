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

/**
 * The sentence (or label, or inventory cell) around a finding: the motivation context. At most
 * 600 characters: a longer one (text without sentence ends, such as a table) is cut to the lines
 * around the finding.
 */
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

/**
 * How a redaction was made visible in the document:
 * - `vector`: a filled rectangle in the page content;
 * - `raster`: a uniform region in a page image (scans, ZyLAB exports);
 * - `annotation`: a `/Redact` annotation, or a filled `/Square` annotation;
 * - `substitution`: text replaced by a placeholder ("[gelakt]", "xxxxxx").
 */
export const RedactionKind = z.enum(['vector', 'raster', 'annotation', 'substitution']);
export type RedactionKind = z.infer<typeof RedactionKind>;

/** One redacted region (lak: the ink of a redaction) on a page. */
export const RedactionBox = z
  .object({
    page: z.number().int().min(1).describe('page number, 1-based'),
    box: Box.describe('the redacted region: PDF points, origin top-left'),
    kind: RedactionKind,
    fill: z
      .string()
      .regex(/^#[0-9a-f]{6}$/)
      .nullable()
      .describe('uniform fill colour as #rrggbb; null when unknown (placeholders, annotations without colour)'),
    label: z
      .string()
      .nullable()
      .describe('text printed on or beside the box (the ground as printed, e.g. "5.1.2e", "art. 10.2.e"); null when none'),
    grounds: z.array(GroundCitation).describe('grounds read from the label (source "label")'),
    leak: z.boolean().describe('text of the text layer is still present under the box (a failed redaction)'),
    hiddenText: z.string().optional().describe('the text still present under the box, when leak is true'),
    span: Span.optional().describe('for substitutions: the placeholder in the page text'),
    confidence: z.number().min(0).max(1).optional().describe('detector confidence, for raster boxes'),
  })
  .describe('a redacted region on a page');
export type RedactionBox = z.infer<typeof RedactionBox>;

/**
 * What a page holds: `native` text, an `ocr-layer` (text over a page image, as in
 * scanned exports), `image-only` (needs OCR), or `empty`.
 */
export const PageKind = z.enum(['native', 'ocr-layer', 'image-only', 'empty']);
export type PageKind = z.infer<typeof PageKind>;

/** Redaction figures of a page or a document. */
export const RedactionStats = z
  .object({
    redactionCount: z.number().int().min(0),
    countsByKind: z.record(RedactionKind, z.number().int().min(0)).describe('number of boxes per kind'),
    redactedArea: z.number().min(0).describe('area of the union of the redaction boxes, pt²'),
    textArea: z
      .number()
      .min(0)
      .describe('area of the union of the text-line boxes and the redaction boxes (removed text leaves no line), pt²'),
    pageArea: z.number().min(0),
    redactedTextShare: z.number().min(0).max(1).describe('redactedArea / textArea'),
    redactedPageShare: z.number().min(0).max(1).describe('redactedArea / pageArea'),
    groundCounts: z.record(z.string(), z.number().int().min(0)).describe('boxes per ground code (a box counts once per code)'),
    leakCount: z.number().int().min(0).describe('boxes with text still under them'),
  })
  .describe('redaction figures of a page or a document');
export type RedactionStats = z.infer<typeof RedactionStats>;

/** Error codes of a record with `status: "error"`. Documented in the README. */
export const ErrorCode = z.enum([
  'NOT_FOUND', // the input path does not exist or cannot be read
  'EMPTY_FILE', // zero bytes
  'NOT_PDF', // neither a PDF nor a supported page image
  'PDF_ENCRYPTED', // needs a password
  'PDF_CORRUPT', // pdf.js cannot parse it (broken xref, truncated, bad objects)
  'IMAGE_CORRUPT', // a page image that cannot be decoded
  'OCR_FAILED', // OCR of a page failed (language data missing, engine error)
  'TOO_LARGE', // over the configured size or page limit
  'TIMEOUT', // took longer than the per-document timeout
  'WORKER_CRASHED', // the worker running it died
  'INTERNAL', // a bug: please report it with the input
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Where a record came from. */
export const SourceInfo = z.object({
  path: z.string().describe('the input path as given'),
  bytes: z.number().int().min(0).nullable().describe('file size; null when the file could not be read'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable().describe('hex SHA-256 of the bytes; null when the file could not be read'),
  mediaType: z.string().nullable().describe('application/pdf, image/png, image/jpeg, image/tiff; null when unknown'),
});
export type SourceInfo = z.infer<typeof SourceInfo>;

/** Document information from the PDF (null fields when absent; images have only pageCount). */
export const DocumentMetadata = z.object({
  title: z.string().nullable(),
  author: z.string().nullable(),
  subject: z.string().nullable(),
  creator: z.string().nullable(),
  producer: z.string().nullable(),
  creationDate: z.string().nullable().describe('ISO 8601'),
  modificationDate: z.string().nullable().describe('ISO 8601'),
  encrypted: z.boolean(),
  pdfVersion: z.string().nullable(),
  language: z.string().nullable(),
  pageCount: z.number().int().min(0),
});
export type DocumentMetadata = z.infer<typeof DocumentMetadata>;

/** One page of a document record. */
export const PageRecord = z.object({
  number: z.number().int().min(1),
  width: z.number().min(0).describe('page width in PDF points (pixels for page images)'),
  height: z.number().min(0).describe('page height in PDF points (pixels for page images)'),
  kind: PageKind,
  ocr: z
    .object({ confidence: z.number().min(0).max(100), words: z.number().int().min(0), ms: z.number().min(0) })
    .nullable()
    .describe('set when the page text came from OCR'),
  redactions: z.array(RedactionBox),
  stats: RedactionStats,
  text: z.string().optional().describe('the page text (with --text)'),
  error: z.object({ code: ErrorCode, message: z.string() }).optional().describe('this page could not be read; the rest of the document was'),
});
export type PageRecord = z.infer<typeof PageRecord>;

/** Figures for the whole document. */
export const DocumentStats = RedactionStats.extend({
  pages: z.number().int().min(0),
  pagesByKind: z.record(PageKind, z.number().int().min(0)),
  ocrPages: z.number().int().min(0),
  textChars: z.number().int().min(0),
  citationCounts: z.record(z.string(), z.number().int().min(0)).describe('ground citations per code, all sources'),
});
export type DocumentStats = z.infer<typeof DocumentStats>;

/** What a document is: a decision letter, an inventory list, a released document, other. */
export const DocumentRole = z.enum(['decision', 'inventory', 'released-document', 'other']);
export type DocumentRole = z.infer<typeof DocumentRole>;

/** Kinds of issuing bodies (bestuursorganen). */
export const BodyKind = z.enum(['ministerie', 'gemeente', 'provincie', 'waterschap', 'zbo', 'other']);
export type BodyKind = z.infer<typeof BodyKind>;

/** The issuing body, normalised. */
export const IssuingBody = z.object({
  name: z.string().describe('normalised name: "ministerie van Volksgezondheid, Welzijn en Sport", "gemeente Amsterdam"'),
  kind: BodyKind,
  tooi: z.string().optional().describe('TOOI organisation code when known (mnre1025, gm0363, pv27)'),
  text: z.string().describe('the text it was read from (signature line, letterhead)'),
});
export type IssuingBody = z.infer<typeof IssuingBody>;

/**
 * The operative decision: `openbaar`, `deels-openbaar`, `niet-openbaar`, `reeds-openbaar`,
 * `niets-aangetroffen` (no documents found), `niet-ontvankelijk`, `buiten-behandeling`.
 */
export const DecisionOutcome = z.enum(['openbaar', 'deels-openbaar', 'niet-openbaar', 'reeds-openbaar', 'niets-aangetroffen', 'niet-ontvankelijk', 'buiten-behandeling']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

/** One passage that motivates a ground. */
export const MotivationPassage = z.object({
  text: z.string(),
  span: Span.describe('offsets into the analysed text (the page text when page is set)'),
  page: z.number().int().min(1).optional(),
});
export type MotivationPassage = z.infer<typeof MotivationPassage>;

/** A ground applied in a decision, with the passages that cite or describe it. */
export const DecisionGround = z.object({
  code: GroundCode,
  short: z.string().nullable(),
  citations: z.number().int().min(0).describe('citations of the code in the letter (numbered and by description)'),
  passages: z.array(MotivationPassage),
});
export type DecisionGround = z.infer<typeof DecisionGround>;

/** An ADI-style identifier of the decision, found or minted, with what it describes. */
export const DecisionAdi = z.object({
  id: z.string().describe('ADI:NL:<issuer>:<year>:<ordinal>'),
  minted: z.boolean().describe('built by lakmoes: no ADI was printed in the letter'),
  issuer: z.string().describe('TOOI code of the issuer, else a slug of its name'),
  year: z.number().int(),
  type: z.literal('besluit op Woo-verzoek'),
  date: z.string().nullable(),
  subject: z.string().nullable(),
  legalBasis: z.string().describe('Juriconnect reference: Woo art. 4.1 or Wob art. 3'),
});
export type DecisionAdi = z.infer<typeof DecisionAdi>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Everything read from one decision letter (besluit op een Woo-/Wob-verzoek). Dates are ISO YYYY-MM-DD. */
export const Decision = z.object({
  role: DocumentRole,
  roleConfidence: z.number().min(0).max(1),
  body: IssuingBody.nullable(),
  law: z.enum(['woo', 'wob']).nullable().describe('Woo from 1 May 2022 by decision date, else Wob'),
  kenmerk: z.string().nullable(),
  subject: z.string().nullable(),
  requestDate: IsoDate.nullable(),
  requestDateFrom: z.enum(['request', 'receipt']).nullable(),
  receiptDate: IsoDate.nullable(),
  decisionDate: IsoDate.nullable(),
  extensionDate: IsoDate.nullable(),
  extended: z.boolean(),
  suspended: z.boolean().describe('the term was suspended for third-party views (zienswijzen)'),
  outcome: DecisionOutcome.nullable(),
  outcomeText: z.string().nullable().describe('the sentence the outcome was read from'),
  documentCount: z.number().int().min(0).nullable(),
  daysTaken: z.number().int().nullable().describe('days from receipt (else request) to decision'),
  legalTermDays: z.number().int().nullable().describe('28; Woo +14 on extension, Wob +28'),
  late: z.boolean().nullable(),
  grounds: z.array(DecisionGround),
  adi: DecisionAdi.nullable(),
  inventoryPages: z.array(z.number().int().min(1)).describe('pages that hold an inventory table'),
});
export type Decision = z.infer<typeof Decision>;

/** The assessment of one document in an inventory list. */
export const Assessment = z.enum(['openbaar', 'deels-openbaar', 'niet-openbaar', 'reeds-openbaar', 'buiten-reikwijdte', 'dubbel']);
export type Assessment = z.infer<typeof Assessment>;

/** One row of an inventory list (inventarislijst). */
export const InventoryRow = z.object({
  number: z.string().nullable().describe('document number as printed, or the spreadsheet document id'),
  date: IsoDate.nullable(),
  description: z.string().nullable(),
  assessment: Assessment.nullable(),
  assessmentText: z.string().nullable(),
  grounds: z.array(GroundCode),
  markers: z.array(z.string()),
  groundsText: z.string().nullable(),
  remarks: z.string().nullable(),
  link: z.string().nullable(),
  line: z.number().int().min(0).optional(),
});
export type InventoryRow = z.infer<typeof InventoryRow>;

/** A document found inside a dossier stream (a letter, its inventory and the released documents in one PDF). */
export const DossierPart = z.object({
  start: z.number().int().min(1).describe('first page'),
  end: z.number().int().min(1).describe('last page'),
  role: DocumentRole,
  roleConfidence: z.number().min(0).max(1),
});
export type DossierPart = z.infer<typeof DossierPart>;

/** One record per input file: `ok` with its contents, or `error` with a code. */
export const DocumentRecord = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  source: SourceInfo,
  status: z.enum(['ok', 'error']),
  error: z.object({ code: ErrorCode, message: z.string() }).optional(),
  metadata: DocumentMetadata.optional(),
  pages: z.array(PageRecord).optional(),
  grounds: z.array(GroundCitation).optional().describe('every ground citation in the document, all sources, with page and offsets into that page text'),
  identifiers: z.array(Identifier).optional(),
  stats: DocumentStats.optional(),
  decision: Decision.optional().describe('what the decision letter says (role, body, dates, outcome, grounds with motivation, ADI)'),
  inventory: z.array(InventoryRow).optional().describe('rows of the inventory tables in the document'),
  parts: z.array(DossierPart).optional().describe('the documents of a dossier stream, when the PDF holds several'),
  ms: z.number().min(0).describe('wall time spent on this input'),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;

/** Every schema that is exported as JSON Schema, by name. */
export const schemas = {
  Span,
  Box,
  GroundCitation,
  Identifier,
  DetectResult,
  RedactionBox,
  PageRecord,
  Decision,
  InventoryRow,
  DocumentRecord,
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
