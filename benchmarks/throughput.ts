/**
 * Throughput against the C baselines, side by side in one run (issue 4):
 *
 * - `pdftotext` pages/s (poppler, one core): the baseline;
 * - `lakmoes extract --ocr off` with 1 and 2 jobs: text + geometry + redactions + grounds,
 *   and with the other PDF parser (`--backend pdfjs`) on 1 job;
 * - full analysis with OCR (`--ocr auto`) on 20 image-only pages, as a PDF and as the same
 *   pages rendered to PNG (300 dpi, grey) by pdftoppm;
 * - native `tesseract` (`OMP_THREAD_LIMIT=1`, Dutch) on those PNGs, in one process;
 *
 * each with its wall time (median of `--runs`), pages/s, pages/s per core, CPU time and peak
 * RSS (`/usr/bin/time -v`, the whole process with its threads), then the ratios the issue sets
 * targets for. CPU time over wall time is the cores a run kept busy: with 1 job more than one
 * (V8's compiler and collector threads, libvips' threads, the main thread), which bounds what a
 * second job can add on two cores. Prints markdown. Needs benchmarks/setup.sh; builds the dossiers if missing.
 *
 *   pnpm bench throughput [--runs 3] [--quick] [--source]
 *
 * `--quick` leaves out the 2,000-page dossier. lakmoes runs compiled (`pnpm build`, then
 * `node packages/cli/dist/main.js`), as an installed package does; `--source` runs it through tsx.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDossiers, OUT, type Dossier } from './make-dossier.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const argv = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? Number(argv[i + 1]) : fallback;
};
const RUNS = arg('--runs', 3);
const QUICK = argv.includes('--quick');
/**
 * lakmoes as users run it after `npm install`: the compiled CLI (`pnpm build` first), so that
 * neither the main thread nor the worker threads spend time compiling TypeScript. `--source`
 * runs it from source through tsx instead, as `pnpm lakmoes` does.
 */
const FROM_SOURCE = argv.includes('--source');
const LAKMOES = FROM_SOURCE ? ['node', '--conditions=@lakmoes/source', '--import', 'tsx', 'packages/cli/src/main.ts'] : ['node', 'packages/cli/dist/main.js'];
const TIME = '/usr/bin/time';

