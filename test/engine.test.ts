/**
 * The dossier engine on real worker threads: one record per input whatever happens to a
 * document or its thread, input order or completion order, page ranges of a large PDF merged
 * into the record the sequential path gives, and the CLI's --resume and --shard.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeDocument, analyzeDossier, shardOf, type DossierOptions } from '@lakmoes/core';
import { DocumentRecord } from '@lakmoes/schema';
import { makeExamplePdf } from '../examples/make-example.js';
import { makeNotPdf, makeRedactionsPdf } from './fixtures/pdf/make-fixtures.js';
import { makeDossierPdf, makeScanPdf } from './engine-fixtures.js';
import { FAKE_OCR_TEXT } from './fixtures/fake-ocr.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(path.join(tmpdir(), 'lakmoes-engine-'));

function write(folder: string, name: string, bytes: Uint8Array | string): string {
  mkdirSync(folder, { recursive: true });
  const p = path.join(folder, name);
  writeFileSync(p, bytes);
  return p;
}

async function collect(inputs: string[], options: DossierOptions): Promise<DocumentRecord[]> {
  const out: DocumentRecord[] = [];
  for await (const r of analyzeDossier(inputs, options)) out.push(DocumentRecord.parse(r));
  return out;
}

/** A record without its timing, for comparing runs. */
const timeless = (r: DocumentRecord): Omit<DocumentRecord, 'ms'> => {
  const { ms: _ms, ...rest } = r;
  return rest;
};

const base = (r: DocumentRecord): [string, string, string | null] => [path.basename(r.source.path), r.status, r.error?.code ?? null];

