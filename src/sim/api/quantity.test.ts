import { describe, expect, it } from 'vitest';
import { bytes, formatBytes, formatMilliCpu, milliCpu, parseQuantity } from './quantity.ts';

describe('resource quantities', () => {
  it.each([
    ['500m', 500],
    ['0.5', 500],
    ['2', 2000],
    ['1.5', 1500],
    ['100n', 1],
  ])('cpu %s is %d millicores (rounded up)', (text, milli) => {
    expect(milliCpu(text)).toBe(milli);
  });

  it.each([
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['64M', 64e6],
    ['1e3', 1000],
  ])('memory %s is %d bytes', (text, value) => {
    expect(bytes(text)).toBe(value);
  });

  it('rejects what the API server rejects', () => {
    expect(parseQuantity('1 Gi')).toBeUndefined();
    expect(parseQuantity('lots')).toBeUndefined();
    expect(parseQuantity('1GiB')).toBeUndefined();
  });

  it('formats as Quantity.String does', () => {
    expect(formatMilliCpu(250)).toBe('250m');
    expect(formatMilliCpu(2000)).toBe('2');
    expect(formatBytes(8 * 2 ** 30)).toBe('8Gi');
    expect(formatBytes(70 * 2 ** 20)).toBe('70Mi');
  });
});
