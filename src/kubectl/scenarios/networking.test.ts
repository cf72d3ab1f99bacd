import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deployment,
  echoPods,
  kubeProxyConfiguration,
  playground,
  service,
  stats,
  type Playground,
} from './networkingHarness.ts';

const outside = { namespace: 'default', sourceIp: '172.18.1.50' };

function webWith(replicas: number, svcSpec = '', seed = 7): Playground {
  const p = playground(seed);
  echoPods(p.cluster);
  p.ok('kubectl apply -f -', `${deployment('web', replicas)}---\n${service('web', svcSpec)}`);
  p.ok('advance 30s');
  return p;
}

describe('Services and endpoints', () => {
  it('allocates addresses and lists endpoints as kubectl prints them', () => {
    const p = webWith(3, '  type: NodePort\n');
    const svc = p.ok('kubectl get svc web');
    expect(svc).toMatch(
      /^NAME {3}TYPE {7}CLUSTER-IP +EXTERNAL-IP {3}PORT\(S\) {8}AGE\nweb {4}NodePort {3}10\.\d+\.\d+\.\d+ +<none> {8}80:3\d{4}\/TCP +30s\n$/,
    );
    const nodePort = Number(/80:(\d+)\/TCP/.exec(svc)?.[1]);
    expect(nodePort).toBeGreaterThanOrEqual(30086);
    expect(nodePort).toBeLessThanOrEqual(32767);
    expect(p.ok('kubectl get endpoints web')).toMatch(
      /^NAME {3}ENDPOINTS +AGE\nweb {4}10\.244\.\d\.\d+:80,10\.244\.\d\.\d+:80,10\.244\.\d\.\d+:80 {3}30s\n$/,
    );
    const slices = p.ok('kubectl get endpointslices -l kubernetes.io/service-name=web');
    expect(slices).toMatch(
      /^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\nweb-[a-z0-9]{5} +IPv4 +80 +/,
    );
  });

  it('rejects NodePorts outside the range or already taken, with the API server words', () => {
    const p = webWith(1, '  type: NodePort\n');
    const taken = /80:(\d+)\/TCP/.exec(p.ok('kubectl get svc web'))?.[1] ?? '';
    const bad = p.run(
      'kubectl apply -f -',
      service('api', '  type: NodePort\n').replace('targetPort: http', 'nodePort: 80'),
    );
    expect(bad.stderr).toBe(
      'The Service "api" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
    );
    const dup = p.run(
      'kubectl apply -f -',
      service('api', '  type: NodePort\n').replace('targetPort: http', `nodePort: ${taken}`),
    );
    expect(dup.stderr).toBe(
      `The Service "api" is invalid: spec.ports[0].nodePort: Invalid value: ${taken}: provided port is already allocated\n`,
    );
  });

  it('maps each port of a multi-port Service to its named target port', () => {
    const p = playground();
    const seen: string[] = [];
    p.cluster.services.podRequests = {
      handle: (podKey, port) => {
        seen.push(String(port));
        return { status: 200, body: podKey };
      },
    };
    p.ok(
      'kubectl apply -f -',
      `${deployment('web', 2, { port: 8080 })}        - containerPort: 9090
          name: metrics
---
${service('web').replace('  - port: 80\n    targetPort: http\n', '  - name: http\n    port: 80\n    targetPort: http\n  - name: metrics\n    port: 9100\n    targetPort: metrics\n')}`,
    );
    p.ok('advance 30s');
    expect(p.ok('kubectl get endpoints web')).toMatch(
      /^NAME {3}ENDPOINTS +AGE\nweb {4}10\.244\.\d\.\d+:8080,10\.244\.\d\.\d+:8080,10\.244\.\d\.\d+:9090 \+ 1 more\.\.\. {3}30s\n$/,
    );
    const net = p.cluster.services.network;
    expect(net.request(outside, 'http://web/').status).toBe(200);
    expect(net.request(outside, 'http://web:9100/').status).toBe(200);
    expect(seen).toEqual(['8080', '9090']);
    expect(p.ok('kubectl get svc web')).toContain(' 80/TCP,9100/TCP ');
  });

  it('refuses connections when a Service has no ready endpoint', () => {
    const p = webWith(2);
    p.ok('kubectl scale deployment web --replicas=0');
    p.ok('advance 5s');
    expect(p.ok('kubectl get endpoints web')).toMatch(
      /^NAME {3}ENDPOINTS {3}AGE\nweb {4}<none> +35s\n$/,
    );
    expect(p.cluster.services.network.request(outside, 'http://web/')).toEqual({
      error: 'connection refused',
    });
    p.ok('traffic web --rps 5 --duration 2s');
    p.ok('advance 3s');
    expect(p.ok('traffic stats web')).toBe(
      'No requests have reached service/web yet.\n11 requests got no answer (connection refused: 11)\n',
    );
  });
});

