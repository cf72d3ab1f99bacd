/**
 * An informer's indexed cache over one resource, kept current by the API server's watch stream
 * (client-go's SharedIndexInformer + Indexer). Components read through it instead of scanning.
 */
import type { ApiServer } from '../api/apiServer.ts';
import { objectKey } from '../api/objectStore.ts';
import type { KubeObject } from '../api/types/index.ts';

export type IndexFunc = (obj: KubeObject) => readonly string[];

export class Indexer {
  private readonly index = new Map<string, Map<string, KubeObject>>();

  constructor(
    api: ApiServer,
    resource: string,
    private readonly indexFunc: IndexFunc,
  ) {
    for (const obj of api.iterate(resource)) this.insert(obj);
    api.watch(resource, (event) => {
      if (event.previous) this.remove(event.previous);
      if (event.type !== 'DELETED') this.insert(event.object);
    });
  }

  /** Objects whose index values include `value`, in insertion order. */
  byIndex(value: string): KubeObject[] {
    return [...(this.index.get(value)?.values() ?? [])];
  }

  countOf(value: string): number {
    return this.index.get(value)?.size ?? 0;
  }

  private insert(obj: KubeObject): void {
    const key = keyOf(obj);
    for (const value of this.indexFunc(obj)) {
      let bucket = this.index.get(value);
      if (!bucket) {
        bucket = new Map();
        this.index.set(value, bucket);
      }
      bucket.set(key, obj);
    }
  }

  private remove(obj: KubeObject): void {
    const key = keyOf(obj);
    for (const value of this.indexFunc(obj)) {
      const bucket = this.index.get(value);
      bucket?.delete(key);
      if (bucket?.size === 0) this.index.delete(value);
    }
  }
}

export function keyOf(obj: KubeObject): string {
  return objectKey(obj.metadata.namespace ?? '', obj.metadata.name ?? '');
}

/** Splits `ns/name` (or `name` for cluster-scoped objects). */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: '', name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export const byNamespace: IndexFunc = (obj) => [obj.metadata.namespace ?? ''];
export const byOwnerUid: IndexFunc = (obj) =>
  (obj.metadata.ownerReferences ?? []).map((ref) => ref.uid);
export const byNodeName: IndexFunc = (obj) => {
  const nodeName = (obj.spec as { nodeName?: string } | undefined)?.nodeName;
  return [nodeName ?? ''];
};
