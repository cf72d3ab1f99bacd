/** `kubectl events` (pkg/cmd/events): events sorted by when they last happened. */
import type { Event, KubeObject } from '../../sim/index.ts';
import { parseRfc3339, qualifiedResource } from '../../sim/index.ts';
import { KubectlError, type Command } from '../command.ts';
import { since } from '../describe/helpers.ts';
import { formatTable } from '../printers/table.ts';
import { toJson, toYaml } from '../printers/yaml.ts';
import { resolveResource } from '../resources.ts';
import { flagBool, flagString, flagStrings } from '../shell/flags.ts';

function lastSeen(e: Event): number {
  return parseRfc3339(e.lastTimestamp ?? e.eventTime ?? '') ?? 0;
}

export function eventInterval(e: Event, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  return (e.count ?? 0) > 1
    ? `${since(e.lastTimestamp, now)} (x${String(e.count)} over ${first})`
    : first;
}

export const eventsCommand: Command = {
  name: 'events',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'for', type: 'string' },
    { name: 'types', type: 'strings' },
    { name: 'no-headers', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
  ],
  run(ctx, args) {
    if (args.positional.length > 0)
      throw new KubectlError(
        `unknown command "${args.positional[0] ?? ''}" for "kubectl events"`,
        'events',
      );
    if (flagBool(args.flags, 'watch'))
      throw new KubectlError(
        'Kubeplay does not stream kubectl events -w yet: use kubectl get events -w',
      );
    const all = flagBool(args.flags, 'all-namespaces');
    const namespace = flagString(args.flags, 'namespace') ?? ctx.namespace;
    const types = flagStrings(args.flags, 'types');
    for (const t of types)
      if (t !== 'Normal' && t !== 'Warning')
        throw new KubectlError(`valid --types are Normal or Warning`);
    let events = (
      all ? ctx.cluster.api.list('events') : ctx.cluster.api.list('events', namespace)
    ) as Event[];
    const forText = flagString(args.flags, 'for');
    if (forText !== undefined) {
      const [typeText = '', name] = forText.split('/');
      if (name === undefined) throw new KubectlError(`--for must be in resource/name form`);
      const type = resolveResource(typeText);
      const target: KubeObject | undefined = ctx.cluster.api.get(
        qualifiedResource(type),
        type.namespaced ? namespace : '',
        name,
      );
      events = events.filter(
        (e) =>
          e.involvedObject.kind === type.kind &&
          e.involvedObject.name === name &&
          (!target ||
            !e.involvedObject.uid ||
            e.involvedObject.uid === target.metadata.uid ||
            e.involvedObject.uid === name),
      );
    }
    if (types.length > 0) events = events.filter((e) => types.includes(e.type ?? ''));
    events = [...events].sort((a, b) => lastSeen(a) - lastSeen(b));
    const output = flagString(args.flags, 'output');
    if (output === 'yaml' || output === 'json') {
      const list = {
        apiVersion: 'v1',
        kind: 'EventList',
        metadata: { resourceVersion: '' },
        items: events,
      };
      ctx.out(output === 'yaml' ? toYaml(list) : toJson(list));
      return 0;
    }
    if (output !== undefined)
      throw new KubectlError(`Kubeplay supports -o yaml and -o json for kubectl events`);
    if (events.length === 0) {
      ctx.err(all ? 'No events found.\n' : `No events found in ${namespace} namespace.\n`);
      return 0;
    }
    const now = ctx.cluster.now();
    const rows = events.map((e) => [
      ...(all ? [e.metadata.namespace ?? ''] : []),
      eventInterval(e, now),
      e.type ?? '',
      e.reason ?? '',
      `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
      (e.message ?? '').trim(),
    ]);
    const header = [
      ...(all ? ['NAMESPACE'] : []),
      'LAST SEEN',
      'TYPE',
      'REASON',
      'OBJECT',
      'MESSAGE',
    ];
    ctx.out(formatTable(flagBool(args.flags, 'no-headers') ? rows : [header, ...rows]));
    return 0;
  },
};
