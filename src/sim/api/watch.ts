/** Watch streams per resource, as informers consume them: ADDED, MODIFIED, DELETED. */
import type { KubeObject } from './types/index.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  readonly type: WatchEventType;
  readonly resource: string;
  readonly object: KubeObject;
  readonly previous?: KubeObject;
}

export type WatchHandler = (event: WatchEvent) => void;

export class WatchHub {
  private readonly handlers = new Map<string, WatchHandler[]>();

  watch(resource: string, handler: WatchHandler): () => void {
    const list = this.handlers.get(resource) ?? [];
    list.push(handler);
    this.handlers.set(resource, list);
    return () => {
      const current = this.handlers.get(resource) ?? [];
      this.handlers.set(
        resource,
        current.filter((h) => h !== handler),
      );
    };
  }

  emit(event: WatchEvent): void {
    for (const handler of this.handlers.get(event.resource) ?? []) handler(event);
  }
}