interface Measurement {
  label: string;
  input: string;
  pages: number;
  /** Cores the command may use (for pages/s per core). */
  cores: number;
  command: string[];
  env?: Record<string, string>;
  wallS: number[];
  /** user + system CPU seconds of the whole process */
  cpuS: number[];
  rssMb: number[];
  note?: string;
  /** Why the run did not count. */
  failed?: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Run `command` `runs` times under GNU time: wall seconds, CPU seconds and peak RSS (MB) of each run. */
function measure(m: Omit<Measurement, 'wallS' | 'cpuS' | 'rssMb'>, runs: number, check?: (stdout: string, stderr: string) => void): Measurement {
  const out: Measurement = { ...m, wallS: [], cpuS: [], rssMb: [] };
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    // a run that stops making progress is a failed row, not a benchmark that never ends
    const limit = String(Math.max(600, m.pages * 2));
    const r = spawnSync(TIME, ['-v', 'timeout', '--signal=KILL', limit, ...m.command], {
      cwd: ROOT,
      env: { ...process.env, ...m.env },
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    const wall = (performance.now() - t0) / 1000;
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
    const system = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
    try {
      if (r.status === 137) throw new Error(`killed after ${limit} s without a result`);
      if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${r.status ?? r.signal}: ${r.stderr.slice(-500)}`);
      check?.(r.stdout, r.stderr);
    } catch (err) {
      // a failed run is a row of the table, not the end of the benchmark
      out.failed = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 300) : String(err);
      process.stderr.write(`throughput: ${m.label} on ${m.input} FAILED: ${out.failed}\n`);
      return out;
    }
    out.wallS.push(wall);
    out.cpuS.push(user && system ? Number(user[1]) + Number(system[1]) : NaN);
    out.rssMb.push(rss ? Number(rss[1]) / 1024 : NaN);
    process.stderr.write(`throughput: ${m.label} on ${m.input}: ${wall.toFixed(2)} s, ${rss ? (Number(rss[1]) / 1024).toFixed(0) : '?'} MB\n`);
  }
  return out;
}

/** Check lakmoes' records: one per input, every page there, and count the OCR'd pages. */
function lakmoesCheck(pages: number, note: (s: string) => void): (stdout: string, stderr: string) => void {
  return (stdout, stderr) => {
    const records = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { status: string; error?: { code: string }; pages?: { ocr: unknown }[] });
    const got = records.reduce((n, r) => n + (r.pages?.length ?? 0), 0);
    const errors = records.filter((r) => r.status !== 'ok').map((r) => r.error?.code);
    if (got !== pages) throw new Error(`lakmoes gave ${got} of ${pages} pages (errors: ${errors.join(', ')}); stderr: ${stderr.slice(-1000)}`);
    const ocr = records.reduce((n, r) => n + (r.pages?.filter((p) => p.ocr).length ?? 0), 0);
    note(`${ocr} pages OCR'd`);
  };
}

const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const pps = (m: Measurement): number => m.pages / median(m.wallS);
const perCore = (m: Measurement): number => pps(m) / m.cores;
/** Cores the run kept busy: CPU time over wall time (medians). */
const busy = (m: Measurement): number => median(m.cpuS) / median(m.wallS);
const shell = (m: Measurement): string =>
  `${Object.entries(m.env ?? {}).map(([k, v]) => `${k}=${v} `).join('')}${m.command.map((c) => (/[\s'"]/.test(c) ? JSON.stringify(c) : c)).join(' ')}`;

async function main(): Promise<void> {
  for (const tool of ['pdftotext', 'pdftoppm', 'tesseract', 'timeout', TIME]) {
    if (!have(tool)) {
      console.log(`throughput: \`${tool}\` is missing; run \`benchmarks/setup.sh\` first.`);
      process.exitCode = 1;
      return;
    }
  }
  if (!FROM_SOURCE) {
    const build = spawnSync('pnpm', ['-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`pnpm build failed: ${build.stdout}${build.stderr}`);
  }
  const loadBefore = loadavg()[0]!;
  const dossiers = (await makeDossiers()).filter((d) => !(QUICK && d.name === 'dossier-2000'));
  const help = spawnSync(LAKMOES[0]!, [...LAKMOES.slice(1), 'extract', '--help'], { cwd: ROOT, encoding: 'utf8' }).stdout;
  const hasJobs = /--jobs\b/.test(help);
  const hasBackend = /--backend\b/.test(help);
  // no per-document limit: the 2,000-page dossier on one job takes longer than the default
  const noTimeout = /--timeout\b/.test(help) ? ['--timeout', '86400'] : [];
  const results: Measurement[] = [];
  const ndjson = path.join(OUT, 'throughput.ndjson');

  const textDossiers = dossiers.filter((d) => d.name !== 'scans-20');
  for (const d of textDossiers) {
    results.push(measure({ label: 'pdftotext', input: d.name, pages: d.pages, cores: 1, command: ['pdftotext', d.file, path.join(OUT, 'pdftotext.txt')] }, RUNS));
    // the default parser with 1 and 2 jobs, then the other parser with 1 job (when there is a choice)
    const runs: [number, string | null][] = [...(hasJobs ? [1, 2] : [0]).map((jobs): [number, string | null] => [jobs, null]), ...(hasBackend ? [[1, 'pdfjs'] as [number, string]] : [])];
    for (const [jobs, backend] of runs) {
      const command = [...LAKMOES, 'extract', d.file, '--ocr', 'off', '-o', ndjson, ...noTimeout, ...(hasJobs ? ['--jobs', String(jobs)] : []), ...(backend ? ['--backend', backend] : [])];
      let note = '';
      const label = hasJobs ? `lakmoes --ocr off, ${jobs} job${jobs > 1 ? 's' : ''}` : 'lakmoes --ocr off (no --jobs yet)';
      // the 2,000-page dossier takes minutes per run: once is enough there
      const m = measure(
        { label: backend ? `${label}, --backend ${backend}` : label, input: d.name, pages: d.pages, cores: Math.max(1, jobs), command },
        d.pages > 1000 ? 1 : Math.min(RUNS, 2),
        (_out, err) => {
          lakmoesCheck(d.pages, () => undefined)(readFileSync(ndjson, 'utf8'), err);
          note = /(\d+(?:\.\d+)?) pages\/s/.exec(err)?.[0] ?? '';
        },
      );
      m.note = note ? `summary: ${note}` : '';
      results.push(m);
    }
  }

  // OCR: the scan pages as a PDF (full pipeline), and rendered to PNG for both OCR engines
  const scans = dossiers.find((d) => d.name === 'scans-20');
  let ocrOurs: Measurement | undefined;
  let ocrNative: Measurement | undefined;
  if (scans) {
    const pngDir = path.join(OUT, 'scans-20-png');
    if (!existsSync(pngDir) || readdirSync(pngDir).filter((f) => f.endsWith('.png')).length !== scans.pages) {
      rmSync(pngDir, { recursive: true, force: true });
      mkdirSync(pngDir, { recursive: true });
      const r = spawnSync('pdftoppm', ['-r', '300', '-gray', '-png', scans.file, path.join(pngDir, 'p')]);
      if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
    }
    const pngs = readdirSync(pngDir).filter((f) => f.endsWith('.png')).sort().map((f) => path.join(pngDir, f));
    const list = path.join(OUT, 'scans-20-png.txt');
    writeFileSync(list, pngs.join('\n') + '\n');
    const jobs = [...noTimeout, ...(hasJobs ? ['--jobs', '1'] : [])];
    let pdfNote = '';
    const pdfRun = measure(
      { label: 'lakmoes --ocr auto (PDF), 1 job', input: scans.name, pages: scans.pages, cores: 1, command: [...LAKMOES, 'extract', scans.file, '--ocr', 'auto', '-o', ndjson, ...jobs] },
      1,
      (_o, err) => lakmoesCheck(scans.pages, (s) => (pdfNote = s))(readFileSync(ndjson, 'utf8'), err),
    );
    pdfRun.note = pdfNote;
    results.push(pdfRun);
    let pngNote = '';
    ocrOurs = measure(
      { label: 'lakmoes --ocr auto (PNG), 1 job', input: `${scans.name} as PNG`, pages: pngs.length, cores: 1, command: [...LAKMOES, 'extract', pngDir, '--ocr', 'auto', '-o', ndjson, ...jobs] },
      1,
      (_o, err) => lakmoesCheck(pngs.length, (s) => (pngNote = s))(readFileSync(ndjson, 'utf8'), err),
    );
    ocrOurs.note = pngNote;
    results.push(ocrOurs);
    ocrNative = measure(
      { label: 'tesseract -l nld (native)', input: `${scans.name} as PNG`, pages: pngs.length, cores: 1, command: ['tesseract', list, path.join(OUT, 'tesseract'), '-l', 'nld'], env: { OMP_THREAD_LIMIT: '1' } },
      1,
    );
    results.push(ocrNative);
  }

  // the table
  const lines: string[] = [];
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  lines.push(
    `Throughput on ${cpus().length} cores (${cpu}), Node ${process.version}; wall time is the median of ${RUNS} run(s) of pdftotext, ` +
      `${Math.min(RUNS, 2)} of lakmoes (1 on the 2,000-page dossier and for OCR), including process start-up; ` +
      `lakmoes ${FROM_SOURCE ? 'from source through tsx' : 'compiled (packages/cli/dist, as installed)'}; ` +
      `1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after (other work on the machine slows every row).`,
  );
  lines.push('');
  lines.push('| input | pages | tool | wall s | pages/s | pages/s per core | CPU s | cores busy | peak RSS MB | note |');
  lines.push('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const m of results) {
    const note = m.failed ? `FAILED: ${m.failed.replaceAll('|', '/')}` : (m.note ?? '');
    lines.push(`| ${m.input} | ${m.pages} | ${m.label} | ${fmt(median(m.wallS), 2)} | ${fmt(pps(m))} | ${fmt(perCore(m))} | ${fmt(median(m.cpuS), 2)} | ${fmt(busy(m), 2)} | ${fmt(Math.max(...m.rssMb), 0)} | ${note} |`);
  }
  lines.push('');
  lines.push('| ratio | value | target |');
  lines.push('| --- | ---: | --- |');
  for (const d of textDossiers) {
    const base = results.find((m) => m.input === d.name && m.label === 'pdftotext');
    const ours1 = results.find((m) => m.input === d.name && m.label.startsWith('lakmoes') && !m.label.includes('--backend') && m.cores === 1);
    const ours2 = results.find((m) => m.input === d.name && m.label.startsWith('lakmoes') && !m.label.includes('--backend') && m.cores === 2);
    if (base && ours1) lines.push(`| ${d.name}: lakmoes --ocr off / pdftotext, pages/s per core (1 job) | ${fmt(perCore(ours1) / perCore(base), 3)} | ≥ 0.5 on born-digital pages |`);
    if (base && ours2) lines.push(`| ${d.name}: lakmoes --ocr off / pdftotext, pages/s per core (2 jobs) | ${fmt(perCore(ours2) / perCore(base), 3)} | |`);
    if (ours1 && ours2) lines.push(`| ${d.name}: speed-up 1 → 2 jobs | ${fmt(pps(ours2) / pps(ours1), 2)}× | ≥ 1.8× |`);
    // a 1-job run that keeps b cores busy can at most gain 2 / b on two cores at the same CPU per page
    if (ours1 && ours2) lines.push(`| ${d.name}: cores busy with 1 job; with 2 jobs | ${fmt(busy(ours1), 2)}; ${fmt(busy(ours2), 2)} (speed-up bound 2 / ${fmt(busy(ours1), 2)} = ${fmt(2 / busy(ours1), 2)}×) | |`);
  }
  if (ocrOurs && ocrNative) lines.push(`| OCR pages/s per core: lakmoes (tesseract.js) / native tesseract, same PNGs | ${fmt(perCore(ocrOurs) / perCore(ocrNative), 2)} | ≥ 0.5 (within 2×) |`);
  if (!hasJobs) lines.push('| (lakmoes extract has no --jobs yet: one document at a time, one thread) | | |');
  lines.push('');
  lines.push('Commands (each under `/usr/bin/time -v` for the peak RSS):');
  lines.push('');
  lines.push('```sh');
  lines.push(`benchmarks/setup.sh && pnpm bench throughput${argv.length ? ` -- ${argv.join(' ')}` : ''}   # this table`);
  const seen = new Set<string>();
  for (const m of results) {
    const s = shell(m).replaceAll(ROOT + path.sep, '');
    if (!seen.has(s)) lines.push(s);
    seen.add(s);
  }
  lines.push('```');
  console.log(lines.join('\n'));
}

await main();
