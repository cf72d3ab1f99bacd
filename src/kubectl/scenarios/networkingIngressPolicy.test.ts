import { describe, expect, it } from 'vitest';
import type { RequestOrigin } from '../../sim/index.ts';
import { deployment, echoPods, playground, service, stats } from './networkingHarness.ts';

const BACKENDS = ['root', 'api', 'v1', 'wild', 'fallback'];

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  defaultBackend:
    service:
      name: fallback
      port:
        number: 80
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: root
            port:
              number: 80
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 80
      - path: /api/v1
        pathType: Exact
        backend:
          service:
            name: v1
            port:
              number: 80
  - host: "*.example.com"
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: wild
            port:
              number: 80
`;

describe('Ingress through ingress-nginx', () => {
  it('routes by host and longest path, Exact before Prefix, then the default backend', () => {
    const p = playground();
    echoPods(p.cluster);
    p.ok(
      'kubectl apply -f -',
      BACKENDS.map((name) => `${deployment(name, 1)}---\n${service(name)}`).join('---\n'),
    );
    p.ok('kubectl apply -f -', INGRESS);
    p.ok('advance 30s');
    const route = (host: string, path: string): string => {
      const result = p.cluster.network.deliverUrl(
        { namespace: 'default', sourceIp: '172.18.1.9' },
        `http://172.18.255.200${path}`,
        1,
        0,
        host,
      );
      return (result.last.servedBy ?? String(result.last.status)).replace(
        /^default\/|-\w+-\w+$/g,
        '',
      );
    };
    expect(route('shop.example.com', '/api/v1')).toBe('v1');
    expect(route('shop.example.com', '/api/v1/users')).toBe('api');
    expect(route('shop.example.com', '/api/')).toBe('api');
    expect(route('shop.example.com', '/apix')).toBe('root');
    expect(route('shop.example.com', '/')).toBe('root');
    expect(route('cart.example.com', '/anything')).toBe('wild');
    expect(route('a.cart.example.com', '/')).toBe('fallback');
    expect(route('example.com', '/')).toBe('fallback');

    p.ok('traffic ingress/shop --host shop.example.com --path /api/v1 --rps 10 --duration 3s');
    p.ok('advance 3s');
    expect(stats(p, 'v1').total).toBe(31);
  });

  it('shows the class, hosts and, after its status sync, the controller address', () => {
    const p = playground();
    p.ok('kubectl apply -f -', INGRESS);
    expect(p.ok('kubectl get ingress')).toBe(
      'NAME   CLASS   HOSTS                            ADDRESS   PORTS   AGE\nshop   nginx   shop.example.com,*.example.com             80      0s\n',
    );
    p.ok('advance 60s');
    expect(p.ok('kubectl get ingress')).toMatch(
      /^NAME {3}CLASS {3}HOSTS +ADDRESS {10}PORTS {3}AGE\nshop {3}nginx {3}shop\.example\.com,\*\.example\.com {3}172\.18\.255\.200 {3}80 {6}60s\n$/,
    );
    expect(p.ok('kubectl get ingressclass')).toMatch(
      /^NAME +CONTROLLER +PARAMETERS +AGE\nnginx +k8s\.io\/ingress-nginx +<none> +/,
    );
  });
});

describe('NetworkPolicy', () => {
  const CLIENTS = `apiVersion: v1
kind: Pod
metadata:
  name: client
  labels:
    role: client
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: intruder
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
`;

  const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`;

  const ALLOW_CLIENTS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-from-clients
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: client
    ports:
    - protocol: TCP
      port: 80
`;

  it('times requests out under a default deny, then lets an allow rule through', () => {
    const p = playground();
    echoPods(p.cluster);
    p.ok('kubectl apply -f -', `${deployment('web', 2)}---\n${service('web')}---\n${CLIENTS}`);
    p.ok('advance 30s');
    const origin = (name: string): RequestOrigin => {
      const pod = p.cluster.api.get('pods', 'default', name) as
        { status?: { podIP?: string }; spec?: { nodeName?: string } } | undefined;
      return {
        namespace: 'default',
        podKey: `default/${name}`,
        sourceIp: pod?.status?.podIP ?? '',
        nodeName: pod?.spec?.nodeName ?? '',
      };
    };
    const net = p.cluster.services.network;
    expect(net.request(origin('client'), 'http://web/').status).toBe(200);

    p.ok('kubectl apply -f -', DENY_ALL);
    expect(net.request(origin('client'), 'http://web/')).toEqual({ error: 'timed out' });
    p.ok('traffic web --rps 5 --duration 2s');
    p.ok('advance 2s');
    expect(p.ok('traffic stats web')).toContain('11 requests got no answer (timed out: 11)');

    p.ok('kubectl apply -f -', ALLOW_CLIENTS);
    expect(net.request(origin('client'), 'http://web/').status).toBe(200);
    expect(net.request(origin('intruder'), 'http://web/')).toEqual({ error: 'timed out' });
    expect(net.request(origin('client'), 'http://web:8080/')).toEqual({ error: 'timed out' });
    p.ok(
      'kubectl apply -f -',
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-from-lan
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - ipBlock:
        cidr: 172.18.0.0/16
        except:
        - 172.18.1.2/32
`,
    );
    p.ok('traffic web --rps 5 --duration 2s --clients 2');
    p.ok('advance 2s');
    expect(p.ok('traffic stats web')).toMatch(
      /TOTAL +7 +100%\n17 requests got no answer \(timed out: 17\)\n$/,
    );
    p.ok('kubectl delete netpol web-from-lan');
    expect(p.ok('kubectl get netpol')).toBe(
      'NAME               POD-SELECTOR   AGE\ndefault-deny       <none>         4s\nweb-from-clients   app=web        2s\n',
    );
  });

  it('cuts DNS off under a default-deny egress policy, so names stop resolving', () => {
    const p = playground();
    echoPods(p.cluster);
    p.ok('kubectl apply -f -', `${deployment('web', 1)}---\n${service('web')}---\n${CLIENTS}`);
    p.ok('advance 30s');
    const client = p.cluster.api.get('pods', 'default', 'client') as {
      status?: { podIP?: string };
    };
    const origin = {
      namespace: 'default',
      podKey: 'default/client',
      sourceIp: client.status?.podIP ?? '',
    };
    p.ok(
      'kubectl apply -f -',
      DENY_ALL.replace('name: default-deny', 'name: deny-egress').replace('- Ingress', '- Egress'),
    );
    expect(p.cluster.services.network.request(origin, 'http://web/')).toEqual({
      error: 'bad address',
    });
  });

  it('stops resolving names when CoreDNS is scaled to zero', () => {
    const p = playground();
    echoPods(p.cluster);
    p.ok('kubectl apply -f -', `${deployment('web', 1)}---\n${service('web')}`);
    p.ok('advance 30s');
    const net = p.cluster.services.network;
    const origin = { namespace: 'default', sourceIp: '172.18.1.1' };
    expect(net.request(origin, 'http://web/').status).toBe(200);
    p.ok('kubectl scale deployment coredns -n kube-system --replicas=0');
    p.ok('advance 10s');
    expect(net.request(origin, 'http://web/')).toEqual({ error: 'bad address' });
  });
});
