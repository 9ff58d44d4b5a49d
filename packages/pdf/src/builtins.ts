/**
 * Saves the JavaScript built-ins that pdf.js' legacy build replaces. Imported by
 * `pdfjs.ts` before pdf.js itself, so it must stay free of imports that load pdf.js.
 *
 * The legacy build bundles core-js polyfills that are forced on Node 20's V8 (11.3):
 * `Array.prototype.push` (a JavaScript loop with a `set length` per call), `JSON.parse`
 * (a parser in JavaScript, for source-text access), `JSON.stringify` and
 * `Function.prototype.toString` are replaced for the whole process. On 500 born-digital
 * pages the `push` polyfill alone was 13 % of the CPU time of `readPdf`, and every
 * `JSON.stringify` of a record went through the wrapper (benchmarks/RESULTS.md).
 */
const saved = {
  push: Array.prototype.push,
  parse: JSON.parse,
  stringify: JSON.stringify,
  toString: Function.prototype.toString,
};

/**
 * Puts the saved built-ins back (after pdf.js has been evaluated). The native versions
 * do everything the polyfills do that pdf.js needs: the polyfills only fix edge cases
 * (arrays with non-writable length, JSON source-text access) that pdf.js does not use.
 */
export function restoreBuiltins(): void {
  for (const [target, key, value] of [
    [Array.prototype, 'push', saved.push],
    [JSON, 'parse', saved.parse],
    [JSON, 'stringify', saved.stringify],
    [Function.prototype, 'toString', saved.toString],
  ] as const) {
    if ((target as unknown as Record<string, unknown>)[key] !== value) {
      Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
    }
  }
}

/** Whether the built-ins are the ones this module saved (for tests). */
export function builtinsAreNative(): boolean {
  return (
    Array.prototype.push === saved.push &&
    JSON.parse === saved.parse &&
    JSON.stringify === saved.stringify &&
    Function.prototype.toString === saved.toString
  );
}
