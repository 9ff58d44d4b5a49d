/** Resume state of an NDJSON output file, and shards of a corpus. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type DocumentRecord } from '@lakmoes/schema';
import { parseShard, shardOf } from './inputs.js';
import { readResumeState } from './resume.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lakmoes-resume-'));
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

function record(name: string, status: 'ok' | 'error', extra: Partial<DocumentRecord> = {}): string {
  const r: DocumentRecord = {
    schemaVersion: SCHEMA_VERSION,
    source: { path: name, bytes: 10, sha256: sha(name), mediaType: 'application/pdf' },
    status,
    ...(status === 'error' ? { error: { code: 'PDF_CORRUPT' as const, message: 'kapot' } } : {}),
    ...extra,
    ms: 1,
  };
  return JSON.stringify(r);
}

describe('readResumeState', () => {
  it('collects the SHA-256 of ok records only, and cuts off a half-written last line', async () => {
    const file = path.join(dir, 'out.ndjson');
    const lines = [record('a.pdf', 'ok'), record('b "quoted" \\ pad.pdf', 'ok'), record('c.pdf', 'error')];
    const partial = record('d.pdf', 'ok').slice(0, 40);
    writeFileSync(file, lines.join('\n') + '\n' + partial);
    const state = await readResumeState(file, { repair: true });
    expect([...state.ok].sort()).toEqual([sha('a.pdf'), sha('b "quoted" \\ pad.pdf')].sort());
    expect(state).toMatchObject({ records: 3, unreadable: 0, partialBytes: partial.length });
    expect(readFileSync(file, 'utf8')).toBe(lines.join('\n') + '\n');
    // without repair the file is left alone
    writeFileSync(file, lines[0] + '\n' + partial);
    expect((await readResumeState(file)).partialBytes).toBe(partial.length);
    expect(readFileSync(file, 'utf8')).toBe(lines[0] + '\n' + partial);
  });

  it('reads records longer than its read-ahead, records in another key order, and skips junk', async () => {
    const file = path.join(dir, 'long.ndjson');
    const long = record('lang.pdf', 'ok', { metadata: { title: 'x'.repeat(3 << 20), author: null, subject: null, creator: null, producer: null, creationDate: null, modificationDate: null, encrypted: false, pdfVersion: null, language: null, pageCount: 1 } });
    const reordered = JSON.stringify({ status: 'ok', source: { sha256: sha('anders.pdf'), path: 'anders.pdf' } });
    writeFileSync(file, [long, reordered, 'geen json', '', record('e.pdf', 'ok')].join('\n') + '\n');
    const state = await readResumeState(file);
    expect([...state.ok].sort()).toEqual([sha('lang.pdf'), sha('anders.pdf'), sha('e.pdf')].sort());
    expect(state).toMatchObject({ records: 4, unreadable: 1, partialBytes: 0 });
  });

  it('treats a missing file as nothing done', async () => {
    expect(await readResumeState(path.join(dir, 'bestaat-niet.ndjson'), { repair: true })).toEqual({ ok: new Set(), records: 0, unreadable: 0, partialBytes: 0 });
  });
});

describe('shards', () => {
  it('parses i/n and rejects the rest', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '1/2/3', '-1/2']) expect(() => parseShard(bad)).toThrow(/shard/);
  });

  it('puts a path in the same shard on every machine (SHA-256, first 4 bytes, big-endian, mod n, plus 1)', () => {
    const expected = (p: string, n: number) => (createHash('sha256').update(p).digest().readUInt32BE(0) % n) + 1;
    for (const p of ['a.pdf', 'map/b.pdf', 'ë ü/c d.pdf']) for (const n of [1, 2, 7]) expect(shardOf(p, n)).toBe(expected(p, n));
    // pinned, so that a change of the rule shows up as a failing test, not as a re-shuffled corpus
    expect([shardOf('a.pdf', 4), shardOf('map/b.pdf', 4), shardOf('ë ü/c d.pdf', 4)]).toEqual([3, 3, 4]);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf(`dossier-${i}/document-${i}.pdf`, 4) - 1]!++;
    for (const c of counts) expect(c).toBeGreaterThan(900);
  });
});
