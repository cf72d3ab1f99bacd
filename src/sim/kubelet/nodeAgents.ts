/**
 * The kubelets of all nodes. One pod watch routes each event to the kubelet of the node the pod is
 * (or was) bound to, instead of every kubelet filtering every event.
 */
import type { ApiServer } from '../api/apiServer.ts';
import { keyOf } from '../client/indexer.ts';
import type { Kubelet } from './kubelet.ts';

export class NodeAgents {
  private readonly kubelets = new Map<string, Kubelet>();

  constructor(private readonly api: ApiServer) {
    api.watch('pods', (event) => {
      const key = keyOf(event.object);
      const now = (event.object.spec as { nodeName?: string } | undefined)?.nodeName;
      const before = (event.previous?.spec as { nodeName?: string } | undefined)?.nodeName;
      if (now) this.kubelets.get(now)?.enqueuePod(key);
      if (before && before !== now) this.kubelets.get(before)?.enqueuePod(key);
    });
  }

  add(kubelet: Kubelet): void {
    this.kubelets.set(kubelet.nodeName, kubelet);
  }

  get(nodeName: string): Kubelet | undefined {
    return this.kubelets.get(nodeName);
  }

  /** The kubelet of the node a pod (`ns/name`) is bound to. */
  forPod(podKey: string): Kubelet | undefined {
    const slash = podKey.indexOf('/');
    const pod = this.api.get('pods', podKey.slice(0, slash), podKey.slice(slash + 1));
    const nodeName = (pod?.spec as { nodeName?: string } | undefined)?.nodeName;
    return nodeName ? this.kubelets.get(nodeName) : undefined;
  }

  all(): Kubelet[] {
    return [...this.kubelets.values()];
  }
}
