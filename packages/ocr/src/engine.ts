/**
 * The OCR engine: tesseract.js workers (one thread each, LSTM engine) started
 * once and reused for every page, fed from one queue.
 *
 * The pages are dispatched here rather than through tesseract.js'
 * `createScheduler`, which cannot drop a queued job (so an aborted page would
 * still be recognised), cannot replace a worker (recycling, a crashed thread)
 * and does not wait for its workers to stop. The workers are the same
 * tesseract.js workers; only the queue is ours.
 *
 * Nothing is fetched: the models come from `@tesseract.js-data/<code>` (see
 * `langdata.ts`), `cacheMethod: 'none'` keeps tesseract.js from writing
 * `<code>.traineddata` into the working directory, and an `errorHandler` is set
 * so that a failing job rejects its promise instead of throwing inside
 * tesseract.js' message handler (which would end the process).
 */
import type { Worker as NodeWorker } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import { messageOf, OcrError } from './errors.js';
import { checkImage, toPgm } from './image.js';
import { defaultResolve, findLanguageModels, localLangPath } from './langdata.js';
import { parseTsv } from './tsv.js';
import type { OcrEngine, OcrEngineOptions, OcrPage, RasterImage, RecognizeOptions } from './types.js';

const DEFAULT_DPI = 300;
const DEFAULT_RECYCLE_AFTER = 500;
const DEFAULT_MAX_PIXELS = 60_000_000;
/** tesseract accepts `user_defined_dpi` in this range (below it warns and assumes 70). */
const MIN_DPI = 70;
const MAX_DPI = 2400;
/** A worker normally starts in 0.2-0.3 s; this only turns a hang into an error. */
const START_TIMEOUT_MS = 60_000;
/** How long `terminate` waits for a worker thread to exit. */
const EXIT_TIMEOUT_MS = 5_000;

/** One started tesseract.js worker and its thread. */
interface LiveWorker {
  tess: Tesseract.Worker;
  /** Rejects (with `OCR_FAILED`) when the thread dies; never resolves. */
  died: Promise<never>;
  dead: boolean;
  /** Stops the worker and waits for its thread to exit. */
  retire(): Promise<void>;
}

/** A place for one worker: it survives recycling and restarts. */
interface Slot {
  live: LiveWorker | null;
  starting: Promise<void> | null;
  busy: boolean;
  pages: number;
  /** Why the last start failed (the slot is out of use). */
  failure: OcrError | null;
}

