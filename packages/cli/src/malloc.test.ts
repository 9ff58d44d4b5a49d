/** `extract` starts itself again with glibc's allocator tuned, and passes on what its child does. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { glibcVersion, MALLOC_ENV, restartWithMalloc, wantsMallocRestart } from './malloc.js';

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
});
