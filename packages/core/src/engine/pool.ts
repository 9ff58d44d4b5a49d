/**
 * The worker threads, behind a small interface: piscina 5 (measured against
 * worker-threads-pool and tinypool in `benchmarks/pool.ts`). Piscina replaces a thread
 * that died, terminates the thread of an aborted task, and applies V8 resource limits.
 *
 * In development and tests the worker is TypeScript (`worker.ts`), loaded through tsx with
 * the `@lakmoes/source` condition; built, it is `worker.js` and inherits the process' flags.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { EngineReply, EngineTask } from './protocol.js';

export interface WorkerPoolOptions {
  threads: number;
  /** V8 old-generation limit of each thread, MB; a thread over it dies with ERR_WORKER_OUT_OF_MEMORY. */
  maxOldGenerationSizeMb: number;
  /**
   * V8 young-generation size of each thread, MB. pdf.js makes much short-lived garbage per
   * page; a young generation larger than V8's default keeps it from being promoted (measured
   * on 250 and 1,000 generated pages, 1 and 2 threads, 3 runs each: 64 MB gives ~25% less
   * peak RSS, e.g. 415 instead of 565 MB; CPU time the same within the noise).
   */
  maxYoungGenerationSizeMb: number;
  /** Called when a thread has come up (at the start, or replacing one). */
  onThreadUp?: () => void;
}

export interface WorkerPool {
  readonly threads: number;
  /** Run a task on a free thread; aborting the signal of a running task terminates its thread (a new one replaces it). */
  run(task: EngineTask, signal?: AbortSignal): Promise<EngineReply>;
  /** Threads that are up and not being replaced. */
  available(): number;
  /**
   * End a thread (by its `threadId`) once it is idle: it gets no more tasks, and a new thread
   * replaces it. False when it was being ended already (or is gone).
   */
  retire(threadId: number): boolean;
  destroy(): Promise<void>;
}

const SOURCE = import.meta.url.endsWith('.ts');

/** Flags for the threads: built, the process' own; from source, also tsx and the source condition. */
function workerExecArgv(): string[] | undefined {
  if (!SOURCE) return undefined;
  const argv = [...process.execArgv];
  if (!argv.some((a) => a.includes('@lakmoes/source'))) argv.push('--conditions=@lakmoes/source');
  if (!argv.some((a) => /[\\/]tsx[\\/]|^tsx$/.test(a))) {
    let loader = 'tsx';
    try {
      loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    } catch {
      // left to Node's own resolution from the working directory
    }
    argv.push('--import', loader);
  }
  return argv;
}

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const execArgv = workerExecArgv();
  // Threads to be ended: no task goes to them. One is ended once idle: piscina may have handed
  // it a queued task as its last task finished, before the engine read the reply that retires it.
  const retiring = new Set<number>();
  const ending = new Set<number>();
  const threads = new Map<number, { readonly id: number; readonly currentUsage: number }>();
  const pool = new Piscina<EngineTask, EngineReply>({
    filename: new URL(SOURCE ? './worker.ts' : './worker.js', import.meta.url).href,
    minThreads: options.threads,
    maxThreads: options.threads,
    // the engine queues its own work and hands piscina at most one task per thread
    maxQueue: 'auto',
    idleTimeout: 2 ** 31 - 1,
    // 'sync' would block an idle thread's event loop (its OCR worker and close timer)
    atomics: 'disabled',
    // an idle thread that is not being ended (one task per thread, as piscina's default does)
    loadBalancer: (_task, workers) => workers.find((w) => w.currentUsage === 0 && !retiring.has(w.id)) ?? null,
    resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: options.maxYoungGenerationSizeMb },
    ...(execArgv ? { execArgv } : {}),
  });
  // A thread that fails outside a task (e.g. its module does not load) is reported here;
  // the task that needed it rejects on its own.
  pool.on('error', () => undefined);
  pool.on('workerCreate', (w: { id: number; currentUsage: number }) => {
    threads.set(w.id, w);
    options.onThreadUp?.();
  });
  pool.on('workerDestroy', (w: { id: number }) => {
    threads.delete(w.id);
    retiring.delete(w.id);
    ending.delete(w.id);
  });
  const endIdle = (): void => {
    for (const id of retiring) {
      if (ending.has(id) || threads.get(id)?.currentUsage !== 0) continue;
      const thread = pool.threads.find((t) => t.threadId === id);
      if (!thread) continue;
      ending.add(id);
      void thread.terminate();
    }
  };
  return {
    threads: options.threads,
    run: async (task, signal) => {
      try {
        return await pool.run(task, signal ? { signal } : {});
      } finally {
        endIdle();
      }
    },
    available: () => threads.size - retiring.size,
    retire(threadId) {
      if (!threads.has(threadId) || retiring.has(threadId)) return false;
      retiring.add(threadId);
      endIdle();
      return true;
    },
    destroy: () => pool.destroy(),
  };
}
