import { describe, expect, it } from 'vitest';
import { checkImage, toPgm } from './image.js';
import { OcrError } from './errors.js';

const header = (w: number, h: number): number[] => [...new TextEncoder().encode(`P5\n${w} ${h}\n255\n`)];

describe('toPgm', () => {
  it('writes grey pixels as they are', () => {
    expect([...toPgm({ data: new Uint8Array([0, 128, 255, 7]), width: 2, height: 2, channels: 1 })]).toEqual([...header(2, 2), 0, 128, 255, 7]);
  });

  it('turns RGB into luma and composites alpha on white', () => {
    const rgb = toPgm({ data: new Uint8Array([255, 255, 255, 0, 0, 0, 255, 0, 0]), width: 3, height: 1, channels: 3 });
    expect([...rgb.subarray(-3)]).toEqual([255, 0, 77]);
    const rgba = toPgm({ data: new Uint8ClampedArray([0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 128]), width: 3, height: 1, channels: 4 });
    expect([...rgba.subarray(-3)]).toEqual([0, 255, 127]);
    const ga = toPgm({ data: new Uint8Array([0, 255, 0, 0]), width: 2, height: 1, channels: 2 });
    expect([...ga.subarray(-2)]).toEqual([0, 255]);
  });
});

describe('checkImage', () => {
  it('accepts a consistent image and rejects inconsistent ones with codes', () => {
    expect(() => checkImage({ data: new Uint8Array(12), width: 2, height: 2, channels: 3 })).not.toThrow();
    const code = (f: () => void): string | undefined => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(OcrError);
        return (error as OcrError).code;
      }
      return undefined;
    };
    expect(code(() => checkImage({ data: new Uint8Array(11), width: 2, height: 2, channels: 3 }))).toBe('OCR_BAD_IMAGE');
    expect(code(() => checkImage({ data: new Uint8Array(4), width: 2.5, height: 2, channels: 1 }))).toBe('OCR_BAD_IMAGE');
    expect(code(() => checkImage({ data: new Uint8Array(4), width: 2, height: 2, channels: 5 as 1 }))).toBe('OCR_BAD_IMAGE');
    expect(code(() => checkImage({ data: [0, 0, 0, 0] as unknown as Uint8Array, width: 2, height: 2, channels: 1 }))).toBe('OCR_BAD_IMAGE');
    expect(code(() => checkImage({ data: new Uint8Array(4), width: 2, height: 2, channels: 1 }, 3))).toBe('TOO_LARGE');
  });
});
