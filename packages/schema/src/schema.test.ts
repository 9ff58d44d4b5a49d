/** The JSON Schema committed beside the package is the one the zod schemas generate: it cannot drift. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DocumentRecord, jsonSchema } from './index.js';

describe('JSON Schema', () => {
  it('packages/schema/lakmoes.schema.json is up to date (regenerate: pnpm lakmoes schema > packages/schema/lakmoes.schema.json)', () => {
    const committed = JSON.parse(readFileSync(new URL('../lakmoes.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(jsonSchema());
  });
  it('rejects a record that breaks the format', () => {
    const bad = { schemaVersion: '0.1.0', source: { path: 'x.pdf', bytes: 1, sha256: null, mediaType: null }, status: 'maybe', ms: 1 };
    expect(DocumentRecord.safeParse(bad).success).toBe(false);
  });
});
