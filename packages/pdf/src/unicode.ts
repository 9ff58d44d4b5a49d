/**
 * pdf.js' `normalizeUnicode` (pdfjs-dist 5.6, `src/display/display_utils.js`), ported so
 * that text items are built without loading pdf.js: NFKC for the characters pdf.js
 * normalises (no-break and typographic spaces, micro sign, ligatures ﬀ–ﬆ, Hebrew and Arabic
 * presentation forms), `ﬅ` → `ſt`. `unicode.test.ts` compares it with pdf.js' own on every
 * code point of the Basic Multilingual Plane.
 */

const NORMALIZE =
  /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;

/** The text as pdf.js normalises a glyph's text before it builds text items. */
export function normalizeUnicode(text: string): string {
  // Nothing below U+00A0 is normalised: most glyphs are ASCII.
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0xa0) {
      plain = false;
      break;
    }
  }
  if (plain) return text;
  return text.replace(NORMALIZE, (_, nfkc: string | undefined, st: string | undefined) => (nfkc ? nfkc.normalize('NFKC') : 'ſt'.repeat(st!.length)));
}
