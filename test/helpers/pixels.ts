/** Comparing a picture decoded at half size with the same picture decoded whole. */

/**
 * Mean absolute difference, per channel value, between `half` and `full` averaged over 2 × 2
 * blocks (interleaved channels; the last column of an odd width is left out). Also counts the
 * dark values (< 128) of `half`, to tell a page with ink from a blank one.
 */
export function halfSizeDifference(
  full: { width: number; data: Uint8Array },
  half: { width: number; height: number; data: Uint8Array },
  channels: number,
): { mean: number; dark: number } {
  const columns = Math.floor(full.width / 2);
  let sum = 0;
  let dark = 0;
  for (let y = 0; y < half.height; y++) {
    const r0 = 2 * y * full.width * channels;
    const r1 = r0 + full.width * channels;
    for (let i = 0; i < columns * channels; i++) {
      const x = 2 * (i - (i % channels)) + (i % channels);
      const mean = (full.data[r0 + x]! + full.data[r0 + x + channels]! + full.data[r1 + x]! + full.data[r1 + x + channels]!) / 4;
      const v = half.data[y * half.width * channels + i]!;
      sum += Math.abs(v - mean);
      if (v < 128) dark++;
    }
  }
  return { mean: sum / (half.height * columns * channels), dark };
}
