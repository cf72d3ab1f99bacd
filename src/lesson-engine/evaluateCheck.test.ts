import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { Shell, runLines } from '../kubectl/index.ts';
import { createCluster } from '../sim/index.ts';
import { evaluateCheck } from './evaluateCheck.ts';
import { parseCheck } from './parseChecks.ts';
import { checkContext } from './session.ts';
import type { CheckResult } from './types.ts';

const WEB = (replicas: number, strategy = ''): string => `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${String(replicas)}${strategy}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
EOF
`;

const POD_ON = (node: string): string => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: solo-${node}
  labels:
    app: solo
spec:
  nodeName: ${node}
  containers:
  - name: c
    image: nginx:1.27
EOF
`;

/** A cluster that ran `before`, then a step that ran `during`; evaluates `check` at the end. */
function evaluate(before: string, during: string, check: string): CheckResult {
  const cluster = createCluster({ seed: 3 });
  const shell = new Shell(cluster);
  runLines(shell, before);
  const seq = cluster.api.changeLog.length;
  const start = cluster.now();
  const entries = runLines(shell, during);
  for (const e of entries) expect(e.stderr).toBe('');
  const parsed = parseCheck(load(check), (reason) => {
    throw new Error(reason);
  });
  return evaluateCheck(checkContext(cluster, seq, start), parsed);
}

const MESSAGE = 'message: "{actual} / {expected}"\ntitle: t\n';

describe('state checks', () => {
  const cases: {
    name: string;
    before?: string;
    during: string;
    check: string;
    pass: boolean;
    message?: string;
  }[] = [
    { name: 'exists: present', during: WEB(1), check: 'exists: deploy/web', pass: true },
    {
      name: 'exists: absent',
      during: '',
      check: 'exists: deployment.apps/web',
      pass: false,
      message: 'deployment.apps/web does not exist / deployment.apps/web to exist',
    },
    { name: 'absent: gone', during: '', check: 'absent: deployment/web', pass: true },
    { name: 'a cluster-scoped object', during: '', check: 'exists: node/node-2', pass: true },
    {
      name: 'field equals a number',
      during: `${WEB(2)}advance 30s\n`,
      check: 'field: deployment/web\npath: .status.readyReplicas\nequals: 2',
      pass: true,
    },
    {
      name: 'an omitted zero count reads as 0',
      during: WEB(2),
      check: 'field: deployment/web\npath: .status.readyReplicas\natLeast: 1',
      pass: false,
      message: '<none> / at least 1',
    },
    {
      name: 'field matches',
      during: WEB(1),
      check:
        'field: deployment/web\npath: .spec.template.spec.containers[0].image\nmatches: "^nginx:1\\\\.2"',
      pass: true,
    },
    {
      name: 'a condition status by filter',
      during: 'advance 1s\n',
      check:
        'field: node/node-1\npath: \'.status.conditions[?(@.type=="Ready")].status\'\nequals: "True"',
      pass: true,
    },
    {
      name: 'count with a selector, readiness and a filter',
      during: `${WEB(3)}advance 30s\n`,
      check:
        'count: po\nselector: app=web\nready: true\nwhere:\n  - path: .spec.nodeName\n    present: true\nequals: 3',
      pass: true,
    },
    {
      name: 'count across namespaces',
      during: '',
      check: 'count: pods\nallNamespaces: true\nselector: k8s-app=kube-proxy\nequals: 4',
      pass: true,
    },
    {
      name: 'count short of the target',
      during: `${WEB(3)}advance 1s\n`,
      check: 'count: pods\nselector: app=web\nready: true\nequals: 3',
      pass: false,
      message: '0 / 3',
    },
  ];
  for (const c of cases)
    it(`evaluates ${c.name}`, () => {
      const result = evaluate(c.before ?? '', c.during, MESSAGE + c.check);
      expect(result.passed).toBe(c.pass);
      if (c.message !== undefined) expect(result.message).toBe(c.message);
      if (c.pass) expect(result.message).toBe('');
    });
});

describe('checks over time', () => {
  const ready3 = 'count: pods\nselector: app=web\nready: true\nequals: 3\n';

  it('passes "for" only once the condition has held long enough', () => {
    const check = `${MESSAGE}${ready3}for: 20s`;
    const short = evaluate('', `${WEB(3)}advance 15s\n`, check);
    expect(short.passed).toBe(false);
    expect(short.message).toMatch(/^3 for \d+(\.\d)?s \/ 3 for at least 20s$/);
    expect(evaluate('', `${WEB(3)}advance 60s\n`, check).passed).toBe(true);
  });

  const atLeast3 = `${MESSAGE}always:\n  count: pods\n  selector: app=web\n  ready: true\n  where:\n    - path: .metadata.deletionTimestamp\n      present: false\n  atLeast: 3\n`;
  const update = (strategy: string): string =>
    `${WEB(4, strategy).replace('nginx:1.27', 'nginx:1.28')}advance 60s\n`;

  it('keeps "always" through a rolling update and fails it through a Recreate', () => {
    const before = `${WEB(4)}advance 30s\n`;
    expect(evaluate(before, update(''), atLeast3).passed).toBe(true);
    const recreate = evaluate(
      before,
      update('\n  strategy:\n    type: Recreate\n    rollingUpdate: null'),
      atLeast3,
    );
    expect(recreate.passed).toBe(false);
    expect(recreate.message).toMatch(/^0 \(\d+(\.\d)?s into the step\) \/ at least 3$/);
  });

  it('passes "ever" when the condition held at some instant of the step only', () => {
    const check = `${MESSAGE}ever:\n  count: pods\n  selector: app=web\n  equals: 5\n`;
    const scaleUpDown = `kubectl scale deployment web --replicas=5\nadvance 10s\nkubectl scale deployment web --replicas=2\nadvance 30s\n`;
    expect(evaluate(WEB(2), scaleUpDown, check).passed).toBe(true);
    expect(evaluate(WEB(2), 'advance 30s\n', check).passed).toBe(false);
  });

  it('finds events that happened during the step only', () => {
    const check = `${MESSAGE}event:\n  reason: ScalingReplicaSet\n  object: deployment/web\n  matches: from 2 to 4`;
    expect(evaluate(WEB(2), 'kubectl scale deployment web --replicas=4\n', check).passed).toBe(
      true,
    );
    const none = evaluate(
      `${WEB(2)}kubectl scale deployment web --replicas=4\n`,
      'advance 1s\n',
      check,
    );
    expect(none.message).toBe(
      'no ScalingReplicaSet event about deployment/web yet / a ScalingReplicaSet event about deployment/web',
    );
  });

  it('sees a pod of a selector leave a node and start on another', () => {
    const check = `${MESSAGE}rescheduled:\n  selector: app=solo\n  from: node-1`;
    const move = `kubectl delete pod solo-node-1\n${POD_ON('node-2')}`;
    expect(evaluate(POD_ON('node-1'), move, check).passed).toBe(true);
    const back = evaluate(
      POD_ON('node-1'),
      `kubectl delete pod solo-node-1\n${POD_ON('node-1')}`,
      check,
    );
    expect(back.passed).toBe(false);
    expect(back.message).toMatch(/left node-1 but none has been scheduled to another node yet/);
  });

  it('runs read-only commands and matches their output', () => {
    const check = `${MESSAGE}command: kubectl get deployment web\nmatches: "web\\\\s+2/2"`;
    expect(evaluate('', `${WEB(2)}advance 30s\n`, check).passed).toBe(true);
    const missing = evaluate('', '', check.replace('matches: "web\\\\s+2/2"', 'exitCode: 0'));
    expect(missing.message).toMatch(/exited 1: Error from server \(NotFound\)/);
  });
});
