/** Shared setup for the networking scenario tests: a cluster, a shell and manifest builders. */
import { createCluster, type Cluster } from '../../sim/index.ts';
import type { CommandResult } from '../command.ts';
import { Shell } from '../engine.ts';

export interface Playground {
  readonly cluster: Cluster;
  readonly shell: Shell;
  /** Runs a line and fails loudly when it does not exit 0. */
  ok(line: string, stdin?: string): string;
  run(line: string, stdin?: string): CommandResult;
}

export function playground(seed = 7): Playground {
  const cluster = createCluster({ seed });
  const shell = new Shell(cluster);
  const run = (line: string, stdin?: string): CommandResult => shell.run(line, stdin);
  return {
    cluster,
    shell,
    run,
    ok(line, stdin) {
      const result = run(line, stdin);
      if (result.exitCode !== 0)
        throw new Error(`"${line}" failed: ${result.stderr}${result.stdout}`);
      return result.stdout;
    },
  };
}

/** Every pod answers 200 with its own name; `latencyMs` picks how long each pod takes. */
export function echoPods(cluster: Cluster, latencyMs: (podKey: string) => number = () => 2): void {
  cluster.services.podRequests = {
    handle: (podKey) => ({ status: 200, body: `${podKey}\n`, latencyMs: latencyMs(podKey) }),
  };
}

export function deployment(
  name: string,
  replicas: number,
  options: { image?: string; port?: number; extraContainer?: string; labels?: string } = {},
): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${String(replicas)}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}${options.labels ?? ''}
    spec:
      containers:
      - name: main
        image: ${options.image ?? 'nginx:1.27'}
        ports:
        - containerPort: ${String(options.port ?? 80)}
          name: http
${options.extraContainer ?? ''}`;
}

export function service(name: string, spec = ''): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: 80
    targetPort: http
${spec}`;
}

export function kubeProxyConfiguration(mode: string, scheduler = ''): string {
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
metadata:
  name: kube-proxy
mode: ${mode}
ipvs:
  scheduler: "${scheduler}"
`;
}

/** `traffic stats <svc> -o json`, parsed. */
export function stats(p: Playground, svc: string): { total: number; pods: Record<string, number> } {
  return JSON.parse(p.ok(`traffic stats ${svc} -o json`)) as {
    total: number;
    pods: Record<string, number>;
  };
}
