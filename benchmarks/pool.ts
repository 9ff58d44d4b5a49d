/**
 * Worker pools on the engine's task shape: piscina 5.3.2 (what the engine uses), tinypool
 * 2.2.0, worker-threads-pool 2.0.0 (the design card's choice: it starts a new Worker for
 * every task) and a hand-rolled loop over long-lived Workers (the lower bound).
 *
 * - tiny: N tasks `x => x * 2` submitted at once: the pool's own cost per task;
 * - real: N page-range tasks of the engine (`engine/worker.ts`: `{ kind: 'range' }`, 5 pages
 *   each, cycling over a generated 50-page dossier), submitted at once: pages/s.
 *
 * Every pool runs in its own child process (so its peak RSS is its own), `--threads` threads,
 * after one warm-up task per thread (none for worker-threads-pool, which keeps no threads).
 * Real tasks load the TypeScript worker through tsx in every pool (tinypool cannot load a
 * .ts worker on Node 20, so every pool gets the same .mjs wrapper that registers tsx).
 *
 * tinypool and worker-threads-pool are not dependencies of the project; install them beside:
 *
 *   npm i --prefix /tmp/poolbench tinypool@2.2.0 worker-threads-pool@2.0.0
 *   POOL_BENCH_MODULES=/tmp/poolbench/node_modules \
 *     pnpm tsx --conditions=@lakmoes/source benchmarks/pool.ts [--tiny 1000] [--real 200] [--runs 3] [--threads 2]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { makeDossierPdf } from '../test/engine-fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'out', 'pool');
const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const threads = arg('threads', 2);
const POOLS = ['raw', 'piscina', 'piscina-atomics-sync', 'tinypool', 'worker-threads-pool'] as const;
type PoolName = (typeof POOLS)[number];
type Shape = 'tiny' | 'real';

const RANGE = 5;
const DOC_PAGES = 50;

/** Worker files (plain JS, so that every pool can load them), written to benchmarks/out/pool. */
function writeWorkers(): void {
  mkdirSync(out, { recursive: true });
  const engineWorker = pathToFileURL(path.resolve(here, '../packages/core/src/engine/worker.ts')).href;
  const files: Record<string, string> = {
    'tiny.mjs': 'export default (x) => x * 2;\n',
    'tiny-loop.mjs': "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (x) => parentPort.postMessage(x * 2));\n",
    'tiny-once.mjs': "import { parentPort, workerData } from 'node:worker_threads';\nparentPort.postMessage(workerData * 2);\n",
    // the engine's worker, TypeScript through tsx registered in this thread
    'real.mjs': `import { register } from 'tsx/esm/api';\nregister();\nconst m = await import(${JSON.stringify(engineWorker)});\nexport default m.default;\n`,
    'real-loop.mjs': "import { parentPort } from 'node:worker_threads';\nimport run from './real.mjs';\nparentPort.on('message', async (t) => parentPort.postMessage(await run(t)));\n",
    'real-once.mjs': "import { parentPort, workerData } from 'node:worker_threads';\nimport run from './real.mjs';\nparentPort.postMessage(await run(workerData));\n",
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(out, name), text);
}

interface RealTask {
  kind: 'range';
  path: string;
  sha256: string;
  from: number;
  to: number;
  options: { ocr: 'off' };
}

