/**
 * `kubectl diff -f`: the live object against what applying the file would make it (a server-side
 * dry run of the same client-side apply), both without managedFields, shown as `diff -u -N` of
 * kubectl's LIVE-/MERGED- temp directories. Exit code 1 when there are differences, as diff's.
 */
import { objectsFromFlags } from '../manifest/objectsFromFlags.ts';
import type { KubeObject } from '../../sim/index.ts';
import { apiVersionOf, formatRfc3339, qualifiedResource } from '../../sim/index.ts';
import { KubectlError, type Command } from '../command.ts';
import { describeError } from '../errors.ts';
import { applyObject } from '../manifest/applyObject.ts';
import { unifiedHunks } from '../printers/unifiedDiff.ts';
import { toYaml } from '../printers/yaml.ts';
import { flagBool, flagStrings } from '../shell/flags.ts';
import { rejectUnsimulated } from './unsupported.ts';

function withoutManagedFields(obj: KubeObject): KubeObject {
  const copy = structuredClone(obj);
  delete copy.metadata.managedFields;
  return copy;
}

/** `2025-06-02 09:05:00.000000000 +0000`, as GNU diff prints file times. */
function diffTime(ms: number): string {
  const iso = formatRfc3339(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.000000000 +0000`;
}

export const diffCommand: Command = {
  name: 'diff',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'server-side', type: 'bool' },
    { name: 'field-manager', type: 'string' },
    { name: 'prune', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  run(ctx, args) {
    rejectUnsimulated(args, 'diff', ['server-side', 'selector']);
    const files = flagStrings(args.flags, 'filename');
    if (files.length === 0) throw new KubectlError('must specify one of -f and -k');
    if (flagBool(args.flags, 'prune'))
      throw new KubectlError('Kubeplay does not simulate diff --prune yet');
    const objects = objectsFromFlags(ctx, args);
    // kubectl makes two temp directories with random suffixes; Kubeplay derives them from the
    // cluster's revision so transcripts stay deterministic.
    const suffix = String(ctx.cluster.api.revision * 7919 + 1_000_003);
    const live = `/tmp/LIVE-${suffix}`;
    const merged = `/tmp/MERGED-${String(Number(suffix) * 3 + 17)}`;
    const now = diffTime(ctx.cluster.now());
    let differs = false;
    let failed = false;
    for (const item of objects) {
      if (!item.ok) {
        ctx.err(`${item.message}\n`);
        failed = true;
        continue;
      }
      const type = item.type;
      const meta = item.object.metadata;
      const current = ctx.cluster.api.get(
        qualifiedResource(type),
        meta.namespace ?? '',
        meta.name ?? '',
      );
      let result;
      try {
        result = applyObject(ctx.cluster, type, item.object, { dryRun: true });
      } catch (error) {
        ctx.err(`${describeError(error, { action: 'applying', source: item.source })}\n`);
        failed = true;
        continue;
      }
      const before = current ? toYaml(withoutManagedFields(current)) : '';
      const after = toYaml(withoutManagedFields(result.object));
      const hunks = unifiedHunks(before, after);
      if (hunks === '') continue;
      differs = true;
      const group = apiVersionOf(type).replace('/', '.');
      const file = `${type.group === '' ? `v1` : group}.${type.kind}.${type.namespaced ? `${meta.namespace ?? ''}.` : ''}${meta.name ?? ''}`;
      ctx.out(`diff -u -N ${live}/${file} ${merged}/${file}\n`);
      ctx.out(`--- ${live}/${file}\t${current ? now : '1970-01-01 00:00:00.000000000 +0000'}\n`);
      ctx.out(`+++ ${merged}/${file}\t${now}\n`);
      ctx.out(hunks);
    }
    if (failed) return 1;
    return differs ? 1 : 0;
  },
};
