/**
 * Words for full-text search. DuckDB's `fts` extension is downloaded on first use, and
 * lakmoes never goes to the network at run time, so the index builds its own inverted
 * index: a `terms` table of (term, document, page, count), ranked with tf·idf.
 */

/** Function words too common to search for. */
const STOP = new Set(
  'de het een en van in op te dat die is voor met als aan er om niet zijn door bij of ook uit naar dan over tot nog wel maar wordt worden u uw ik we wij zij hij ze deze dit wat was had heeft hebben kan kunnen zal zou'.split(' '),
);

/** Lower case, without diacritics (één → een), so that search is forgiving. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The searchable words of a text: folded, at least two characters, no function words. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of fold(text).matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (w.length >= 2 && w.length <= 64 && !STOP.has(w)) out.push(w);
  }
  return out;
}

/** Term counts of a text. */
export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of tokenize(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}
