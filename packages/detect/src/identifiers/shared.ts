/**
 * Small pure helpers shared by the identifier finders. Character tests work on
 * UTF-16 code units so the hot loops allocate nothing.
 */

/** ASCII digit `0`–`9`. */
export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** ASCII letter or digit: the characters that glue a token to its neighbour. */
export function isAsciiAlnumCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * True when the character before `index` would glue a match to a longer word
 * (`XECLI:…`, `Z2024-03-12`). The start of the text counts as free.
 */
export function gluedBefore(text: string, index: number): boolean {
  return index > 0 && isAsciiAlnumCode(text.charCodeAt(index - 1));
}

/** True when the character at `index` would glue a match to a longer word. */
export function gluedAfter(text: string, index: number): boolean {
  return index < text.length && isAsciiAlnumCode(text.charCodeAt(index));
}

/** Count trailing dots of `value` (a sentence dot is not part of an identifier). */
export function trailingDots(value: string): number {
  let n = 0;
  while (n < value.length && value.charCodeAt(value.length - 1 - n) === 46) n++;
  return n;
}

/** Remove all whitespace (line breaks included) from a matched identifier. */
export function stripSpaces(value: string): string {
  return value.replace(/\s+/g, '');
}

/** ASCII letter. */
export function isAsciiLetterCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Start of the run of ASCII letters that ends just before `index` (or `index` itself). */
export function letterRunStart(text: string, index: number): number {
  let i = index;
  while (i > 0 && isAsciiLetterCode(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * Start of the word before the word starting at `wordStart`, when only spaces or
 * tabs (at most `maxGap`) separate them; `-1` otherwise. Used to try two-word
 * labels ("Ons kenmerk") found from a hit on their second word.
 */
export function previousWordStart(text: string, wordStart: number, maxGap = 3): number {
  let i = wordStart;
  while (i > 0 && wordStart - i < maxGap) {
    const c = text.charCodeAt(i - 1);
    if (c !== 32 && c !== 9) break;
    i--;
  }
  if (i === wordStart || i === 0 || !isAsciiLetterCode(text.charCodeAt(i - 1))) return -1;
  return letterRunStart(text, i);
}