describe('analyzeDossier on worker threads', { timeout: 60_000 }, () => {
  it('gives one record per input through 2 workers, in input order or as done, equal to analyzeDocument', async () => {
    const folder = path.join(dir, 'many');
    const files = [
      write(folder, '01-groot.pdf', await makeDossierPdf(16)),
      write(folder, '02-voorbeeld.pdf', await makeExamplePdf()),
      write(folder, '03-leeg.pdf', new Uint8Array()),
      write(folder, '04-redacties.pdf', await makeRedactionsPdf()),
      write(folder, '05-geen-pdf.pdf', makeNotPdf()),
      write(folder, '06-klein.pdf', await makeDossierPdf(2)),
      write(folder, '07-voorbeeld kopie.pdf', await makeExamplePdf()),
      write(folder, '08-redacties.pdf', await makeRedactionsPdf()),
    ];
    const ordered = await collect([folder], { jobs: 2, ocr: 'off', text: true });
    expect(ordered.map((r) => r.source.path)).toEqual(files);
    expect(ordered.map(base).filter(([, status]) => status === 'error')).toEqual([
      ['03-leeg.pdf', 'error', 'EMPTY_FILE'],
      ['05-geen-pdf.pdf', 'error', 'NOT_PDF'],
    ]);
    const sequential = await Promise.all(files.map((f) => analyzeDocument(f, { ocr: 'off', text: true })));
    expect(ordered.map(timeless)).toEqual(sequential.map(timeless));
    // jobs 0: the same, in this thread
    expect((await collect([folder], { jobs: 0, ocr: 'off', text: true })).map(timeless)).toEqual(sequential.map(timeless));

    // unordered: records come as documents are done (the order onPages sees them finish);
    // the first document waits 2 s in its worker and does not hold back the ones behind it
    const finished: string[] = [];
    const done = await collect([folder], { jobs: 2, ocr: 'off', ordered: false, window: 3, onPages: (p) => finished.push(p), __test: { delay: '01-groot', delayMs: 2_000 } });
    expect(done).toHaveLength(files.length);
    expect(done.map((r) => r.source.path).sort()).toEqual([...files].sort());
    expect(done.map((r) => r.source.path)).toEqual(finished);
    expect(done[0]!.source.path).not.toBe(files[0]);
  });

  it('turns a hanging document into TIMEOUT, a dying worker into WORKER_CRASHED, one out of memory into TOO_LARGE; the run goes on', async () => {
    const folder = path.join(dir, 'trouble');
    const ok = await makeRedactionsPdf();
    const files = ['a.pdf', 'hangt.pdf', 'b.pdf', 'crasht.pdf', 'c.pdf', 'geheugen.pdf', 'd.pdf'].map((n) => write(folder, n, ok));
    const t0 = performance.now();
    const records = await collect(files, {
      jobs: 2,
      ocr: 'off',
      timeoutMs: 4_000,
      maxOldGenerationSizeMb: 256,
      __test: { hang: 'hangt', exit: 'crasht', oom: 'geheugen' },
    });
    expect(records.map(base)).toEqual([
      ['a.pdf', 'ok', null],
      ['hangt.pdf', 'error', 'TIMEOUT'],
      ['b.pdf', 'ok', null],
      ['crasht.pdf', 'error', 'WORKER_CRASHED'],
      ['c.pdf', 'ok', null],
      ['geheugen.pdf', 'error', 'TOO_LARGE'],
      ['d.pdf', 'ok', null],
    ]);
    // error records still say which file they are about
    for (const r of records.filter((x) => x.status === 'error')) {
      expect(r.source.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.source.mediaType).toBe('application/pdf');
    }
    expect(records[1]!.ms).toBeGreaterThanOrEqual(3_900);
    expect(performance.now() - t0).toBeLessThan(30_000);
  });

  it('splits a large PDF into page ranges on several workers and merges them into the sequential record', async () => {
    const file = write(path.join(dir, 'split'), 'dossier-45.pdf', await makeDossierPdf(45));
    const pages: number[] = [];
    const [split] = await collect([file], { jobs: 2, ocr: 'off', text: true, splitPages: 10, rangePages: 7, onPages: (_p, n) => pages.push(n) });
    expect(pages.sort((a, b) => a - b)).toEqual([3, 7, 7, 7, 7, 7, 7]);
    const sequential = await analyzeDocument(file, { ocr: 'off', text: true });
    expect(split!.status).toBe('ok');
    expect(split!.pages!.map((p) => p.number)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(timeless(split!)).toEqual(timeless(sequential));
    expect(split!.stats!.citationCounts['woo:5.1.2.e']).toBeGreaterThan(20);
    // the regime is decided over the whole text (Woo): the first ranges name only the Wob, and
    // read under their own regime their "artikel 10, tweede lid, onder g" would be wob:10.2.g
    expect(split!.stats!.citationCounts['wob:10.2.g']).toBeUndefined();
    expect(split!.stats!.redactionCount).toBe(15);
  });

  it('replaces a thread whose WebAssembly memory has grown, between tasks, and loses nothing', async () => {
    const folder = path.join(dir, 'recycle');
    const files = [
      write(folder, '01-voorbeeld.pdf', await makeExamplePdf()),
      write(folder, '02-dossier.pdf', await makeDossierPdf(30)),
      write(folder, '03-redacties.pdf', await makeRedactionsPdf()),
      write(folder, '04-leeg.pdf', new Uint8Array()),
      write(folder, '05-klein.pdf', await makeDossierPdf(3)),
    ];
    const plain = await collect([folder], { jobs: 2, ocr: 'off', text: true, splitPages: 10, rangePages: 8, recycleWasmMb: 0, onRecycle: () => expect.fail('recycled') });
    expect(plain.map(base)[3]).toEqual(['04-leeg.pdf', 'error', 'EMPTY_FILE']);
    // 1 MB: every thread that has loaded PDFium (~30 MB) is over it after its task
    for (const jobs of [1, 2]) {
      const replaced: number[] = [];
      const recycled = await collect([folder], { jobs, ocr: 'off', text: true, splitPages: 10, rangePages: 8, recycleWasmMb: 1, onRecycle: (id) => replaced.push(id) });
      expect(recycled.map(timeless)).toEqual(plain.map(timeless));
      expect(new Set(replaced).size).toBe(replaced.length);
      // each task that loaded PDFium ends its thread (the empty file never does): the three
      // small PDFs, and the 30 pages' document task and its 4 ranges (split on one thread too,
      // so that a long PDF's thread can be replaced between its ranges)
      expect(replaced).toHaveLength(8);
    }
  });

  it('splits a scanned PDF under splitPages when its pages are OCR\'d, so one scan also uses every thread', async () => {
    const file = write(path.join(dir, 'scan'), 'scan-12.pdf', await makeScanPdf(12));
    const ocrModule = path.join(root, 'test/fixtures/fake-ocr.ts');
    const pages: number[] = [];
    const [scan] = await collect([file], { jobs: 2, ocr: 'auto', ocrModule, text: true, splitScanPages: 8, onPages: (_p, n) => pages.push(n) });
    expect(scan!.status).toBe('ok');
    // ranges of max(4, 12 / (2 jobs × 4)) pages
    expect(pages).toEqual([4, 4, 4]);
    expect(scan!.pages!.map((p) => p.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(scan!.pages!.every((p) => p.kind === 'image-only' && p.ocr !== null && p.text?.includes(FAKE_OCR_TEXT))).toBe(true);
    // nothing to OCR: no reason to split under splitPages
    const unsplit: number[] = [];
    await collect([file], { jobs: 2, ocr: 'off', ocrModule, splitScanPages: 8, onPages: (_p, n) => unsplit.push(n) });
    expect(unsplit).toEqual([12]);
    // a born-digital PDF of as many pages is not taken for a scan
    const text = write(path.join(dir, 'scan'), 'tekst-12.pdf', await makeDossierPdf(12));
    const born: number[] = [];
    await collect([text], { jobs: 2, ocr: 'auto', ocrModule, splitScanPages: 8, onPages: (_p, n) => born.push(n) });
    expect(born).toEqual([12]);
  });

  it('gives a split document one TIMEOUT record when a range hangs, and goes on', async () => {
    const folder = path.join(dir, 'split-hang');
    const files = [write(folder, 'lang-hangt.pdf', await makeDossierPdf(12)), write(folder, 'kort.pdf', await makeRedactionsPdf())];
    const records = await collect(files, { jobs: 2, ocr: 'off', splitPages: 5, rangePages: 4, timeoutMs: 4_000, __test: { hang: 'lang-hangt', only: 'range' } });
    expect(records.map(base)).toEqual([
      ['lang-hangt.pdf', 'error', 'TIMEOUT'],
      ['kort.pdf', 'ok', null],
    ]);
  });
});

describe('lakmoes extract --shard and --resume', { timeout: 90_000 }, () => {
  const main = path.join(root, 'packages/cli/src/main.ts');
  const lakmoes = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--conditions=@lakmoes/source', '--import', 'tsx', main, 'extract', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const read = (file: string): DocumentRecord[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => DocumentRecord.parse(JSON.parse(l)));

  it('splits a corpus into disjoint shards by relative path, and resumes after a crash without redoing ok inputs', async () => {
    const corpus = path.join(dir, 'corpus');
    const names = ['a.pdf', 'b.pdf', 'sub/c.pdf', 'sub/d e.pdf', 'sub/ë.pdf', 'f.pdf', 'leeg.pdf'];
    for (const [i, n] of names.entries()) write(path.dirname(path.join(corpus, n)), path.basename(n), n === 'leeg.pdf' ? new Uint8Array() : await makeDossierPdf(1 + (i % 2), { title: n }));
    const out1 = path.join(dir, 'shard-1.ndjson');
    const out2 = path.join(dir, 'shard-2.ndjson');
    const r1 = lakmoes([corpus, '--shard', '1/2', '--jobs', '2', '--ocr', 'off', '-o', out1]);
    const r2 = lakmoes([corpus, '--shard', '2/2', '--jobs', '1', '--ocr', 'off', '-o', out2]);
    expect(r1.stderr).toMatch(/lakmoes: \d+ files/);
    const rel = (r: DocumentRecord) => path.relative(corpus, r.source.path).split(path.sep).join('/');
    const s1 = read(out1).map(rel);
    const s2 = read(out2).map(rel);
    expect([...s1, ...s2].sort()).toEqual([...names].sort());
    expect(s1.every((n) => shardOf(n, 2) === 1) && s2.every((n) => shardOf(n, 2) === 2)).toBe(true);
    expect(s1.length).toBeGreaterThan(0);
    expect(s2.length).toBeGreaterThan(0);

    // a crash left half a record at the end of shard 1's file; resume the whole corpus into it
    appendFileSync(out1, '{"schemaVersion":"0.1.0","source":{"path":"' + corpus + '/hal');
    const r3 = lakmoes([corpus, '--resume', '--ocr', 'off', '-o', out1]);
    expect(r3.status).toBe(1); // leeg.pdf is an error record
    const okBefore = s1.filter((n) => n !== 'leeg.pdf').length;
    expect(r3.stderr).toMatch(new RegExp(`${okBefore} skipped`));
    expect(r3.stderr).toMatch(/half-written last line/);
    const after = read(out1);
    const okNames = after.filter((r) => r.status === 'ok').map(rel);
    expect(okNames.sort()).toEqual(names.filter((n) => n !== 'leeg.pdf').sort());
    expect(new Set(okNames).size).toBe(okNames.length);
  });

  it('rejects --resume without --out and a bad --shard', () => {
    expect(lakmoes(['examples/data', '--resume']).status).toBe(2);
    const bad = lakmoes(['examples/data', '--shard', '3/2']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/shard/);
  });
});
