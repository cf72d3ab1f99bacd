/**
 * resource.Quantity: `500m`, `2`, `128Mi`, `1G`, `1e3`. Parsed to a number of base units
 * (cores for cpu, bytes for memory); callers convert to milli-units where Kubernetes does.
 */
const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** Returns the value in base units, or undefined if `text` is not a valid quantity. */
export function parseQuantity(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [, digits, suffix, exponent] = m;
  const base = Number(digits);
  if (exponent !== undefined) return base * 10 ** Number(exponent);
  if (suffix === undefined) return base;
  return base * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

export function isQuantity(text: unknown): boolean {
  return (
    (typeof text === 'string' || typeof text === 'number') && parseQuantity(text) !== undefined
  );
}

/** CPU in millicores, rounded up as the scheduler does (MilliValue). */
export function milliCpu(text: string | number | undefined): number {
  if (text === undefined) return 0;
  return Math.ceil((parseQuantity(text) ?? 0) * 1000 - 1e-9);
}

export function bytes(text: string | number | undefined): number {
  if (text === undefined) return 0;
  return Math.ceil((parseQuantity(text) ?? 0) - 1e-9);
}

/** Formats millicores the way Quantity.String() does for cpu: `250m`, `1`, `1500m`. */
export function formatMilliCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${String(milli)}m`;
}

/** Formats bytes the way Quantity.String() does for binary-SI values: `128Mi`, `8Gi`, `1000`. */
export function formatBytes(value: number): string {
  if (value === 0) return '0';
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const unit = BINARY[suffix] ?? 1;
    if (value % unit === 0) return `${String(value / unit)}${suffix}`;
  }
  return String(value);
}
