/**
 * Golden describe output. The layouts follow describe.go line by line; the snapshots pin the
 * whole text (alignment included) for a fixed seed, so any drift shows up in review.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../index.ts';

const SCRIPT = `kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80
kubectl set resources deploy/web --requests=cpu=100m,memory=64Mi --limits=cpu=200m,memory=128Mi
advance 40s
kubectl expose deployment web --port=80 --target-port=80
kubectl create configmap app --from-literal=mode=prod --from-literal=level=3
kubectl create secret generic db --from-literal=password=hunter2
kubectl taint nodes node-3 dedicated=gpu:NoSchedule
advance 5s
kubectl describe deployment web
kubectl describe pods -l app=web
kubectl describe node node-1
kubectl describe service web
kubectl describe configmap app
kubectl describe secret db
kubectl describe node node-3
`;

describe('kubectl describe', () => {
  const { entries } = runScript(SCRIPT);
  const describes = entries.filter((e) => e.command.startsWith('kubectl describe'));

  it('runs every line without errors', () => {
    for (const e of entries) expect(`${e.command}: ${e.stderr}`).toBe(`${e.command}: `);
  });

  it.each(describes.map((e) => [e.command, e.stdout] as const))('%s', async (command, stdout) => {
    const file = command.replace('kubectl describe ', '').replace(/[^a-z0-9]+/gi, '-');
    await expect(stdout).toMatchFileSnapshot(`__snapshots__/${file}.txt`);
  });

  it('says so when nothing matches', () => {
    const run = runScript('kubectl describe pods\nkubectl describe pod nope\nkubectl describe\n');
    expect(run.entries.map((e) => e.stderr)).toEqual([
      'No resources found in default namespace.\n',
      'Error from server (NotFound): pods "nope" not found\n',
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
    ]);
  });
});