async function realTasks(n: number): Promise<RealTask[]> {
  const bytes = await makeDossierPdf(DOC_PAGES);
  const file = path.join(out, `dossier-${DOC_PAGES}.pdf`);
  writeFileSync(file, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return Array.from({ length: n }, (_, i) => {
    const from = ((i * RANGE) % DOC_PAGES) + 1;
    return { kind: 'range' as const, path: file, sha256, from, to: from + RANGE - 1, options: { ocr: 'off' as const } };
  });
}

const execArgv = ['--conditions=@lakmoes/source'];

interface Runner {
  run(task: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** Long-lived Workers fed from one queue by postMessage: the lower bound. */
function rawPool(file: string): Runner {
  const idle: Worker[] = [];
  const queue: { task: unknown; resolve(v: unknown): void }[] = [];
  const workers = Array.from({ length: threads }, () => new Worker(path.join(out, file), { execArgv }));
  const next = (w: Worker): void => {
    const job = queue.shift();
    if (!job) return void idle.push(w);
    w.once('message', (v) => {
      job.resolve(v);
      next(w);
    });
    w.postMessage(job.task);
  };
  for (const w of workers) idle.push(w);
  return {
    run: (task) =>
      new Promise((resolve) => {
        queue.push({ task, resolve });
        const w = idle.pop();
        if (w) next(w);
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** A module from beside (POOL_BENCH_MODULES) or, for piscina, from @lakmoes/core's dependencies. */
function load<T>(name: string): T {
  const from = name === 'piscina' ? path.resolve(here, '../packages/core/package.json') : process.env.POOL_BENCH_MODULES ? path.join(process.env.POOL_BENCH_MODULES, '..', 'x.js') : import.meta.url;
  return createRequire(from)(name) as T;
}

interface PoolLike {
  run(task: unknown): Promise<unknown>;
  destroy(): Promise<void>;
}

async function makeRunner(pool: PoolName, shape: Shape): Promise<Runner> {
  const file = (kind: '' | '-loop' | '-once') => path.join(out, `${shape}${kind}.mjs`);
  switch (pool) {
    case 'raw':
      return rawPool(`${shape}-loop.mjs`);
    case 'piscina':
    case 'piscina-atomics-sync': {
      const { Piscina } = load<{ Piscina: new (o: object) => PoolLike }>('piscina');
      const p = new Piscina({ filename: pathToFileURL(file('')).href, minThreads: threads, maxThreads: threads, execArgv, atomics: pool === 'piscina' ? 'disabled' : 'sync' });
      return { run: (t) => p.run(t), close: () => p.destroy() };
    }
    case 'tinypool': {
      // ESM only: imported by path
      const dir = path.dirname(createRequire(path.join(process.env.POOL_BENCH_MODULES ?? here, '..', 'x.js')).resolve('tinypool/package.json'));
      const { Tinypool } = (await import(pathToFileURL(path.join(dir, 'dist/index.js')).href)) as { Tinypool: new (o: object) => PoolLike };
      const p = new Tinypool({ filename: pathToFileURL(file('')).href, minThreads: threads, maxThreads: threads, execArgv });
      return { run: (t) => p.run(t), close: () => p.destroy() };
    }
    case 'worker-threads-pool': {
      const Pool = load<new (o: { max: number }) => { acquire(f: string, o: object, cb: (e: Error | null, w: Worker) => void): void }>('worker-threads-pool');
      const p = new Pool({ max: threads });
      const running = new Set<Worker>();
      return {
        run: (task) =>
          new Promise((resolve, reject) =>
            p.acquire(file('-once'), { workerData: task, execArgv }, (err, w) => {
              if (err) return reject(err);
              running.add(w);
              w.once('message', resolve);
              w.once('error', reject);
              w.once('exit', () => running.delete(w));
            }),
          ),
        close: async () => {
          await Promise.all([...running].map((w) => w.terminate()));
        },
      };
    }
  }
}

/** One measurement in this process: prints a JSON line. */
async function measure(pool: PoolName, shape: Shape, n: number): Promise<void> {
  const tasks: unknown[] = shape === 'tiny' ? Array.from({ length: n }, (_, i) => i) : await realTasks(n);
  const runner = await makeRunner(pool, shape);
  // warm-up: one task per thread (start-up and module loading are not what is measured)
  if (pool !== 'worker-threads-pool') await Promise.all(tasks.slice(0, threads).map((t) => runner.run(t)));
  const t0 = performance.now();
  const results = await Promise.all(tasks.map((t) => runner.run(t)));
  const ms = performance.now() - t0;
  if (shape === 'tiny' && results.some((r, i) => r !== (tasks[i] as number) * 2)) throw new Error(`${pool}: wrong results`);
  if (shape === 'real' && results.some((r) => (r as { kind?: string }).kind !== 'range')) throw new Error(`${pool}: ${JSON.stringify(results.find((r) => (r as { kind?: string }).kind !== 'range')).slice(0, 300)}`);
  await runner.close();
  const pages = shape === 'real' ? n * RANGE : 0;
  process.stdout.write(JSON.stringify({ pool, shape, n, ms, perTaskMs: ms / n, pagesPerSecond: pages ? (pages / ms) * 1000 : null, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
}

interface Result {
  pool: PoolName;
  shape: Shape;
  n: number;
  ms: number;
  perTaskMs: number;
  pagesPerSecond: number | null;
  peakRssMb: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number, d = 1): string => x.toFixed(d);

async function main(): Promise<void> {
  const only = args.indexOf('--only');
  if (only >= 0) {
    await measure(args[only + 1] as PoolName, args[only + 2] as Shape, Number(args[only + 3]));
    process.exit(0); // worker-threads-pool leaves no handle to wait for
  }
  writeWorkers();
  const tiny = arg('tiny', 1000);
  const real = arg('real', 200);
  const runs = arg('runs', 3);
  const pools = (args.includes('--pools') ? args[args.indexOf('--pools') + 1]!.split(',') : POOLS) as PoolName[];
  const rows: string[] = [];
  for (const [shape, n] of [['tiny', tiny], ['real', real]] as const) {
    if (!n) continue;
    for (const pool of pools) {
      const results: Result[] = [];
      // a Worker per task: one run of the real shape is enough to see it
      const times = pool === 'worker-threads-pool' && shape === 'real' ? 1 : runs;
      for (let i = 0; i < times; i++) {
        const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--only', pool, shape, String(n), '--threads', String(threads)], { encoding: 'utf8', env: process.env });
        const line = r.stdout.trim().split('\n').pop() ?? '';
        if (r.status !== 0 || !line.startsWith('{')) {
          rows.push(`| ${pool} | ${shape} | ${n} | skipped: ${(r.stderr.trim().split('\n').find((l) => /Error|Cannot/.test(l)) ?? r.stderr.trim().split('\n').pop() ?? '').slice(0, 120)} | | | |`);
          break;
        }
        results.push(JSON.parse(line) as Result);
      }
      if (!results.length) continue;
      const ms = results.map((r) => r.ms);
      const pps = results.map((r) => r.pagesPerSecond ?? 0);
      rows.push(
        `| ${pool} | ${shape} | ${n} | ${results.length === 1 ? fmt(ms[0]!, 0) : `${fmt(Math.min(...ms), 0)}-${fmt(Math.max(...ms), 0)} (median ${fmt(median(ms), 0)})`} | ${fmt(median(ms) / n, 3)} | ${shape === 'real' ? fmt(median(pps)) : ''} | ${median(results.map((r) => r.peakRssMb))} |`,
      );
      process.stderr.write(rows.at(-1)! + '\n');
    }
  }
  console.log(`Pools, ${threads} threads, Node ${process.version}, ${runs} runs (worker-threads-pool real: 1); real = page-range tasks of ${RANGE} pages of a ${DOC_PAGES}-page generated dossier\n`);
  console.log('| pool | tasks | n | wall ms | ms per task | pages/s | peak RSS MB |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

await main();
