/**
 * A bounded, deterministic mutation fuzz over a few small corpus PDFs (seeded PRNG, ~100
 * mutants): bytes flipped, files truncated, ranges duplicated, deleted, zeroed or spliced.
 * Every mutant must give exactly one record, `ok` or `error` with a code of the schema, through
 * `lakmoes extract` as a user runs it: no crash, no hang. Skipped without ../shared/corpus.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type DocumentRecord } from '@lakmoes/schema';
import { FUZZ_SEEDS, makeMutants } from './fixtures/bad/mutate.js';
import { extractFlags, lakmoes, parseRecords, parseSummary, type CliRun } from './fixtures/bad/run-cli.js';
import { hasShared, sharedPath } from './helpers/shared.js';

// a longer campaign: LAKMOES_FUZZ_SEED=7 LAKMOES_FUZZ_MUTANTS=250 pnpm vitest run test/fuzz.test.ts
const MUTANTS_PER_SEED = Number(process.env.LAKMOES_FUZZ_MUTANTS ?? 25);
const SEED = Number(process.env.LAKMOES_FUZZ_SEED ?? 0x1a4_0e5);
/** The whole run is killed after this; 100 mutants take ~20 s on 2 cores. */
const RUN_LIMIT_MS = Math.max(110_000, MUTANTS_PER_SEED * FUZZ_SEEDS.length * 1_000);
/** Per-document limit for `--timeout` (seconds) when the CLI has it. */
const TIMEOUT_S = 20;

const seeds = FUZZ_SEEDS.filter((s) => hasShared && existsSync(sharedPath('corpus', s)));

describe.skipIf(seeds.length === 0)('mutation fuzz over corpus PDFs (lakmoes extract)', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'lakmoes-fuzz-'));
  const mutants = new Map<string, { seed: string; kind: string; bytes: number }>();
  let run: CliRun;
  let records: DocumentRecord[] = [];

  beforeAll(async () => {
    const dir = path.join(work, 'mutanten');
    mkdirSync(dir);
    for (const m of makeMutants(seeds.map((s) => sharedPath('corpus', s)), MUTANTS_PER_SEED, SEED)) {
      writeFileSync(path.join(dir, m.name), m.bytes);
      mutants.set(m.name, { seed: m.seed, kind: m.kind, bytes: m.bytes.length });
    }
    const flags = extractFlags();
    const args = ['extract', dir, '--ocr', 'off'];
    if (flags.has('--timeout')) args.push('--timeout', String(TIMEOUT_S));
    run = await lakmoes(args, RUN_LIMIT_MS);
    records = parseRecords(run.stdout);
  }, RUN_LIMIT_MS + 40_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('completes without a crash or a hang', () => {
    expect(run.killed, `killed after ${RUN_LIMIT_MS / 1000} s; records for ${records.length} of ${mutants.size}`).toBe(false);
    expect(run.signal).toBeNull();
    expect([0, 1], run.stderr.slice(-2000)).toContain(run.status);
    console.log(`fuzz: ${mutants.size} mutants of ${seeds.length} corpus files in ${(run.ms / 1000).toFixed(1)} s`);
  });

  it('gives exactly one record per mutant', () => {
    const got = records.map((r) => path.basename(r.source.path)).sort();
    const missing = [...mutants.keys()].filter((m) => !got.includes(m));
    expect(missing, 'mutants without a record').toEqual([]);
    expect(got).toEqual([...mutants.keys()].sort());
  });

  it('every record is ok or an error with a code of the schema, never INTERNAL or WORKER_CRASHED', () => {
    const codes = new Set<string>(ErrorCode.options);
    const tally: Record<string, number> = {};
    for (const r of records) {
      const outcome = r.status === 'ok' ? 'ok' : r.error!.code;
      tally[outcome] = (tally[outcome] ?? 0) + 1;
      if (r.status === 'error') expect(codes.has(r.error!.code), r.error!.code).toBe(true);
      expect(['INTERNAL', 'WORKER_CRASHED', 'TIMEOUT'], `${path.basename(r.source.path)}: ${r.error?.message}`).not.toContain(outcome);
    }
    console.log(`fuzz outcomes: ${JSON.stringify(tally)}`);
    const s = parseSummary(run.stderr);
    expect(s).toMatchObject({ files: mutants.size, ok: tally.ok ?? 0, errors: mutants.size - (tally.ok ?? 0) });
  });
});
