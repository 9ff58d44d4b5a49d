/**
 * glibc's allocator, tuned for `lakmoes extract`. Page images of 1–35 MB are allocated and
 * freed on every scanned page; glibc then raises its mmap threshold to the largest freed
 * block and serves later ones from its heaps, which keep the memory, one heap per thread.
 * A fixed threshold of 4 MB (large blocks are mapped and given back on free) and two heaps
 * keep it down (benchmarks/RESULTS.md, "Memory of the dossier engine"). glibc reads these
 * settings only when a process starts, so on Linux with glibc `extract` starts itself again
 * with them, unless the user set either variable (or `LAKMOES_MALLOC=system`).
 */
import { spawn } from 'node:child_process';

/** The settings `extract` runs with. */
export const MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '4194304', MALLOC_ARENA_MAX: '2' };

/** The glibc version this process runs on, or null (musl, macOS, Windows). */
export function glibcVersion(): string | null {
  if (process.platform !== 'linux') return null;
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return header?.glibcVersionRuntime ?? null;
}

/** Whether to start again with `MALLOC_ENV`: glibc, and neither the user nor a parent set the allocator. */
export function wantsMallocRestart(env: NodeJS.ProcessEnv, glibc: string | null): boolean {
  if (!glibc || env.LAKMOES_MALLOC === 'system') return false;
  return Object.keys(MALLOC_ENV).every((key) => env[key] === undefined);
}

/**
 * Run this command (or Node with `args`) again in a child process with `MALLOC_ENV`, on the same standard streams;
 * resolves with its exit code. SIGINT and SIGTERM reach the child (a terminal sends SIGINT to
 * both; this process waits for the child); a child killed by a signal is reported as 128 + n.
 */
export function restartWithMalloc(args: readonly string[] = [...process.execArgv, ...process.argv.slice(1)]): Promise<number> {
  // the IPC channel tells the child when this process is gone (see endWithParent)
  const child = spawn(process.execPath, args, {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...MALLOC_ENV, LAKMOES_MALLOC_CHILD: '1' },
  });
  const forward = (signal: NodeJS.Signals): void => {
    if (child.exitCode === null) child.kill(signal);
  };
  const onInt = (): void => forward('SIGINT');
  const onTerm = (): void => forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((resolve) => {
    const done = (code: number): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code);
    };
    child.on('error', (err) => {
      process.stderr.write(`lakmoes: could not start again with the tuned allocator (${err.message})\n`);
      done(2);
    });
    child.on('exit', (code, signal) => done(code ?? 128 + (signal ? signalNumber(signal) : 0)));
  });
}

/**
 * In the child: end when the parent is gone. A parent killed with SIGKILL (`timeout -s KILL`,
 * a process manager) cannot pass the signal on; its IPC channel closes instead.
 */
export function endWithParent(): void {
  if (process.env.LAKMOES_MALLOC_CHILD !== '1' || !process.channel) return;
  process.channel.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Partial<Record<NodeJS.Signals, number>>)[signal] ?? 1;
}
