import { describe, expect, it } from 'vitest';
import { Shell } from '../engine.ts';
import { createCluster } from '../../sim/index.ts';

function run(files: Record<string, string>, ...lines: string[]): string[] {
  const shell = new Shell(createCluster(), { workspace: { readFile: (path) => files[path] } });
  return lines.map((line) => {
    const r = shell.run(line);
    return r.stdout + r.stderr;
  });
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
`;

const withContainer = (extra: string): string => POD + extra;

describe('semantic validation with the API server messages', () => {
  it.each([
    {
      name: 'an environment variable name starting with a digit',
      yaml: withContainer('    env:\n    - name: 1ST\n      value: a\n'),
      error:
        "The Pod \"web\" is invalid: spec.containers[0].env[0].name: Invalid value: \"1ST\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    },
    {
      name: 'a probe without a handler',
      yaml: withContainer('    livenessProbe:\n      periodSeconds: 5\n'),
      error:
        'The Pod "web" is invalid: spec.containers[0].livenessProbe: Required value: must specify a handler type',
    },
    {
      name: 'a liveness probe with successThreshold 2',
      yaml: withContainer(
        '    livenessProbe:\n      httpGet:\n        port: 80\n      successThreshold: 2\n',
      ),
      error:
        'The Pod "web" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    },
    {
      name: 'a port name longer than 15 characters',
      yaml: withContainer('    ports:\n    - name: http-web-frontend\n      containerPort: 80\n'),
      error:
        'The Pod "web" is invalid: spec.containers[0].ports[0].name: Invalid value: "http-web-frontend": must be no more than 15 characters',
    },
    {
      name: 'a lower-case protocol',
      yaml: withContainer('    ports:\n    - containerPort: 80\n      protocol: tcp\n'),
      error:
        'The Pod "web" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
    },
    {
      name: 'a mount of a volume that does not exist',
      yaml: withContainer('    volumeMounts:\n    - name: data\n      mountPath: /data\n'),
      error: 'The Pod "web" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
    },
    {
      name: 'requests above limits',
      yaml: withContainer(
        '    resources:\n      requests:\n        cpu: "2"\n      limits:\n        cpu: "1"\n',
      ),
      error:
        'The Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    },
    {
      name: 'a misspelled pull policy',
      yaml: withContainer('    imagePullPolicy: always\n'),
      error:
        'The Pod "web" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"',
    },
    {
      name: 'a ConfigMap key with a space',
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  bad key: x\n',
      error:
        "The ConfigMap \"cfg\" is invalid: data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    },
    {
      name: 'a TLS Secret without its key',
      yaml: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: x\n',
      error: 'The Secret "tls" is invalid: data[tls.key]: Required value',
    },
  ])('rejects $name', ({ yaml, error }) => {
    const [out] = run({ 'x.yaml': yaml }, 'kubectl apply -f x.yaml');
    expect(out).toBe(`${error}\n`);
  });

  it('rejects maxSurge and maxUnavailable both 0 with the Go value', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  strategy:
    rollingUpdate:
      maxSurge: 0
      maxUnavailable: 0
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app
        image: nginx:1.27
`;
    const [out] = run({ 'd.yaml': deployment }, 'kubectl apply -f d.yaml');
    expect(out).toBe(
      'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0\n',
    );
  });

  it('keeps an immutable ConfigMap unchanged', () => {
    const cm =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\nimmutable: true\ndata:\n  a: "1"\n';
    const [, out, get] = run(
      { 'a.yaml': cm, 'b.yaml': cm.replace('"1"', '"2"') },
      'kubectl apply -f a.yaml',
      'kubectl apply -f b.yaml',
      'kubectl get configmap cfg -o yaml',
    );
    expect(out).toBe(
      'The ConfigMap "cfg" is invalid: data: Forbidden: field is immutable when `immutable` is set\n',
    );
    expect(get).toContain('a: "1"');
  });

  it('applies the valid documents of a file and reports each invalid one', () => {
    const file = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Two\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: three\ndata:\n  x: 1\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: four\n',
    ].join('---\n');
    const [out, list] = run({ 'm.yaml': file }, 'kubectl apply -f m.yaml', 'kubectl get cm');
    expect(out).toContain('configmap/one created\nconfigmap/four created\n');
    expect(out).toContain('The ConfigMap "Two" is invalid: metadata.name: Invalid value: "Two"');
    expect(out).toContain(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string',
    );
    expect(list).toMatch(/^four /m);
    expect(list).not.toMatch(/^three /m);
  });
});

describe('immutable fields on update', () => {
  const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: postgres:17
`;

  it('forbids changing a StatefulSet field other than the mutable ones', () => {
    const [, out] = run(
      {
        'a.yaml': statefulSet,
        'b.yaml': statefulSet.replace('serviceName: db', 'serviceName: other'),
      },
      'kubectl apply -f a.yaml',
      'kubectl apply -f b.yaml',
    );
    expect(out).toBe(
      "The StatefulSet \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n",
    );
  });

  it('shows a changed Deployment selector in Go syntax', () => {
    const deployment = statefulSet
      .replace('kind: StatefulSet', 'kind: Deployment')
      .replace('  serviceName: db\n', '');
    const changed = deployment.replaceAll('app: db', 'app: api');
    const [, out] = run(
      { 'a.yaml': deployment, 'b.yaml': changed },
      'kubectl apply -f a.yaml',
      'kubectl apply -f b.yaml',
    );
    expect(out).toBe(
      'The Deployment "db" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"api"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    );
  });
});

describe('RBAC and storage objects', () => {
  it.each([
    {
      name: 'a Role rule without verbs',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\nrules:\n- apiGroups: [""]\n  resources: ["pods"]\n',
      error:
        'The Role "r" is invalid: rules[0].verbs: Required value: verbs must contain at least one value',
    },
    {
      name: 'a binding to an unknown role kind',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: role\n  name: r\nsubjects:\n- kind: User\n  name: jane\n',
      error:
        'The RoleBinding "b" is invalid: roleRef.kind: Unsupported value: "role": supported values: "Role", "ClusterRole"',
    },
    {
      name: 'a claim without access modes',
      yaml: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c\nspec:\n  resources:\n    requests:\n      storage: 1Gi\n',
      error:
        'The PersistentVolumeClaim "c" is invalid: spec.accessModes: Required value: at least 1 access mode is required',
    },
    {
      name: 'a StorageClass with a misspelled binding mode',
      yaml: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: example.com/fast\nvolumeBindingMode: WaitForConsumer\n',
      error:
        'The StorageClass "fast" is invalid: volumeBindingMode: Unsupported value: "WaitForConsumer": supported values: "Immediate", "WaitForFirstConsumer"',
    },
  ])('rejects $name', ({ yaml, error }) => {
    const [out] = run({ 'x.yaml': yaml }, 'kubectl apply -f x.yaml');
    expect(out).toBe(`${error}\n`);
  });
});
