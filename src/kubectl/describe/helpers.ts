/** describe.go's shared printers: labels, annotations, taints, tolerations, events, pod templates. */
import type { Event, KubeObject, Taint, Toleration } from '../../sim/index.ts';
import { formatRfc1123Z, formatTaint, parseRfc3339 } from '../../sim/index.ts';
import { humanDuration } from '../printers/humanDuration.ts';
import type { PrefixWriter } from './tabWriter.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RFC 1123 with numeric zone (`Mon, 02 Jun 2025 09:05:00 +0000`); `<unset>`-free callers only. */
export function rfc1123(timestamp: string | undefined | null): string {
  const t = timestamp ? parseRfc3339(timestamp) : undefined;
  // Go formats the zero time.Time for a missing timestamp.
  return t === undefined ? 'Mon, 01 Jan 0001 00:00:00 +0000' : formatRfc1123Z(t);
}

export function since(timestamp: string | undefined | null, now: number): string {
  const t = timestamp ? parseRfc3339(timestamp) : undefined;
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

export function printLabels(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort(byKey);
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${key}=${labels?.[key] ?? ''}\n`);
  });
}

export function printAnnotations(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort(byKey);
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = (annotations?.[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) {
        const short =
          s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s;
        w.write(0, `\t  ${short}\n`);
      }
    } else w.write(0, `${key}: ${value}\n`);
  });
}

export function printTaints(
  w: PrefixWriter,
  title: string,
  taints: readonly Taint[] | undefined,
): void {
  w.write(0, `${title}:\t`);
  const sorted = [...(taints ?? [])].sort((a, b) =>
    byKey(`${a.effect},${a.key}`, `${b.effect},${b.key}`),
  );
  if (sorted.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  sorted.forEach((taint, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${formatTaint(taint)}\n`);
  });
}

export function printTolerations(
  w: PrefixWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
  initialIndent = '',
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const sorted = [...(tolerations ?? [])].sort((a, b) => byKey(a.key ?? '', b.key ?? ''));
  if (sorted.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) text += ` for ${String(t.tolerationSeconds)}s`;
    w.write(0, `${text}\n`);
  });
}

/** The events whose involvedObject is this object (searchEvents), as kubectl describe lists them. */
export function eventsFor(all: readonly KubeObject[], obj: KubeObject): Event[] {
  const meta = obj.metadata;
  return (all as Event[]).filter((e) => {
    const io = e.involvedObject;
    if (io.kind !== obj.kind || io.name !== meta.name) return false;
    if ((io.namespace ?? '') !== (meta.namespace ?? '')) return false;
    return io.uid === undefined || io.uid === meta.uid || io.uid === meta.name;
  });
}

/** DescribeEvents: `<none>`, or the table sorted by last timestamp with `(xN over …)` ages. */
export function describeEvents(w: PrefixWriter, events: readonly Event[], now: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort(
    (a, b) =>
      (parseRfc3339(a.lastTimestamp ?? '') ?? 0) - (parseRfc3339(b.lastTimestamp ?? '') ?? 0),
  );
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    const count = e.count ?? 0;
    const interval =
      count > 1 ? `${since(e.lastTimestamp, now)} (x${String(count)} over ${first})` : first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(
      1,
      `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`,
    );
  }
}
