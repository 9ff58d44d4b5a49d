import { describe, expect, it } from 'vitest';
import { CATALOGUE, fromVwsKey, groundEntry, isGroundCode, toVwsKey, wooSuccessors } from './catalogue.js';
import { GroundCode } from '@lakmoes/schema';

describe('ground catalogue', () => {
  const grounds = CATALOGUE.filter((e) => e.kind === 'ground');
  it('holds every Woo and Wob ground of the issue', () => {
    const expected = [
      ...'abcde'.split('').map((p) => `woo:5.1.1.${p}`),
      ...'abcdefghi'.split('').map((p) => `woo:5.1.2.${p}`),
      'woo:5.1.4', 'woo:5.1.5', 'woo:5.1.6', 'woo:5.2', 'woo:5.2.1', 'woo:5.2.2', 'woo:5.2.3', 'woo:5.2.4', 'woo:5.4', 'woo:5.4a.1',
      ...'abcd'.split('').map((p) => `wob:10.1.${p}`),
      ...'abcdefg'.split('').map((p) => `wob:10.2.${p}`),
      'wob:10.7.a', 'wob:10.7.b', 'wob:11', 'wob:11.1', 'wob:11.2', 'wob:11.3', 'wob:11.4',
    ];
    expect(grounds.map((e) => e.code).sort()).toEqual(expected.sort());
  });
  it('has valid codes, labels, glosses and parts for every entry', () => {
    for (const e of CATALOGUE) {
      expect(GroundCode.safeParse(e.code).success, e.code).toBe(true);
      expect(e.labelNl.length).toBeGreaterThan(3);
      expect(e.glossEn.length).toBeGreaterThan(3);
    }
    expect(groundEntry('woo:5.1.2.e')).toMatchObject({ law: 'woo', article: '5.1', lid: 2, point: 'e', short: '5.1.2e', absolute: false });
    expect(groundEntry('woo:5.1.1.c')).toMatchObject({ absolute: true });
    expect(groundEntry('wob:10.2.g')).toMatchObject({ law: 'wob', article: '10', lid: 2, point: 'g', short: '10.2g' });
    expect(groundEntry('woo:5.4a.1')).toMatchObject({ article: '5.4a', lid: 1, point: null });
    expect(isGroundCode('woo:5.1.2')).toBe(false); // a lid-level mention
    expect(isGroundCode('marker:dubbel')).toBe(false);
  });
  it('maps one-to-one onto the VWS vocabulary where it has a key', () => {
    const vws = ['5.1.1a', '5.1.1b', '5.1.1c', '5.1.1d', '5.1.1e', '5.1.2a', '5.1.2b', '5.1.2c', '5.1.2d', '5.1.2e', '5.1.2f', '5.1.2g',
      '5.1.2h', '5.1.2i', '5.1.5', '5.2', '5.4', '10.1a', '10.1b', '10.1c', '10.1d', '10.2a', '10.2b', '10.2c', '10.2d', '10.2e', '10.2g', '11.1', 'dubbel'];
    for (const k of vws) {
      const e = fromVwsKey(k);
      expect(e, k).toBeDefined();
      expect(toVwsKey(e!.code)).toBe(k);
    }
    expect(fromVwsKey('5.1.2 E')?.code).toBe('woo:5.1.2.e'); // VWS compares case-insensitively without spaces
    expect(fromVwsKey('10.2.g')?.code).toBe('wob:10.2.g');
    expect(toVwsKey('woo:5.2.1')).toBe('5.2');
    expect(toVwsKey('woo:5.1.4')).toBeNull();
    expect(toVwsKey('wob:10.2.f')).toBeNull();
  });
  it('maps Wob grounds onto their Woo successors', () => {
    expect(wooSuccessors('wob:10.2.e')).toEqual(['woo:5.1.2.e']);
    expect(wooSuccessors('wob:10.1.d')).toEqual(['woo:5.1.1.d', 'woo:5.1.1.e']);
    expect(wooSuccessors('wob:10.2.f')).toEqual(['woo:5.1.4']);
    expect(wooSuccessors('wob:10.7.b')).toEqual(['woo:5.1.2.h']);
    expect(wooSuccessors('wob:11.1')).toEqual(['woo:5.2.1']);
  });
});
