/**
 * False positives over ../shared/seeds: real Dutch government texts about the Woo that
 * cite no specific ground (section numbers, mentions of the law, action points).
 * The floor: at most 1 false positive over all of them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectGrounds } from '@lakmoes/detect';
import { hasShared, sharedPath } from './helpers/shared.js';

describe.skipIf(!hasShared)('seeds: no grounds where none are cited', () => {
  it('finds at most 1 ground citation over all seed texts', () => {
    const files = readdirSync(sharedPath('seeds')).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    let chars = 0;
    const found: string[] = [];
    for (const f of files) {
      const text = readFileSync(sharedPath('seeds', f), 'utf8');
      chars += text.length;
      for (const g of detectGrounds(text)) {
        if (g.specific && !g.lawQuote) found.push(`${f}: ${g.code} "${g.text}" in "${g.context.text.slice(0, 120)}"`);
      }
    }
    expect(chars).toBeGreaterThan(250_000);
    expect(found.length, found.join('\n')).toBeLessThanOrEqual(1);
  });
});
