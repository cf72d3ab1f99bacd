/**
 * The kubelet's prober: runs exec, httpGet, tcpSocket and grpc probes against a container's
 * simulated process and words the results as pkg/kubelet/prober does.
 */
import type { Container } from '../api/types/index.ts';
import type { ContainerProcess } from './process/containerProcess.ts';

export type ProbeKind = 'Liveness' | 'Readiness' | 'Startup';

type Probe = NonNullable<Container['livenessProbe']>;

export interface ProbeState {
  nextAt: number;
  successes: number;
  failures: number;
  /** Latest verdict after thresholds; undefined before the first one. */
  result?: boolean;
}

export const KUBE_PROBE_AGENT = 'kube-probe/1.32';

export function probeTiming(probe: Probe): {
  delayMs: number;
  periodMs: number;
  success: number;
  failure: number;
} {
  return {
    delayMs: (probe.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, probe.periodSeconds ?? 10) * 1000,
    success: Math.max(1, probe.successThreshold ?? 1),
    failure: Math.max(1, probe.failureThreshold ?? 3),
  };
}

function resolvePort(port: number | string | undefined, container: Container): number {
  if (typeof port === 'number') return port;
  const named = (container.ports ?? []).find((p) => p.name === port);
  return named?.containerPort ?? Number(port);
}

/** One probe attempt: success, or failure with the message the Unhealthy event carries. */
export function runProbe(
  probe: Probe,
  container: Container,
  process: ContainerProcess,
  podIp: string,
  hostIp: string,
  now: number,
): { ok: boolean; message: string } {
  if (probe.exec) {
    const result = process.execSync(probe.exec.command ?? [], now);
    return {
      ok: result.exitCode === 0,
      message: (result.stdout + result.stderr).replace(/\n$/, ''),
    };
  }
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container);
    const path = probe.httpGet.path ?? '/';
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const url = `${scheme}://${probe.httpGet.host ?? podIp}:${String(port)}${path}`;
    const reply = process.http(now, port, path, hostIp, KUBE_PROBE_AGENT);
    if (!reply)
      return {
        ok: false,
        message: `Get "${url}": dial tcp ${podIp}:${String(port)}: connect: connection refused`,
      };
    if (reply.status === 0) return { ok: false, message: `Get "${url}": EOF` };
    if (reply.status >= 200 && reply.status < 400) return { ok: true, message: '' };
    return { ok: false, message: `HTTP probe failed with statuscode: ${String(reply.status)}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container);
    if (process.listens(port)) return { ok: true, message: '' };
    return { ok: false, message: `dial tcp ${podIp}:${String(port)}: connect: connection refused` };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    if (process.listens(port)) return { ok: true, message: '' };
    return {
      ok: false,
      message: `timeout: failed to connect service "${podIp}:${String(port)}" within ${String(probe.timeoutSeconds ?? 1)}s: context deadline exceeded`,
    };
  }
  return { ok: true, message: '' };
}
