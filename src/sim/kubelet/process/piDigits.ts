/** π to `digits` decimals (Machin's formula in BigInt), for the classic `perl -Mbignum=bpi` Job. */
export function piDigits(digits: number): string {
  const guard = 10n;
  const scale = 10n ** BigInt(digits + 10);
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let n = 1n, sign = 1n; term !== 0n; n += 2n, sign = -sign) {
      sum += (sign * term) / n;
      term /= x2;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  const text = (pi / 10n ** (guard - 1n)).toString();
  // One more digit than needed was kept: round half up like bignum's bpi.
  const kept = text.slice(0, digits + 1);
  const next = Number(text[digits + 1] ?? '0');
  const rounded = next >= 5 ? (BigInt(kept) + 1n).toString() : kept;
  return `${rounded.slice(0, 1)}.${rounded.slice(1)}`;
}
