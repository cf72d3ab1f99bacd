import { describe, expect, it } from 'vitest';
import { canonicalQuantity } from './canonicalQuantity.ts';

describe('canonicalQuantity, as Quantity.String() prints what it parsed', () => {
  it.each([
    ['0.5', '500m'],
    [0.5, '500m'],
    ['100m', '100m'],
    ['1000m', '1'],
    [2, '2'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['0.1Ki', '102400m'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['1e3', '1e3'],
    ['0', '0'],
    ['-500m', '-500m'],
    ['0.0000000001', '1n'],
    ['1G', '1G'],
    ['1000M', '1G'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });

  it('leaves what does not parse to the decoder', () => {
    expect(canonicalQuantity('1GB')).toBeUndefined();
  });
});
