/**
 * `pnpm bench [name...] [-- options]`: runs the benchmarks, each in its own process (so one's
 * memory and threads do not colour the next), and prints their markdown one after the other.
 * Without names: every benchmark in this folder (a `.ts` file that is not a helper below).
 *
 *   pnpm bench                      # all
 *   pnpm bench throughput -- --quick
 *   pnpm bench detect tpdl-redaction
 *
 * The throughput benchmark needs `benchmarks/setup.sh` (poppler, tesseract, qpdf) and
 * `../shared/corpus`; it prints how to get them when they are missing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
/** Files here that are not benchmarks of their own. */
const HELPERS = new Set(['run', 'make-dossier']);

const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
  .filter((n) => !HELPERS.has(n))
  .sort();

// arguments naming a benchmark choose it; all others (after `--` or not) go to every chosen one
const argv = process.argv.slice(2).filter((a) => a !== '--');
const names = argv.filter((a) => available.includes(a));
const passThrough = argv.filter((a) => !available.includes(a));
if (names.length === 0 && passThrough.some((a, i) => !a.startsWith('-') && !passThrough[i - 1]?.startsWith('-'))) {
  console.error(`pnpm bench: no such benchmark in ${JSON.stringify(passThrough)}; there are: ${available.join(', ')}`);
  process.exit(2);
}

const chosen = names.length ? names : available;
const failed: string[] = [];
console.log(`# lakmoes benchmarks\n\n${new Date().toISOString()}, Node ${process.version}; \`pnpm bench ${chosen.join(' ')}\`\n`);
for (const name of chosen) {
  console.log(`## ${name}\n`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--conditions=@lakmoes/source', '--import', 'tsx', path.join(here, `${name}.ts`), ...passThrough], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) failed.push(`${name} (exit ${r.status ?? r.signal})`);
  console.log(`\n_${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s_\n`);
}
if (failed.length) {
  console.error(`pnpm bench: failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
