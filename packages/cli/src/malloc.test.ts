/** `extract` starts itself again with glibc's allocator tuned, and passes on what its child does. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { glibcVersion, MALLOC_ENV, restartWithMalloc, wantsMallocRestart } from './malloc.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

describe('the tuned allocator', () => {
  it('is wanted on glibc unless the allocator is already set or refused', () => {
    expect(wantsMallocRestart({}, '2.36')).toBe(true);
    expect(wantsMallocRestart({}, null)).toBe(false);
    expect(wantsMallocRestart({ MALLOC_ARENA_MAX: '4' }, '2.36')).toBe(false);
    expect(wantsMallocRestart({ MALLOC_MMAP_THRESHOLD_: '131072' }, '2.36')).toBe(false);
    expect(wantsMallocRestart({ LAKMOES_MALLOC: 'system' }, '2.36')).toBe(false);
    // the child has the settings, so it does not start again itself
    expect(wantsMallocRestart({ ...MALLOC_ENV }, '2.36')).toBe(false);
  });

  it('knows glibc on Linux', () => {
    if (process.platform === 'linux') expect(glibcVersion() ?? 'musl').toMatch(/^(\d+\.\d+|musl)/);
    else expect(glibcVersion()).toBeNull();
  });

  it('runs the child with the settings and returns its exit code, or 128 + the signal that killed it', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lakmoes-malloc-')), 'env.json');
    const code = await restartWithMalloc(['-e', `require('fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify(process.env)); process.exit(3)`]);
    expect(code).toBe(3);
    const env = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(env).toMatchObject({ MALLOC_MMAP_THRESHOLD_: '4194304', MALLOC_ARENA_MAX: '2' });
    expect(await restartWithMalloc(['-e', "process.kill(process.pid, 'SIGTERM'); setTimeout(() => {}, 5000)"])).toBe(143);
  });

  it('ends the child when the parent is killed with SIGKILL', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lakmoes-malloc-'));
    const malloc = pathToFileURL(path.join(here, 'malloc.ts')).href;
    const pidFile = path.join(dir, 'child.pid');
    const child = path.join(dir, 'child.mts');
    writeFileSync(child, `import { writeFileSync } from 'node:fs';\nimport { endWithParent } from ${JSON.stringify(malloc)};\nendWithParent();\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetInterval(() => {}, 1000);\n`);
    const parentFile = path.join(dir, 'parent.mts');
    writeFileSync(parentFile, `import { restartWithMalloc } from ${JSON.stringify(malloc)};\nawait restartWithMalloc(['--import', 'tsx', ${JSON.stringify(child)}]);\n`);
    const parent = spawn(process.execPath, ['--import', 'tsx', parentFile], { cwd: root, stdio: 'ignore', env: { ...process.env } });
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const until = async (check: () => boolean, ms: number): Promise<boolean> => {
      for (const t0 = Date.now(); Date.now() - t0 < ms; await new Promise((r) => setTimeout(r, 100))) if (check()) return true;
      return check();
    };
    expect(await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', 20_000)).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    parent.kill('SIGKILL');
    expect(await until(() => !alive(pid), 5_000)).toBe(true);
  }, 30_000);
});
