/**
 * Resuming a run: which inputs an NDJSON output file already has `ok` records for.
 *
 * Only the start of each line is read (up to 64 KiB): the record's `source` comes first and
 * `status` right after it, as the engine writes them. A line whose start does not look like
 * that is parsed as JSON when it is short, else it counts as unreadable (its input runs
 * again). A last line without its newline is what a crash in the middle of a write leaves:
 * `repair` cuts it off, so that appended records start on a line of their own and the file
 * stays valid NDJSON; its input runs again.
 */
import { open, stat, truncate } from 'node:fs/promises';

export interface ResumeState {
  /** SHA-256 of inputs that have an `ok` record. */
  ok: Set<string>;
  /** Complete lines read. */
  records: number;
  /** Lines that could not be read as a record. */
  unreadable: number;
  /** Bytes of a half-written last line (cut off when `repair` was set). */
  partialBytes: number;
}

const HEAD = 64 * 1024;
const FAST = /"sha256":(?:"([0-9a-f]{64})"|null),"mediaType":(?:"[^"\\]*"|null)\},"status":"(ok|error)"/;

function readLine(head: string, complete: boolean, state: ResumeState): void {
  if (!head.trim()) return;
  state.records++;
  const m = FAST.exec(head);
  if (m) {
    if (m[2] === 'ok' && m[1]) state.ok.add(m[1]);
    return;
  }
  if (!complete) {
    state.unreadable++;
    return;
  }
  try {
    const r = JSON.parse(head) as { status?: unknown; source?: { sha256?: unknown } };
    if (r.status === 'ok' && typeof r.source?.sha256 === 'string') state.ok.add(r.source.sha256);
  } catch {
    state.unreadable++;
  }
}

/** Read an output file (missing: nothing done yet); with `repair`, cut off a half-written last line. */
export async function readResumeState(file: string, options: { repair?: boolean } = {}): Promise<ResumeState> {
  const state: ResumeState = { ok: new Set(), records: 0, unreadable: 0, partialBytes: 0 };
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return state;
  }
  const handle = await open(file, 'r');
  let lineStart = 0;
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let head: Buffer[] = [];
    let headBytes = 0;
    let pos = 0;
    while (pos < size) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      let from = 0;
      for (;;) {
        const nl = buf.indexOf(10, from);
        const end = nl < 0 || nl >= bytesRead ? bytesRead : nl;
        if (headBytes < HEAD) {
          const take = Math.min(end - from, HEAD - headBytes);
          head.push(Buffer.from(buf.subarray(from, from + take)));
          headBytes += take;
        }
        if (nl < 0 || nl >= bytesRead) break;
        const complete = pos + nl - lineStart <= HEAD;
        readLine(Buffer.concat(head).toString('utf8'), complete, state);
        head = [];
        headBytes = 0;
        lineStart = pos + nl + 1;
        from = nl + 1;
      }
      pos += bytesRead;
    }
  } finally {
    await handle.close();
  }
  state.partialBytes = size - lineStart;
  if (state.partialBytes > 0 && options.repair) await truncate(file, lineStart);
  return state;
}
