/**
 * Golden tables for `kubectl get` (file snapshots for a fixed seed) and the get additions:
 * jsonpath, custom-columns, field selectors, sort-by, label columns and the -w stream.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../index.ts';

const SETUP = `kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80
kubectl expose deployment web --port=80 --type=NodePort
kubectl create configmap app --from-literal=mode=prod
advance 30s
`;

describe('kubectl get tables', () => {
  const lines = [
    'kubectl get all',
    'kubectl get pods -o wide',
    'kubectl get nodes -o wide',
    'kubectl get deploy,rs,svc --show-labels',
    'kubectl get pods --sort-by=.metadata.name -L app,tier',
    'kubectl get ns',
  ];
  const { entries } = runScript(`${SETUP}${lines.join('\n')}\n`);
  it.each(lines.map((line, i) => [line, entries[4 + i]?.stdout ?? ''] as const))(
    '%s',
    async (line, stdout) => {
      const file = line.replace('kubectl get ', '').replace(/[^a-z0-9]+/gi, '-');
      await expect(stdout).toMatchFileSnapshot(`__snapshots__/get-${file}.txt`);
    },
  );
});

describe('kubectl get additions', () => {
  it('prints jsonpath, custom columns and field-selected rows', () => {
    const { entries } = runScript(
      `${SETUP}kubectl get deploy web -o jsonpath='{.spec.replicas} {.status.readyReplicas}'
kubectl get pods -o jsonpath='{range .items[*]}{.status.phase}{"\\n"}{end}'
kubectl get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu --no-headers
kubectl get pods --field-selector=status.phase=Running -o name
kubectl get pods --field-selector=spec.nodeName=nope
`,
    );
    const out = entries.slice(4).map((e) => `${e.stdout}${e.stderr}`);
    expect(out[0]).toBe('3 3');
    expect(out[1]).toBe('Running\nRunning\nRunning\n');
    expect(out[2]).toBe(
      'control-plane   4\nnode-1          4\nnode-2          4\nnode-3          4\n',
    );
    expect(out[3]?.trimEnd().split('\n')).toHaveLength(3);
    expect(out[4]).toBe('No resources found in default namespace.\n');
  });

  it('streams watch rows during later lines, the same for the same seed', () => {
    const script = `kubectl get deploy -w
kubectl create deployment web --image=nginx --replicas=2
advance 20s
kubectl scale deploy web --replicas=1
`;
    const a = runScript(script).entries.map((e) => e.stdout);
    const b = runScript(script).entries.map((e) => e.stdout);
    expect(a).toEqual(b);
    expect(a[1]).toMatch(/^deployment\.apps\/web created\nweb\s+0\/2\s+0\s+0\s+0s\n/);
    expect(a[2]).toMatch(/web\s+2\/2\s+2\s+2\s+\d+s\n$/);
    expect(a[3]).toMatch(/^deployment\.apps\/web scaled\nweb\s+2\/1/);
  });

  it('prints events -o wide with the interleaved columns of printEvent', () => {
    const { entries } = runScript(`${SETUP}kubectl get events -o wide\n`);
    const lines = (entries[4]?.stdout ?? '').split('\n');
    expect(lines[0]).toMatch(
      /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME$/,
    );
    expect(lines.some((l) => /spec\.containers\{nginx\}\s+kubelet, node-\d/.test(l))).toBe(true);
  });
});
