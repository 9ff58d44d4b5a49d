#!/usr/bin/env node
/**
 * The `lakmoes` command. `extract` first starts itself again with glibc's allocator tuned
 * (malloc.ts); this process then only waits for it, without loading the rest.
 */
import { endWithParent, glibcVersion, restartWithMalloc, wantsMallocRestart } from './malloc.js';

if (process.argv[2] === 'extract' && wantsMallocRestart(process.env, glibcVersion())) {
  process.exitCode = await restartWithMalloc();
} else {
  endWithParent();
  await import('./program.js');
}
