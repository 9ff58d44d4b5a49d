/**
 * Render a text with its findings marked, for reading and debugging:
 * `⟦artikel 10, tweede lid, onder e, van de Wob⟧{wob:10.2.e}`. Overlapping findings are
 * merged into one mark that lists every code.
 */
import type { DetectResult } from '@lakmoes/schema';

export interface AnnotateOptions {
  /** Mark start/end strings (default `⟦` and `⟧`). */
  open?: string;
  close?: string;
}

interface Mark {
  start: number;
  end: number;
  tags: string[];
}

/** The text with every ground and identifier of `result` marked. */
export function annotate(text: string, result: DetectResult, options: AnnotateOptions = {}): string {
  const open = options.open ?? '⟦';
  const close = options.close ?? '⟧';
  const raw: Mark[] = [
    ...result.grounds.map((g) => ({ start: g.span.start, end: g.span.end, tags: [g.specific ? g.code : `${g.code}?`] })),
    ...result.identifiers.map((i) => ({ start: i.span.start, end: i.span.end, tags: [`${i.type}:${i.normalized}`] })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const marks: Mark[] = [];
  for (const m of raw) {
    const last = marks[marks.length - 1];
    if (last && m.start < last.end) {
      last.end = Math.max(last.end, m.end);
      for (const t of m.tags) if (!last.tags.includes(t)) last.tags.push(t);
    } else marks.push({ ...m, tags: [...m.tags] });
  }
  let out = '';
  let pos = 0;
  for (const m of marks) {
    out += text.slice(pos, m.start) + open + text.slice(m.start, m.end) + close + `{${m.tags.join(', ')}}`;
    pos = m.end;
  }
  return out + text.slice(pos);
}
