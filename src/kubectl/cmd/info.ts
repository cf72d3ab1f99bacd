/** `kubectl version`, `cluster-info` and `api-resources`. */
import { RESOURCE_TYPES, apiVersionOf } from '../../sim/index.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../printers/table.ts';
import { flagString } from '../shell/flags.ts';

export const KUBECTL_VERSION = 'v1.32.4';

export const versionCommand: Command = {
  name: 'version',
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(ctx, args) {
    ctx.out(`Client Version: ${KUBECTL_VERSION}\nKustomize Version: v5.5.0\n`);
    if (args.flags.get('client') !== true) ctx.out(`Server Version: ${KUBECTL_VERSION}\n`);
    return 0;
  },
};

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  flags: [],
  run(ctx) {
    ctx.out(
      'Kubernetes control plane is running at https://172.18.0.2:6443\n' +
        'CoreDNS is running at https://172.18.0.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\n' +
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
    return 0;
  },
};

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  flags: [
    { name: 'namespaced', type: 'string' },
    { name: 'api-group', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(ctx, args) {
    const namespaced = flagString(args.flags, 'namespaced');
    const group = flagString(args.flags, 'api-group');
    const types = RESOURCE_TYPES.filter(isServed)
      .filter((t) => t.plural !== 'bindings' || t.group === '')
      .filter((t) => namespaced === undefined || String(t.namespaced) === namespaced)
      .filter((t) => group === undefined || t.group === group)
      .sort((a, b) =>
        a.group === b.group ? (a.plural < b.plural ? -1 : 1) : a.group < b.group ? -1 : 1,
      );
    if (flagString(args.flags, 'output') === 'name') {
      for (const t of types) ctx.out(`${t.group === '' ? t.plural : `${t.plural}.${t.group}`}\n`);
      return 0;
    }
    const rows = [
      ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'],
      ...types.map((t) => [
        t.plural,
        t.shortNames.join(','),
        apiVersionOf(t),
        String(t.namespaced),
        t.kind,
      ]),
    ];
    ctx.out(formatTable(rows));
    return 0;
  },
};

/** Component configuration kinds (kube-proxy, kube-scheduler) are files, not served APIs. */
function isServed(type: (typeof RESOURCE_TYPES)[number]): boolean {
  return !type.group.endsWith('.config.k8s.io');
}

/** `kubectl api-versions`: the group/versions this API server serves, sorted. */
export const apiVersionsCommand: Command = {
  name: 'api-versions',
  flags: [],
  run(ctx) {
    const versions = [...new Set(RESOURCE_TYPES.filter(isServed).map(apiVersionOf))].sort();
    for (const v of versions) ctx.out(`${v}\n`);
    return 0;
  },
};
