import { describe, expect, it } from 'vitest';
import { playground, type Playground } from './networkingHarness.ts';

/** The official HPA walkthrough's php-apache (docs: horizontal-pod-autoscale-walkthrough). */
const PHP_APACHE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
`;

function replicas(p: Playground): number {
  // NAME REFERENCE TARGETS(`cpu: 57%/50%`) MINPODS MAXPODS REPLICAS AGE
  const row = /%\s+\d+\s+\d+\s+(\d+)\s/.exec(p.ok('kubectl get hpa php-apache --no-headers'));
  return Number(row?.[1]);
}

describe('the HorizontalPodAutoscaler walkthrough', () => {
  it('scales out under load, holds for the stabilization window, then scales in', () => {
    const p = playground();
    p.ok('kubectl apply -f -', PHP_APACHE);
    p.ok('advance 60s');
    expect(p.ok('kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10')).toBe(
      'horizontalpodautoscaler.autoscaling/php-apache autoscaled\n',
    );
    // The controller first reconciles a new HPA one sync period (15 s) after it appears.
    expect(p.ok('kubectl get hpa')).toMatch(/cpu: <unknown>\/50% {3}1 {9}10 {8}0 {10}0s\n$/);
    p.ok('advance 30s');
    expect(p.ok('kubectl get hpa')).toMatch(
      /^NAME {9}REFERENCE {15}TARGETS {7}MINPODS {3}MAXPODS {3}REPLICAS {3}AGE\nphp-apache {3}Deployment\/php-apache {3}cpu: 0%\/50% {3}1 {9}10 {8}1 {10}30s\n$/,
    );

    p.ok('traffic php-apache --rps 10');
    p.ok('advance 30s');
    expect(p.ok('kubectl get hpa php-apache')).toMatch(/cpu: \d{3}%\/50%/);
    p.ok('advance 90s');
    const peak = replicas(p);
    expect(peak).toBeGreaterThanOrEqual(5);
    const events = p.ok('kubectl get events');
    expect(events).toMatch(
      /SuccessfulRescale +horizontalpodautoscaler\/php-apache +New size: \d+; reason: cpu resource utilization \(percentage of request\) above target/,
    );

    p.ok('advance 2m');
    p.ok('traffic stop php-apache');
    p.ok('advance 60s');
    expect(p.ok('kubectl get hpa php-apache')).toContain('cpu: 0%/50%');
    // The 300 s scale-down stabilization window keeps the highest recent recommendation.
    p.ok('advance 3m');
    expect(replicas(p)).toBe(peak);
    p.ok('advance 2m');
    expect(replicas(p)).toBe(1);
    expect(p.ok('kubectl get events')).toMatch(
      /SuccessfulRescale +horizontalpodautoscaler\/php-apache +New size: 1; reason: All metrics below target/,
    );
  }, 60_000);

  it('reports unknown utilization and the metric error when pods have no CPU request', () => {
    const p = playground();
    p.ok('kubectl apply -f -', PHP_APACHE.replace(/ {8}resources:\n[\s\S]*?cpu: 200m\n/, ''));
    p.ok('advance 60s');
    p.ok('kubectl autoscale deployment php-apache --cpu-percent=50 --max=5');
    p.ok('advance 20s');
    expect(p.ok('kubectl get hpa php-apache')).toContain('cpu: <unknown>/50%');
    expect(p.ok('kubectl get events')).toMatch(
      /Warning +FailedGetResourceMetric +horizontalpodautoscaler\/php-apache +failed to get cpu utilization: missing request for cpu in container php-apache of Pod php-apache-/,
    );
  });

  it('scales vertically by rolling out new pods when requests change', () => {
    const p = playground();
    p.ok('kubectl apply -f -', PHP_APACHE);
    p.ok('kubectl scale deployment php-apache --replicas=2');
    p.ok('advance 60s');
    expect(p.ok('kubectl set resources deployment php-apache --requests=cpu=300m')).toBe(
      'deployment.apps/php-apache resource requirements updated\n',
    );
    p.ok('advance 2m');
    const requests = p
      .ok(
        `kubectl get pods -l run=php-apache -o jsonpath={.items[*].spec.containers[0].resources.requests.cpu}`,
      )
      .trim()
      .split(' ');
    expect(requests).toEqual(['300m', '300m']);
    expect(p.ok('kubectl get rs --no-headers').trim().split('\n')).toHaveLength(2);
  });
});
