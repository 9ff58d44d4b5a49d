/** CSV (RFC 4180) and plain-text tables for the example's output. */

export type Cell = string | number | boolean | null | undefined;

function csvCell(v: Cell): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text with a header row; `\r\n` line ends as RFC 4180 asks. */
export function toCsv<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c] as Cell)).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** A fixed-width text table; long cells are cut to `maxWidth`. */
export function formatTable<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[], maxWidth = 60): string {
  const text = (v: unknown): string => {
    const s = v === null || v === undefined ? '' : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : String(v);
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  };
  const cells = rows.map((r) => columns.map((c) => text(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || r[c] === null));
  const line = (r: readonly string[]): string => r.map((s, i) => (numeric[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
