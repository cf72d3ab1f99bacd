/**
 * The canonical text of a resource.Quantity, as the API server stores and returns it: `0.5` → `500m`,
 * `1024Mi` → `1Gi`, `1000` → `1k`, `1536Mi` stays. Mirrors apimachinery/pkg/api/resource/quantity.go
 * (CanonicalizeBytes): decimal values use the largest SI suffix (a multiple of 10³, n to E) that
 * keeps the number whole; binary values (Ki…Ei) the largest power of 1024 that does, and fall back
 * to decimal when they are below 1024 or not whole; exponent forms keep an exponent (`1e3`).
 * Precision below a nano-unit is rounded up, as Quantity does.
 */
const DECIMAL_SUFFIX: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIX: Readonly<Record<string, number>> = {
  Ki: 1,
  Mi: 2,
  Gi: 3,
  Ti: 4,
  Pi: 5,
  Ei: 6,
};
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIX).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const QUANTITY =
  /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/** value = mantissa × 10^exponent, exact. */
interface Decimal {
  mantissa: bigint;
  exponent: number;
}

function normalize(d: Decimal): Decimal {
  let { mantissa, exponent } = d;
  if (mantissa === 0n) return { mantissa, exponent: 0 };
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  return { mantissa, exponent };
}

/** Writes a decimal with an exponent that is a multiple of 3 between -9 and 18. */
function decimalText(sign: string, value: Decimal, exponentForm: boolean): string {
  let { mantissa, exponent } = normalize(value);
  if (exponent < -9) {
    // Round up to whole nano-units.
    const scale = 10n ** BigInt(-9 - exponent);
    mantissa = (mantissa + scale - 1n) / scale;
    exponent = -9;
  }
  let target = Math.min(Math.floor(exponent / 3) * 3, 18);
  if (mantissa === 0n) target = 0;
  const whole = mantissa * 10n ** BigInt(exponent - target);
  const prefix = whole === 0n ? '' : sign;
  if (exponentForm)
    return `${prefix}${whole.toString()}${target === 0 ? '' : `e${String(target)}`}`;
  return `${prefix}${whole.toString()}${DECIMAL_BY_EXPONENT.get(target) ?? ''}`;
}

/** Canonical text of a quantity, or undefined if it does not parse (decoding rejects those). */
export function canonicalQuantity(input: string | number): string | undefined {
  const match = QUANTITY.exec(String(input).trim());
  if (!match) return undefined;
  const [, sign = '', number = '', exponentPart, suffix = ''] = match;
  const [intPart = '', fraction = ''] = number.split('.');
  const digits = BigInt(`${intPart}${fraction}` || '0');
  const base: Decimal = { mantissa: digits, exponent: -fraction.length };
  if (exponentPart !== undefined) {
    const value = {
      mantissa: base.mantissa,
      exponent: base.exponent + Number(exponentPart.slice(1)),
    };
    return decimalText(sign, value, true);
  }
  const power = BINARY_SUFFIX[suffix];
  if (power === undefined) {
    const value = {
      mantissa: base.mantissa,
      exponent: base.exponent + (DECIMAL_SUFFIX[suffix] ?? 0),
    };
    return decimalText(sign, value, false);
  }
  // Binary: exact only when the number of bytes is whole.
  const scaled = base.mantissa * 1024n ** BigInt(power);
  const divisor = 10n ** BigInt(-base.exponent);
  if (scaled % divisor !== 0n || scaled / divisor < 1024n) {
    const value = normalize({ mantissa: scaled, exponent: base.exponent });
    return decimalText(sign, value, false);
  }
  let bytes = scaled / divisor;
  let index = 0;
  while (index < 6 && bytes % 1024n === 0n) {
    bytes /= 1024n;
    index++;
  }
  const prefix = bytes === 0n ? '' : sign;
  return `${prefix}${bytes.toString()}${BINARY_BY_POWER[index] ?? ''}`;
}
