/**
 * Published-package hygiene: every package is built, packed with pnpm (workspace ranges
 * become versions), installed from the tarballs with npm into an empty folder (their
 * dependencies come from the npm registry), and used from there by plain Node — the API
 * imported, and the installed `lakmoes` bin run on the example decision — as a user would.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sh = (cmd: string, args: string[], cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });

describe('npm pack', () => {
  it('packs every package with dist, types and no tests; the tarballs install in a clean folder, import, and the bin runs', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'lakmoes-pack-'));
    sh('pnpm', ['exec', 'tsc', '-b'], root);
    const names = ['schema', 'detect', 'pdf', 'ocr', 'core', 'cli'];
    for (const name of names) sh('pnpm', ['pack', '--pack-destination', out], path.join(root, 'packages', name));
    const tarballs = readdirSync(out).filter((f) => f.endsWith('.tgz')).sort();
    expect(tarballs).toEqual(names.map((n) => `lakmoes-${n}-0.1.0.tgz`).sort());
    for (const t of tarballs) {
      const files = sh('tar', ['-tzf', t], out).split('\n');
      expect(files, t).toContain('package/dist/index.js');
      expect(files, t).toContain('package/dist/index.d.ts');
      expect(files.filter((f) => f.endsWith('.test.ts') || f.endsWith('.test.js')), t).toEqual([]);
      const manifest = JSON.parse(sh('tar', ['-xzOf', t, 'package/package.json'], out)) as { dependencies?: Record<string, string> };
      expect(Object.values(manifest.dependencies ?? {}).filter((v) => v.startsWith('workspace:')), t).toEqual([]);
    }
    const app = path.join(out, 'app');
    sh('mkdir', ['-p', app], out);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs.map((t) => `../${t}`)], app);
    writeFileSync(
      path.join(app, 'main.js'),
      "import { detect } from '@lakmoes/detect';\nimport { DetectResult, SCHEMA_VERSION } from '@lakmoes/schema';\n" +
        "const r = DetectResult.parse(detect('Geweigerd op grond van artikel 10, tweede lid, aanhef en onder e, van de Wob (ECLI:NL:RVS:2019:795).'));\n" +
        "console.log(JSON.stringify({ v: SCHEMA_VERSION, grounds: r.grounds.map((g) => g.code), ids: r.identifiers.map((i) => i.normalized) }));\n",
    );
    const printed = JSON.parse(sh(process.execPath, ['main.js'], app)) as { v: string; grounds: string[]; ids: string[] };
    expect(printed).toEqual({ v: '0.1.0', grounds: ['wob:10.2.e'], ids: ['ECLI:NL:RVS:2019:795'] });
    // the installed command line, on the example decision
    const record = JSON.parse(sh(path.join(app, 'node_modules/.bin/lakmoes'), ['extract', path.join(root, 'examples/data/besluit-voorbeeld.pdf'), '--ocr', 'off', '-j', '0', '-q'], app)) as {
      status: string;
      stats: { redactionCount: number };
      decision: { outcome: string };
    };
    expect(record).toMatchObject({ status: 'ok', stats: { redactionCount: 2 }, decision: { outcome: 'deels-openbaar' } });
  }, 300_000);
});
