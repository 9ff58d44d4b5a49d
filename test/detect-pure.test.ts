/**
 * @lakmoes/detect must run in a browser: no Node built-in may be imported, directly or
 * through its dependencies. Checked on the source (every import specifier of every
 * non-test module) and on the package manifest (its only dependency is @lakmoes/schema,
 * whose only dependency is zod, which is browser-safe).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

function specifiers(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  return out;
}

describe.each(['detect', 'schema'])('@lakmoes/%s is browser-safe', (pkg) => {
  const dir = path.join(root, 'packages', pkg);
  it('imports no Node built-in', () => {
    const files = sources(path.join(dir, 'src'));
    expect(files.length).toBeGreaterThan(0);
    const bad = files.flatMap((f) => specifiers(readFileSync(f, 'utf8')).filter((s) => BUILTINS.has(s)).map((s) => `${path.relative(root, f)}: ${s}`));
    expect(bad).toEqual([]);
    // and uses no Node-only global
    const globals = files.filter((f) => /\b(?:Buffer|process|__dirname|require)\b[.(]/.test(readFileSync(f, 'utf8')));
    expect(globals).toEqual([]);
  });
  it('depends only on browser-safe packages', () => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const allowed = new Set(['@lakmoes/schema', 'zod']);
    expect(Object.keys(manifest.dependencies ?? {}).filter((d) => !allowed.has(d))).toEqual([]);
  });
  it('detects its own probe: a specifier check that can fail', () => {
    expect(specifiers("import { readFileSync } from 'node:fs';").filter((s) => BUILTINS.has(s))).toEqual(['node:fs']);
  });
});
