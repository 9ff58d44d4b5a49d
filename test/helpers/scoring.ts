/** Precision/recall over sets of codes, summed over items (micro-averaged). */
export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function score(pairs: Iterable<{ expected: Iterable<string>; predicted: Iterable<string> }>): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { expected, predicted } of pairs) {
    const e = new Set(expected);
    const p = new Set(predicted);
    for (const c of p) (e.has(c) ? tp++ : fp++);
    for (const c of e) if (!p.has(c)) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

export const fmt = (s: Score): string =>
  `P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
