import { describe, expect, it } from 'vitest';
import { PodInfo } from '../framework/podInfo.ts';
import { defaultFramework, makeCache, makeNode, makePod } from '../testKit.ts';
import { explainPending } from './whatWouldHelp.ts';

describe('explainPending: the smallest change that would let a pod schedule', () => {
  it('suggests the toleration, the lower request and a new node, each checked by the filters', () => {
    const nodes = [
      makeNode('tainted', {
        cpu: '8',
        taints: [{ key: 'team', value: 'ml', effect: 'NoSchedule' }],
      }),
      makeNode('small', { cpu: '2' }),
    ];
    const cache = makeCache(nodes, [{ pod: makePod('used', { cpu: '500m' }), node: 'small' }]);
    const pod = new PodInfo(makePod('p', { cpu: '3' }));
    const suggestions = explainPending(defaultFramework(), cache, pod, nodes[1]);
    expect(suggestions.map((s) => s.kind)).toEqual(['addToleration', 'lowerRequests', 'addNode']);
    expect(suggestions.map((s) => s.sentence)).toEqual([
      'Add a toleration for team=ml:NoSchedule to the pod so it may run on tainted.',
      "Lower the pod's cpu request from 3 to 1500m or less: that is what small has left.",
      'Add a node with 4 CPU and 8Gi memory like the others (node add new-node --cpu 4 --memory 8Gi).',
    ]);
  });

  it('suggests labelling a node for an unmatched nodeSelector, and uncordoning', () => {
    const nodes = [makeNode('a'), makeNode('b', { unschedulable: true })];
    const cache = makeCache(nodes);
    const pod = new PodInfo(makePod('p', { spec: { nodeSelector: { disk: 'ssd' } } }));
    const kinds = explainPending(defaultFramework(), cache, pod, nodes[0]).map((s) => s.sentence);
    expect(kinds[0]).toBe('Label a with disk=ssd (kubectl label node a disk=ssd).');
    const cordoned = new PodInfo(makePod('q'));
    const onlyCordoned = makeCache([nodes[1]!]);
    expect(explainPending(defaultFramework(), onlyCordoned, cordoned, nodes[1])[0]?.sentence).toBe(
      'Uncordon b (kubectl uncordon b).',
    );
  });
});
