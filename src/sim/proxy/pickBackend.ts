/**
 * How kube-proxy's data plane spreads new connections over a Service's endpoints, per mode:
 * - iptables: one rule per endpoint, rule i matching with probability 1/(n−i), the last always
 *   (pkg/proxy/iptables/proxier.go syncProxyRules) — a uniform random choice;
 * - nftables: `numgen random mod n` through a verdict map — also uniform random;
 * - ipvs: the kernel scheduler named in the configuration (rr, lc, sh, dh, sed, nq).
 * A batch of `count` connections from one client over `durationMs` is spread in one call, with
 * exact integer counts, so high request rates stay cheap.
 */
import type { SeededRandom } from '../random/seededRandom.ts';

export type IpvsScheduler = 'rr' | 'lc' | 'sh' | 'dh' | 'sed' | 'nq';

/** Connection bookkeeping of one IPVS virtual service (the kernel's per-destination counters). */
export interface IpvsState {
  /** rr: index of the next destination. */
  next: number;
  /** Per destination IP: completion times of active connections, weighted. */
  active: Map<string, { endMs: number; weight: number }[]>;
  /** Per destination IP: closed connections still counted as inactive (FIN_WAIT/TIME_WAIT). */
  inactive: Map<string, { untilMs: number; weight: number }[]>;
}

/** IPVS keeps closed TCP connections in FIN_WAIT/TIME_WAIT for 2 minutes (ip_vs_proto_tcp.c). */
export const IPVS_INACTIVE_MS = 120_000;
/** Above this many connections in a batch, least-connection schedulers simulate representatives. */
const MAX_SIMULATED = 2_000;

export function newIpvsState(): IpvsState {
  return { next: 0, active: new Map(), inactive: new Map() };
}

/** Uniform random spread, drawn rule by rule as the iptables chain matches (sequential binomials). */
export function spreadRandom(n: number, count: number, random: SeededRandom): number[] {
  const counts = new Array<number>(n).fill(0);
  let remaining = count;
  for (let i = 0; i < n - 1 && remaining > 0; i++) {
    const taken = binomial(remaining, 1 / (n - i), random);
    counts[i] = taken;
    remaining -= taken;
  }
  if (n > 0) counts[n - 1] = (counts[n - 1] ?? 0) + remaining;
  return counts;
}

/** Binomial draw: exact Bernoulli trials for small n, a rounded normal approximation for large. */
export function binomial(n: number, p: number, random: SeededRandom): number {
  if (p >= 1) return n;
  if (p <= 0) return 0;
  if (n <= 200) {
    let k = 0;
    for (let i = 0; i < n; i++) if (random.float() < p) k++;
    return k;
  }
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  const u1 = Math.max(random.float(), 1e-12);
  const u2 = random.float();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.min(n, Math.max(0, Math.round(mean + sd * z)));
}

/** ip_vs_rr: each new connection goes to the next destination in turn. */
export function spreadRoundRobin(n: number, count: number, state: IpvsState): number[] {
  const counts = new Array<number>(n).fill(Math.floor(count / n));
  const start = state.next % n;
  for (let i = 0; i < count % n; i++) {
    const at = (start + i) % n;
    counts[at] = (counts[at] ?? 0) + 1;
  }
  state.next = (start + count) % n;
  return counts;
}

/** IPVS's hash of an IPv4 address into its 256-bucket table (ip_vs_sh / ip_vs_dh). */
export function hashBucket(ip: string, n: number): number {
  const parts = ip.split('.').map((p) => Number(p) & 255);
  const value =
    (((parts[0] ?? 0) << 24) |
      ((parts[1] ?? 0) << 16) |
      ((parts[2] ?? 0) << 8) |
      (parts[3] ?? 0)) >>>
    0;
  const bucket = Math.imul(value, 0x9e3779b1) >>> 24;
  // Buckets are dealt to destinations in turn, so bucket b belongs to destination b mod n.
  return bucket % n;
}

/**
 * lc, sed and nq: each connection goes to the destination with the lowest overhead, counting the
 * connections still open at that moment (requests occupy a destination for its latency).
 * lc overhead = active × 256 + inactive; sed = (active + 1) × 256; nq = an idle destination first.
 */
export function spreadLeastConnection(
  ips: readonly string[],
  count: number,
  startMs: number,
  durationMs: number,
  latencyMs: (ip: string) => number,
  state: IpvsState,
  scheduler: 'lc' | 'sed' | 'nq',
): number[] {
  const n = ips.length;
  const counts = new Array<number>(n).fill(0);
  const steps = Math.min(count, MAX_SIMULATED);
  const weight = count / steps;
  const share = new Array<number>(n).fill(0);
  for (let s = 0; s < steps; s++) {
    const t = startMs + (durationMs * s) / steps;
    let best = 0;
    let bestCost = Infinity;
    for (let i = 0; i < n; i++) {
      const ip = ips[i] ?? '';
      const active = openConnections(state, ip, t);
      const inactive = closedConnections(state, ip, t);
      const cost =
        scheduler === 'lc'
          ? active * 256 + inactive
          : scheduler === 'nq' && active === 0
            ? -1
            : (active + 1) * 256;
      if (cost < bestCost) {
        bestCost = cost;
        best = i;
      }
      if (cost === -1) break;
    }
    share[best] = (share[best] ?? 0) + weight;
    const ip = ips[best] ?? '';
    const end = t + Math.max(0.001, latencyMs(ip));
    push(state.active, ip, { endMs: end, weight });
  }
  // Largest remainder keeps the integer counts exact.
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    counts[i] = Math.floor(share[i] ?? 0);
    assigned += counts[i] ?? 0;
  }
  const order = share
    .map((v, i) => ({ i, frac: v - Math.floor(v) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; assigned < count; k++, assigned++) {
    const i = order[k % n]?.i ?? 0;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Closed connections expiring within the same second share one entry, to bound memory. */
function addInactive(state: IpvsState, ip: string, untilMs: number, weight: number): void {
  const list = state.inactive.get(ip);
  const last = list?.[list.length - 1];
  if (last && Math.abs(last.untilMs - untilMs) < 1000) {
    last.weight += weight;
    last.untilMs = Math.max(last.untilMs, untilMs);
  } else push(state.inactive, ip, { untilMs, weight });
}

export function openConnections(state: IpvsState, ip: string, t: number): number {
  const list = state.active.get(ip);
  if (!list) return 0;
  let total = 0;
  let w = 0;
  for (const conn of list) {
    if (conn.endMs > t) {
      list[w++] = conn;
      total += conn.weight;
    } else addInactive(state, ip, conn.endMs + IPVS_INACTIVE_MS, conn.weight);
  }
  list.length = w;
  return total;
}

export function closedConnections(state: IpvsState, ip: string, t: number): number {
  const list = state.inactive.get(ip);
  if (!list) return 0;
  let start = 0;
  while (start < list.length && (list[start]?.untilMs ?? 0) <= t) start++;
  if (start > 0) list.splice(0, start);
  let total = 0;
  for (const conn of list) total += conn.weight;
  return total;
}