interface Job {
  image: RasterImage;
  dpi: number;
  layout: 'page' | 'block';
  characters: string | undefined;
  signal: AbortSignal | undefined;
  resolve(page: OcrPage): void;
  reject(error: unknown): void;
  settled: boolean;
  detach(): void;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer (got ${value})`);
  return value;
}

function checkDpi(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`dpi must be a positive number (got ${value})`);
  return Math.min(MAX_DPI, Math.max(MIN_DPI, Math.round(value)));
}

/**
 * Starts the OCR workers. Rejects with `OCR_LANGDATA_MISSING` (before any
 * worker starts) when a language's data package is not installed, and with
 * `OCR_INIT_FAILED` when a worker cannot start. Call `terminate()` when done:
 * the worker threads keep the process alive.
 */
export async function createOcrEngine(options: OcrEngineOptions = {}): Promise<OcrEngine> {
  const workers = positiveInteger('workers', options.workers, 1);
  const recycleAfter = positiveInteger('recycleAfter', options.recycleAfter, DEFAULT_RECYCLE_AFTER);
  const maxPixels = positiveInteger('maxPixels', options.maxPixels, DEFAULT_MAX_PIXELS);
  const engineDpi = checkDpi(options.dpi, DEFAULT_DPI);
  const models = findLanguageModels(options.languages ?? 'nld', options.resolve ?? defaultResolve);
  const languages = models.map((m) => m.code);
  const { langPath, dispose } = await localLangPath(models);

  let started = 0;
  let terminated = false;
  const queue: Job[] = [];
  const slots: Slot[] = Array.from({ length: workers }, () => ({ live: null, starting: null, busy: false, pages: 0, failure: null }));

  /** Starts one worker; `onDeath` is called if its thread dies on its own later. */
  async function startWorker(onDeath: (live: LiveWorker) => void): Promise<LiveWorker> {
    let initializing = true;
    let failInit: (error: unknown) => void = () => undefined;
    const initFailed = new Promise<never>((_, reject) => {
      failInit = reject;
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    });
    const creating = Tesseract.createWorker(languages.join('+'), Tesseract.OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      logger: () => undefined,
      // A failing job also rejects its own promise; here only start-up failures matter.
      errorHandler: (error: unknown) => {
        if (initializing) failInit(error);
      },
    });
    let tess: Tesseract.Worker;
    try {
      tess = await Promise.race([creating, initFailed, timedOut]);
      await tess.setParameters({ user_defined_dpi: String(engineDpi) });
    } catch (error) {
      // A worker that still comes up later is stopped at once.
      creating.then((w) => w.terminate()).catch(() => undefined);
      throw new OcrError('OCR_INIT_FAILED', `could not start a tesseract worker: ${messageOf(error)}`, { cause: error });
    } finally {
      initializing = false;
      clearTimeout(timer);
    }
    started++;
    const thread = (tess as unknown as { worker?: NodeWorker }).worker;
    let retiring = false;
    let exited: Promise<void> = Promise.resolve();
    let rejectDied: (error: OcrError) => void = () => undefined;
    const live: LiveWorker = {
      tess,
      died: new Promise<never>((_, reject) => {
        rejectDied = reject;
      }),
      dead: false,
      async retire() {
        retiring = true;
        if (!live.dead) {
          live.dead = true;
          // A page still on this worker would otherwise wait forever.
          rejectDied(new OcrError('OCR_TERMINATED', 'the OCR engine was terminated'));
        }
        await tess.terminate().catch(() => undefined);
        await exited;
      },
    };
    live.died.catch(() => undefined);
    const fail = (error: OcrError): void => {
      if (live.dead || retiring) return;
      live.dead = true;
      rejectDied(error);
      onDeath(live);
    };
    if (thread && typeof thread.once === 'function') {
      exited = new Promise<void>((resolve) => {
        const timeout = setTimeout(resolve, EXIT_TIMEOUT_MS);
        thread.once('exit', () => {
          clearTimeout(timeout);
          resolve();
        });
      });
      // Without an 'error' listener a dying thread would throw in the main thread.
      thread.on('error', (error: unknown) => fail(new OcrError('OCR_FAILED', `the tesseract worker failed: ${messageOf(error)}`, { cause: error })));
      thread.once('exit', (code: number) => fail(new OcrError('OCR_FAILED', `the tesseract worker exited (code ${code})`)));
    }
    return live;
  }

  /** (Re)starts the worker of a slot; on failure the slot goes out of use. */
  function fillSlot(slot: Slot): Promise<void> {
    // A worker whose thread dies while idle is replaced at once (a busy one after its page, in `run`).
    const onDeath = (live: LiveWorker): void => {
      if (!terminated && slot.live === live && !slot.busy) void refill(slot, live);
    };
    const starting = startWorker(onDeath).then(
      (live) => {
        if (terminated) return live.retire();
        slot.live = live;
        slot.pages = 0;
        slot.failure = null;
      },
      (error: unknown) => {
        slot.failure = error instanceof OcrError ? error : new OcrError('OCR_INIT_FAILED', messageOf(error), { cause: error });
      },
    );
    slot.starting = starting.finally(() => {
      slot.starting = null;
      pump();
    });
    return slot.starting;
  }

  /** Replaces a slot's worker: the old one is stopped first, to keep memory bounded. */
  async function refill(slot: Slot, old: LiveWorker): Promise<void> {
    slot.live = null;
    const stopping = old.retire();
    slot.starting = stopping.then(() => (terminated ? undefined : fillSlot(slot)));
    await slot.starting;
  }

  function settle(job: Job, outcome: { page: OcrPage } | { error: unknown }): void {
    if (job.settled) return;
    job.settled = true;
    job.detach();
    if ('page' in outcome) job.resolve(outcome.page);
    else job.reject(outcome.error);
  }

  async function run(slot: Slot, live: LiveWorker, job: Job): Promise<void> {
    slot.busy = true;
    const t0 = performance.now();
    try {
      const pgm = toPgm(job.image);
      const image = Buffer.from(pgm.buffer, pgm.byteOffset, pgm.byteLength);
      // Parameters passed with a job apply to that job only (tesseract.js restores them after).
      const params: Record<string, string> = { user_defined_dpi: String(job.dpi) };
      // layout and whitelist are worker settings (tesseract.js ignores them as job
      // parameters): set them for this job and put them back after it
      const special = job.layout === 'block' || job.characters !== undefined;
      if (special) {
        await live.tess.setParameters({
          tessedit_pageseg_mode: (job.layout === 'block' ? '6' : '3') as Tesseract.PSM,
          tessedit_char_whitelist: job.characters ?? '',
        });
      }
      const result = await Promise.race([live.tess.recognize(image, params as Partial<Tesseract.RecognizeOptions>, { text: false, tsv: true }), live.died]);
      if (special) await live.tess.setParameters({ tessedit_pageseg_mode: '3' as Tesseract.PSM, tessedit_char_whitelist: '' });
      const data = result.data;
      const parsed = parseTsv(data.tsv ?? '');
      settle(job, {
        page: {
          ...parsed,
          confidence: parsed.words.length ? Math.max(0, Math.min(100, Number(data.confidence) || 0)) : 0,
          width: job.image.width,
          height: job.image.height,
          dpi: job.dpi,
          ms: Math.round(performance.now() - t0),
        },
      });
    } catch (error) {
      settle(job, {
        error: terminated
          ? new OcrError('OCR_TERMINATED', 'the OCR engine was terminated')
          : error instanceof OcrError
            ? error
            : new OcrError('OCR_FAILED', `tesseract could not read the page: ${messageOf(error)}`, { cause: error }),
      });
    } finally {
      slot.busy = false;
      slot.pages++;
      if (!terminated && (live.dead || slot.pages >= recycleAfter)) void refill(slot, live);
      pump();
    }
  }

  function pump(): void {
    if (terminated) return;
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (slot.busy || !slot.live || slot.live.dead || slot.starting) continue;
      run(slot, slot.live, queue.shift()!).catch(() => undefined);
    }
    // No worker left and none coming: the queue can never drain.
    if (queue.length && slots.every((s) => (!s.live || s.live.dead) && !s.starting)) {
      const failure = slots.find((s) => s.failure)?.failure ?? new OcrError('OCR_INIT_FAILED', 'no tesseract worker is running');
      for (const job of queue.splice(0)) settle(job, { error: failure });
    }
  }

  try {
    await Promise.all(slots.map((slot) => fillSlot(slot)));
    const failed = slots.find((s) => s.failure);
    if (failed) throw failed.failure;
  } catch (error) {
    terminated = true;
    await Promise.all(slots.map((s) => s.live?.retire()));
    await dispose().catch(() => undefined);
    throw error;
  }

  let terminating: Promise<void> | null = null;

  const engine: OcrEngine = {
    get workerCount() {
      return started;
    },
    get queued() {
      return queue.length;
    },
    languages,

    recognize(image: RasterImage, recognizeOptions: RecognizeOptions = {}): Promise<OcrPage> {
      return new Promise<OcrPage>((resolve, reject) => {
        if (terminated) throw new OcrError('OCR_TERMINATED', 'the OCR engine was terminated');
        checkImage(image, maxPixels);
        const dpi = checkDpi(recognizeOptions.dpi, engineDpi);
        const { signal } = recognizeOptions;
        if (signal?.aborted) throw signal.reason;
        const onAbort = (): void => {
          const index = queue.indexOf(job);
          if (index >= 0) queue.splice(index, 1);
          settle(job, { error: signal?.reason });
        };
        const job: Job = {
          image,
          dpi,
          layout: recognizeOptions.layout ?? 'page',
          characters: recognizeOptions.characters,
          signal,
          resolve,
          reject,
          settled: false,
          detach: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(job);
        pump();
      });
    },

    terminate(): Promise<void> {
      terminating ??= (async () => {
        terminated = true;
        const stopped = new OcrError('OCR_TERMINATED', 'the OCR engine was terminated');
        for (const job of queue.splice(0)) settle(job, { error: stopped });
        await Promise.all(slots.map((s) => s.starting));
        await Promise.all(
          slots.map(async (s) => {
            const live = s.live;
            s.live = null;
            await live?.retire();
          }),
        );
        await dispose().catch(() => undefined);
      })();
      return terminating;
    },
  };
  return engine;
}
