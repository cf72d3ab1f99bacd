import { describe, expect, it } from 'vitest';
import { Shell } from '../engine.ts';
import { createCluster } from '../../sim/index.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
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
        env:
        - name: DEBUG
          value: "yes"
`;

function apply(text: string, extra = ''): { exitCode: number; stdout: string; stderr: string } {
  const files: Record<string, string> = { 'web.yaml': text };
  const shell = new Shell(createCluster(), { workspace: { readFile: (path) => files[path] } });
  return shell.run(`kubectl apply -f web.yaml${extra}`);
}

const prefix =
  'Error from server (BadRequest): error when creating "web.yaml": Deployment in version "v1" cannot be handled as a Deployment: ';

describe('strict decoding as the API server does it', () => {
  it.each([
    {
      name: 'an unknown field',
      edit: (t: string) => t.replace('replicas: 2', 'replica: 2'),
      error: 'strict decoding error: unknown field "spec.replica"',
    },
    {
      name: 'every unknown field, sorted as kubectl sends them, with list indices',
      edit: (t: string) =>
        t
          .replace('replicas: 2', 'replica: 2')
          .replace('image: nginx:1.27', 'imag: nginx:1.27\n        imagePullPolice: Always'),
      error:
        'strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imag", unknown field "spec.template.spec.containers[0].imagePullPolice"',
    },
    {
      name: 'the YAML 1.1 boolean in an env var',
      edit: (t: string) => t.replace('value: "yes"', 'value: yes'),
      error:
        'json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
    },
    {
      name: 'a quoted number where an integer belongs',
      edit: (t: string) => t.replace('replicas: 2', 'replicas: "3"'),
      error:
        'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    },
    {
      name: 'a fractional replica count',
      edit: (t: string) => t.replace('replicas: 2', 'replicas: 1.5'),
      error:
        'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    },
    {
      name: 'a number as a label value',
      edit: (t: string) =>
        t.replace('      app: web\n  template', '      app: web\n      version: 2\n  template'),
      error:
        'json: cannot unmarshal number into Go struct field LabelSelector.spec.selector.matchLabels of type string',
    },
    {
      name: 'a bad quantity',
      edit: (t: string) =>
        t.replace(
          'image: nginx:1.27',
          'image: nginx:1.27\n        resources:\n          limits:\n            memory: 1GB',
        ),
      error:
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    },
    {
      name: 'a list where a map belongs, reported before unknown fields',
      edit: (t: string) => t.replace('replicas: 2', 'replica: 2\n  strategy: []'),
      error:
        'json: cannot unmarshal array into Go struct field DeploymentSpec.spec.strategy of type v1.DeploymentStrategy',
    },
    {
      name: 'a boolean as a target port',
      edit: (t: string) =>
        t.replace(
          'image: nginx:1.27',
          'image: nginx:1.27\n        readinessProbe:\n          httpGet:\n            port: true',
        ),
      error: 'json: cannot unmarshal bool into Go value of type int32',
    },
  ])('rejects $name', ({ edit, error }) => {
    const result = apply(edit(DEPLOYMENT));
    expect(result.stderr).toBe(`${prefix}${error}\n`);
    expect(result.exitCode).toBe(1);
  });

  it('accepts the manifest itself', () => {
    expect(apply(DEPLOYMENT).stdout).toBe('deployment.apps/web created\n');
  });

  it('reports a Secret whose data is not base64 as Go does', () => {
    const secret =
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: hunter2!\n';
    expect(apply(secret).stderr).toBe(
      'Error from server (BadRequest): error when creating "web.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 7\n',
    );
  });
});

describe('kubectl around the decoder', () => {
  const typo = DEPLOYMENT.replace('replicas: 2', 'replica: 2');

  it('rejects unknown fields on kubectl create -f too', () => {
    const files: Record<string, string> = { 'web.yaml': typo };
    const shell = new Shell(createCluster(), { workspace: { readFile: (path) => files[path] } });
    expect(shell.run('kubectl create -f web.yaml').stderr).toBe(
      `${prefix}strict decoding error: unknown field "spec.replica"\n`,
    );
  });

  it('warns with --validate=warn and drops the field, and ignores it with --validate=false', () => {
    const warn = apply(typo, ' --validate=warn');
    expect(warn.stderr).toBe('Warning: unknown field "spec.replica"\n');
    expect(warn.stdout).toBe('deployment.apps/web created\n');
    const ignore = apply(typo, ' --validate=false');
    expect(ignore.stderr).toBe('');
    expect(ignore.stdout).toBe('deployment.apps/web created\n');
  });

  it('refuses a manifest without metadata.name as kubectl apply does', () => {
    const result = apply(DEPLOYMENT.replace('  name: web\n', ''));
    expect(result.stderr).toBe(
      'error: error when retrieving current configuration of:\nResource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"\nName: "", Namespace: "default"\nfrom server for: "web.yaml": resource name may not be empty\n',
    );
  });

  it('explains removed and misspelled apiVersions', () => {
    expect(apply(DEPLOYMENT.replace('apps/v1', 'extensions/v1beta1')).stderr).toBe(
      'error: resource mapping not found for name: "web" namespace: "" from "web.yaml": no matches for kind "Deployment" in version "extensions/v1beta1"\nensure CRDs are installed first\n(Kubeplay: Deployment in extensions/v1beta1 was removed in Kubernetes v1.16; use apiVersion: apps/v1)\n',
    );
    expect(apply(DEPLOYMENT.replace('apps/v1', 'app/v1')).stderr).toBe(
      'error: resource mapping not found for name: "web" namespace: "" from "web.yaml": no matches for kind "Deployment" in version "app/v1"\nensure CRDs are installed first\n(Kubeplay: Kubernetes v1.32 serves Deployment as apiVersion: apps/v1)\n',
    );
  });

  it('refuses kinds it does not simulate by name', () => {
    const crd =
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: shirts.stable.example.com\n';
    expect(apply(crd).stderr).toBe(
      'error: Kubeplay does not simulate CustomResourceDefinitions (apiextensions.k8s.io/v1) yet: custom resources and the controllers behind them are not part of the simulated cluster. "shirts.stable.example.com" from "web.yaml" was not applied.\n',
    );
  });
});
