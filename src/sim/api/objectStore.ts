/**
 * etcd's role: objects by resource and key, with a cluster-wide resourceVersion counter. Stored
 * objects are immutable values; every write replaces the stored object.
 */
import type { KubeObject } from './types/index.ts';

export function objectKey(namespace: string, name: string): string {
  return namespace === '' ? name : `${namespace}/${name}`;
}

export class ObjectStore {
  private readonly byResource = new Map<string, Map<string, KubeObject>>();
  private revision = 0;

  nextResourceVersion(): string {
    this.revision += 1;
    return String(this.revision);
  }

  get currentRevision(): number {
    return this.revision;
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    return this.byResource.get(resource)?.get(objectKey(namespace, name));
  }

  put(resource: string, obj: KubeObject): void {
    let bucket = this.byResource.get(resource);
    if (!bucket) {
      bucket = new Map();
      this.byResource.set(resource, bucket);
    }
    bucket.set(objectKey(obj.metadata.namespace ?? '', obj.metadata.name ?? ''), obj);
  }

  remove(resource: string, namespace: string, name: string): void {
    this.byResource.get(resource)?.delete(objectKey(namespace, name));
  }

  /** Objects of a resource in insertion order (deterministic), optionally in one namespace. */
  *iterate(resource: string, namespace?: string): IterableIterator<KubeObject> {
    const bucket = this.byResource.get(resource);
    if (!bucket) return;
    for (const obj of bucket.values()) {
      if (namespace === undefined || obj.metadata.namespace === namespace) yield obj;
    }
  }

  count(resource: string): number {
    return this.byResource.get(resource)?.size ?? 0;
  }

  resources(): readonly string[] {
    return [...this.byResource.keys()];
  }
}