describe('DNS', () => {
  it('resolves a Service by its short, namespaced and full names from a pod’s search path', () => {
    const p = webWith(1);
    const net = p.cluster.services.network;
    const ip = /web +ClusterIP +(\S+)/.exec(p.ok('kubectl get svc web'))?.[1];
    for (const name of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local'])
      expect(net.resolve(outside, name)).toBe(ip);
    const other = { namespace: 'kube-system', sourceIp: '10.244.0.9' };
    expect(net.resolve(other, 'web')).toBeUndefined();
    expect(net.resolve(other, 'web.default')).toBe(ip);
    expect(net.resolve(outside, 'kubernetes')).toBe('10.96.0.1');
    expect(net.resolve(outside, 'kube-dns.kube-system')).toBe('10.96.0.10');
    expect(net.resolve(outside, '10-244-1-7.default.pod.cluster.local')).toBe('10.244.1.7');
    expect(net.resolve(outside, 'nope')).toBeUndefined();
    expect(net.request(outside, 'http://nope/')).toEqual({ error: 'bad address' });
  });

  it('answers a headless Service with its ready pod addresses', () => {
    const p = webWith(3, '  clusterIP: None\n');
    const answer = p.cluster.services.network.lookup(outside, 'web');
    expect(answer?.name).toBe('web.default.svc.cluster.local');
    expect(answer?.addresses).toHaveLength(3);
    for (const ip of answer?.addresses ?? []) expect(ip).toMatch(/^10\.244\.\d\.\d+$/);
    expect(p.ok('kubectl get svc web')).toContain('ClusterIP   None ');
  });
  it('answers <hostname>.<subdomain> for a pod behind a headless Service (as StatefulSet pods get)', () => {
    const p = playground();
    echoPods(p.cluster);
    p.ok(
      'kubectl apply -f -',
      `apiVersion: v1
kind: Service
metadata:
  name: busybox-subdomain
spec:
  clusterIP: None
  selector:
    name: busybox
  ports:
  - name: foo
    port: 1234
---
apiVersion: v1
kind: Pod
metadata:
  name: busybox1
  labels:
    name: busybox
spec:
  hostname: busybox-1
  subdomain: busybox-subdomain
  containers:
  - name: busybox
    image: busybox:1.28
    command: ["sleep", "3600"]
`,
    );
    p.ok('advance 30s');
    const ip = /busybox1 +\S+ +Running +\S+ +\S+ +(\S+)/.exec(
      p.ok('kubectl get pods -o wide'),
    )?.[1];
    const net = p.cluster.services.network;
    expect(net.resolve(outside, 'busybox-1.busybox-subdomain')).toBe(ip);
    expect(net.lookup(outside, 'busybox-1.busybox-subdomain.default.svc.cluster.local')).toEqual({
      name: 'busybox-1.busybox-subdomain.default.svc.cluster.local',
      addresses: [ip],
    });
    expect(net.resolve(outside, 'busybox-2.busybox-subdomain')).toBeUndefined();
  });
  it('gives StatefulSet pods stable names under their governing headless Service', () => {
    const p = playground();
    p.ok(
      'kubectl apply -f -',
      `${service('nginx', '  clusterIP: None\n')}---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
          name: http
`,
    );
    p.ok('advance 60s');
    const wide = p.ok('kubectl get pods -o wide');
    const ipOf = (pod: string): string | undefined =>
      new RegExp(`${pod} +1/1 +Running +\\S+ +\\S+ +(\\S+)`).exec(wide)?.[1];
    const net = p.cluster.services.network;
    expect(net.resolve(outside, 'web-0.nginx')).toBe(ipOf('web-0'));
    expect(net.resolve(outside, 'web-1.nginx.default.svc.cluster.local')).toBe(ipOf('web-1'));
    expect([...(net.lookup(outside, 'nginx')?.addresses ?? [])].sort()).toEqual(
      [ipOf('web-0'), ipOf('web-1')].sort(),
    );
  });

  it('answers an ExternalName Service with a CNAME to its target', () => {
    const p = webWith(1);
    p.ok('kubectl create service externalname db --external-name web.default.svc.cluster.local');
    const answer = p.cluster.services.network.lookup(outside, 'db');
    expect(answer?.canonicalName).toBe('web.default.svc.cluster.local');
    expect(answer?.addresses).toEqual([p.cluster.services.network.resolve(outside, 'web')]);
    expect(p.cluster.services.network.resolve(outside, 'nowhere.example.com')).toBeUndefined();
  });
});

describe('kube-proxy load balancing', () => {
  it('spreads requests evenly at random in iptables mode (the default)', () => {
    const p = webWith(3);
    p.ok('traffic web --rps 300 --duration 100s --clients 10');
    p.ok('advance 2m');
    const s = stats(p, 'web');
    expect(s.total).toBe(30_000);
    const counts = Object.values(s.pods);
    expect(counts).toHaveLength(3);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('rotates exactly in ipvs round robin', () => {
    const p = webWith(3);
    p.ok('kubectl apply -f -', kubeProxyConfiguration('ipvs', 'rr'));
    const served = Array.from(
      { length: 6 },
      () => p.cluster.services.network.request(outside, 'http://web/').servedBy,
    );
    expect(served.slice(3)).toEqual(served.slice(0, 3));
    expect(new Set(served).size).toBe(3);
    p.ok('traffic web --rps 30 --duration 10s');
    p.ok('advance 10s');
    expect(Object.values(stats(p, 'web').pods)).toEqual([102, 102, 102]);
  });

  it('prefers the less busy pods under least connection when one pod is slow', () => {
    const p = webWith(3);
    const slow = p.ok('kubectl get pods -o name').split('\n')[0]?.replace('pod/', '') ?? '';
    echoPods(p.cluster, (podKey) => (podKey === `default/${slow}` ? 400 : 2));
    p.ok('kubectl apply -f -', kubeProxyConfiguration('ipvs', 'lc'));
    p.ok('traffic web --rps 200 --duration 20s --clients 5');
    p.ok('advance 20s');
    const s = stats(p, 'web');
    const others = Object.entries(s.pods)
      .filter(([pod]) => pod !== slow)
      .map(([, n]) => n);
    expect(s.pods[slow] ?? 0).toBeLessThan(Math.min(...others) / 2);
  });

  it('keeps each client on one pod with ipvs source hashing', () => {
    const p = webWith(3);
    p.ok('kubectl apply -f -', kubeProxyConfiguration('ipvs', 'sh'));
    const net = p.cluster.services.network;
    for (const sourceIp of ['172.18.1.1', '172.18.1.2', '172.18.1.3', '172.18.1.4']) {
      const first = net.request({ namespace: 'default', sourceIp }, 'http://web/').servedBy;
      for (let i = 0; i < 10; i++)
        expect(net.request({ namespace: 'default', sourceIp }, 'http://web/').servedBy).toBe(first);
    }
  });

  it('pins a client to one pod with sessionAffinity ClientIP until the timeout passes', () => {
    const p = webWith(
      3,
      '  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 60\n',
    );
    const net = p.cluster.services.network;
    const firsts = Array.from({ length: 20 }, (_, i) => {
      const origin = { namespace: 'default', sourceIp: `172.18.1.${String(i + 1)}` };
      const first = net.request(origin, 'http://web/').servedBy;
      for (let k = 0; k < 5; k++) expect(net.request(origin, 'http://web/').servedBy).toBe(first);
      return first;
    });
    expect(new Set(firsts).size).toBe(3);
    p.ok('advance 61s');
    const later = firsts.map(
      (_, i) =>
        net.request({ namespace: 'default', sourceIp: `172.18.1.${String(i + 1)}` }, 'http://web/')
          .servedBy,
    );
    expect(later.some((pod, i) => pod !== firsts[i])).toBe(true);
  });

  it('keeps traffic on the client node with internalTrafficPolicy Local, dropping it when none is there', () => {
    const p = webWith(1, '  internalTrafficPolicy: Local\n');
    const node = /(node-\d)/.exec(p.ok('kubectl get pods -o wide'))?.[1] ?? '';
    const other = ['node-1', 'node-2', 'node-3'].find((n) => n !== node) ?? '';
    const from = (
      nodeName: string,
    ): { namespace: string; podKey: string; sourceIp: string; nodeName: string } => ({
      namespace: 'default',
      podKey: 'default/client',
      sourceIp: '10.244.9.9',
      nodeName,
    });
    const net = p.cluster.services.network;
    expect(net.request(from(node), 'http://web/').status).toBe(200);
    expect(net.request(from(other), 'http://web/')).toEqual({ error: 'timed out' });
  });

  it('takes a pod out of rotation when its readiness probe fails', () => {
    const p = playground();
    echoPods(p.cluster);
    const probe = `        command: ["sh", "-c", "touch /tmp/healthy; sleep 3600"]
        readinessProbe:
          exec:
            command: ["cat", "/tmp/healthy"]
          periodSeconds: 1
`;
    p.ok(
      'kubectl apply -f -',
      `${deployment('web', 3, { image: 'busybox:1.36' })}${probe}---\n${service('web')}`,
    );
    p.ok('advance 30s');
    expect(p.ok('kubectl get endpoints web')).toMatch(/(10\.244\.\d\.\d+:80,?){3}/);
    const victim = p.ok('kubectl get pods -o name').split('\n')[0]?.replace('pod/', '') ?? '';
    p.cluster.exec('default', victim, 'main', ['rm', '/tmp/healthy']);
    p.ok('advance 5s');
    expect(p.ok('kubectl get pods')).toMatch(new RegExp(`${victim} +0/1 +Running`));
    expect(p.ok('kubectl get endpoints web').match(/10\.244/g)).toHaveLength(2);
    p.ok('traffic web --rps 50 --duration 10s');
    p.ok('advance 10s');
    const s = stats(p, 'web');
    expect(s.total).toBe(500);
    expect(s.pods[victim]).toBeUndefined();
  });
});

describe('the rules kube-proxy programs', () => {
  it('prints iptables-save lines with real chain names and rule probabilities', () => {
    const p = webWith(3);
    const kubernetes = p.ok('traffic rules kubernetes');
    expect(kubernetes).toContain(
      '-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y\n',
    );
    const web = p.ok('traffic rules web').split('\n');
    const picks = web.filter((l) => l.includes('-> 10.244.'));
    expect(picks).toHaveLength(3);
    expect(picks[0]).toContain(
      '-m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-',
    );
    expect(picks[1]).toContain(
      '-m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-',
    );
    expect(picks[2]).not.toContain('statistic');
  });

  it('prints ipvsadm -Ln in ipvs mode, and REJECT when nothing is ready', () => {
    const p = webWith(2);
    p.ok('kubectl apply -f -', kubeProxyConfiguration('ipvs', 'lc'));
    expect(p.ok('traffic rules web')).toMatch(
      /^IP Virtual Server version 1\.2\.1 \(size=4096\)\nProt LocalAddress:Port Scheduler Flags\n {2}-> RemoteAddress:Port {11}Forward Weight ActiveConn InActConn\nTCP {2}10\.\S+:80 lc\n {2}-> 10\.244\.\d\.\d+:80 +Masq {4}1 {6}0 {10}0\n/,
    );
    p.ok('kubectl delete kubeproxyconfiguration kube-proxy');
    p.ok('kubectl scale deployment web --replicas=0');
    p.ok('advance 5s');
    expect(p.ok('traffic rules web')).toMatch(
      /"default\/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable\n$/,
    );
  });
});

describe('traffic from outside the cluster', () => {
  it('reaches a NodePort on every node, and only nodes with a pod under externalTrafficPolicy Local', () => {
    const p = webWith(1, '  type: NodePort\n');
    const port = /80:(\d+)\/TCP/.exec(p.ok('kubectl get svc web'))?.[1] ?? '';
    const net = p.cluster.services.network;
    for (const node of ['172.18.0.3', '172.18.0.4', '172.18.0.5'])
      expect(net.request(outside, `http://${node}:${port}/`).status).toBe(200);
    p.ok(`kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Local"}}'`);
    const results = ['172.18.0.3', '172.18.0.4', '172.18.0.5'].map(
      (node) => net.request(outside, `http://${node}:${port}/`).status ?? 'timed out',
    );
    expect(results.filter((r) => r === 200)).toHaveLength(1);
    expect(results.filter((r) => r === 'timed out')).toHaveLength(2);
  });

  it('sends a traffic flow through a NodePort or the LoadBalancer address with --via', () => {
    const p = webWith(2, '  type: LoadBalancer\n');
    p.ok('traffic web --via nodeport --rps 10 --duration 2s');
    p.ok('advance 2s');
    p.ok('traffic web --via loadbalancer --rps 10 --duration 2s');
    p.ok('advance 2s');
    expect(stats(p, 'web').total).toBe(40);
    expect(p.run('traffic web --via tunnel --rps 1').stderr).toBe(
      'error: --via must be clusterip, nodeport or loadbalancer (got "tunnel")\n',
    );
  });

  it('gives a LoadBalancer Service an external address that answers', () => {
    const p = webWith(2, '  type: LoadBalancer\n');
    expect(p.ok('kubectl get svc web')).toMatch(
      /LoadBalancer +10\.\S+ +172\.18\.255\.201 +80:3\d{4}\/TCP/,
    );
    expect(p.cluster.services.network.request(outside, 'http://172.18.255.201/').status).toBe(200);
    expect(p.ok('kubectl get events')).toMatch(
      /Normal +IPAllocated +service\/web +Assigned IP \["172\.18\.255\.201"\]/,
    );
  });
});

describe('per-pod counts', () => {
  it('always sum to the requests delivered', () => {
    const p = webWith(4);
    let delivered = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 7 }),
        (rps, clients, seconds) => {
          p.ok(
            `traffic web --rps ${String(rps)} --clients ${String(clients)} --duration ${String(seconds)}s`,
          );
          p.ok(`advance ${String(seconds)}s`);
          delivered += rps * seconds;
          const s = stats(p, 'web');
          expect(s.total).toBe(delivered);
          expect(Object.values(s.pods).reduce((a, b) => a + b, 0)).toBe(s.total);
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);

  it('gives byte-identical transcripts for the same seed', () => {
    const script = (): string => {
      const p = webWith(3, '', 11);
      p.ok('traffic web --rps 33 --clients 3');
      p.ok('advance 20s');
      return p.ok('traffic stats web') + p.ok('traffic stop web');
    };
    expect(script()).toBe(script());
  });
});
