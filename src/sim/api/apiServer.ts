/**
 * kube-apiserver: the only writer of cluster state. Every request runs defaulting, admission and
 * validation, gets a resourceVersion, is appended to the change log and is delivered to watchers.
 */
import type { VirtualClock } from '../clock/virtualClock.ts';
import { formatRfc3339 } from '../clock/timeFormat.ts';
import type { SeededRandom } from '../random/seededRandom.ts';
import { deepClone, deepEqual, deepFreeze } from '../util/objects.ts';
import type { AdmissionPlugin, AdmissionReader } from './admission/admission.ts';
import { ChangeLog } from './changeLog.ts';
import { ObjectStore } from './objectStore.ts';
import { plainStrategy, type ResourceStrategy } from './registry/strategy.ts';
import { budgetForEviction, disruptionsAllowed, EVICTION_REFUSED } from './registry/policy.ts';
import {
  RESOURCE_TYPES,
  qualifiedResource,
  resourceTypeByKey,
  resourceTypeForKind,
  type ResourceType,
} from './resourceTypes.ts';
import {
  ApiError,
  alreadyExists,
  conflict,
  invalid,
  notFound,
  type FieldError,
} from './statusErrors.ts';
import type { KubeObject } from './types/index.ts';
import { decodeRequest, type FieldValidation } from './validation/decodeRequest.ts';
import { validateObjectMeta } from './validation/objectMeta.ts';
import { WatchHub, type WatchHandler } from './watch.ts';

/** Alphabet of names.SimpleNameGenerator and utilrand.String: no vowels, no 0/1/3. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export interface RequestOptions {
  /** The client making the request, recorded in the change log. */
  readonly actor: string;
  readonly dryRun?: boolean;
  /**
   * How the request body is decoded against the kind's schema (`?fieldValidation=`): kubectl sends
   * Strict. Unset means an in-process component whose objects are typed code: decoding is skipped.
   */
  readonly fieldValidation?: FieldValidation;
  /** Collects warnings (unknown fields under `Warn`), as the `Warning:` response headers do. */
  readonly warnings?: string[];
}

export interface DeleteOptions extends RequestOptions {
  readonly gracePeriodSeconds?: number;
  readonly propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

export interface ApiServerOptions {
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  /** Deep-freeze stored objects so a component that mutates one fails at once (dev and tests). */
  readonly freezeObjects: boolean;
}

export class ApiServer {
  readonly changeLog = new ChangeLog();
  private readonly store = new ObjectStore();
  private readonly watchHub = new WatchHub();
  private readonly strategies = new Map<string, ResourceStrategy>();
  private readonly admissionPlugins: AdmissionPlugin[] = [];
  private readonly reader: AdmissionReader;

  constructor(private readonly options: ApiServerOptions) {
    this.reader = {
      get: (resource, namespace, name) => this.store.get(resource, namespace, name),
      list: (resource, namespace) => [...this.store.iterate(resource, namespace)],
    };
  }

  registerStrategy(resource: string, strategy: ResourceStrategy): void {
    this.strategies.set(resource, strategy);
  }

  registerAdmission(plugin: AdmissionPlugin): void {
    this.admissionPlugins.push(plugin);
  }

  /** Resolves apiVersion + kind, or throws the API server's `no matches for kind` error. */
  typeOf(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): ResourceType {
    const type = resourceTypeForKind(obj.apiVersion, obj.kind);
    if (!type) {
      throw new ApiError(
        'NotFound',
        `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`,
      );
    }
    return type;
  }

  /**
   * The semantic validation a create would run (metadata and the kind's strategy, after defaults),
   * with no admission, allocation, randomness or write: for editors checking a manifest as it is
   * typed. The object must already decode (see validation/validateObject.ts).
   */
  check(input: KubeObject): FieldError[] {
    const type = this.typeOf(input);
    const strategy = this.strategyFor(qualifiedResource(type));
    const obj = deepClone(input);
    obj.metadata = { ...(obj.metadata as KubeObject['metadata'] | undefined) };
    this.normalizeNamespace(obj, type);
    // generateName gets its random suffix on create; any valid suffix checks the same.
    if ((obj.metadata.name ?? '') === '' && obj.metadata.generateName)
      obj.metadata.name = `${obj.metadata.generateName}x`;
    strategy.defaults?.(obj);
    return [...validateObjectMeta(obj), ...(strategy.validate?.(obj) ?? [])];
  }

  now(): number {
    return this.options.clock.now();
  }

  watch(resource: string, handler: WatchHandler): () => void {
    return this.watchHub.watch(resource, handler);
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    return this.store.get(resource, namespace, name);
  }

  /** Like `get`, but throws the API's NotFound error. */
  read(resource: string, namespace: string, name: string): KubeObject {
    const obj = this.store.get(resource, namespace, name);
    if (!obj) throw notFound(resource, name);
    return obj;
  }

  /** Objects sorted by namespace then name, as the API server lists them from etcd. */
  list(resource: string, namespace?: string): KubeObject[] {
    return [...this.store.iterate(resource, namespace)].sort(compareByNamespacedName);
  }

  /** Objects in insertion order, without sorting: for components on hot paths. */
  iterate(resource: string, namespace?: string): IterableIterator<KubeObject> {
    return this.store.iterate(resource, namespace);
  }

  count(resource: string): number {
    return this.store.count(resource);
  }

  get revision(): number {
    return this.store.currentRevision;
  }

  create<T extends KubeObject>(request: T, opts: RequestOptions): T {
    const type = this.typeOf(request);
    const input = opts.fieldValidation
      ? decodeRequest(request, type, opts.fieldValidation, opts.warnings)
      : request;
    const resource = qualifiedResource(type);
    const strategy = this.strategyFor(resource);
    const obj = deepClone(input) as KubeObject;
    obj.metadata = { ...(obj.metadata as KubeObject['metadata'] | undefined) };
    this.normalizeNamespace(obj, type);
    const meta = obj.metadata;
    if ((meta.name ?? '') === '' && meta.generateName) {
      meta.name = this.generateName(resource, meta.namespace ?? '', meta.generateName);
    }
    delete meta.resourceVersion;
    delete meta.uid;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    strategy.defaults?.(obj);
    strategy.prepareForCreate?.(obj);
    this.runAdmission('CREATE', resource, obj, undefined);
    const errors = [...validateObjectMeta(obj), ...(strategy.validate?.(obj) ?? [])];
    if (errors.length > 0) throw invalid(type.kind, type.group, meta.name ?? '', errors);
    this.runValidatingAdmission('CREATE', resource, obj, undefined);
    const namespace = meta.namespace ?? '';
    const name = meta.name ?? '';
    if (this.store.get(resource, namespace, name)) throw alreadyExists(resource, name);
    meta.uid = this.newUid();
    strategy.afterUid?.(obj);
    meta.creationTimestamp = formatRfc3339(this.now());
    if (hasSpec(obj)) meta.generation = 1;
    if (opts.dryRun) return obj as T;
    meta.resourceVersion = this.store.nextResourceVersion();
    return this.commit('create', resource, obj, undefined, opts.actor) as T;
  }

  /**
   * Replaces an object (PUT). With a resourceVersion set, it must match the stored one (optimistic
   * concurrency). An update that changes nothing writes nothing, as etcd3's GuaranteedUpdate.
   */
  update<T extends KubeObject>(request: T, opts: RequestOptions & { subresource?: 'status' }): T {
    const type = this.typeOf(request);
    const input = opts.fieldValidation
      ? decodeRequest(request, type, opts.fieldValidation, opts.warnings)
      : request;
    const resource = qualifiedResource(type);
    const strategy = this.strategyFor(resource);
    const namespace = type.namespaced ? (input.metadata.namespace ?? 'default') : '';
    const name = input.metadata.name ?? '';
    const old = this.store.get(resource, namespace, name);
    if (!old) throw notFound(resource, name);
    const rv = input.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion)
      throw conflict(resource, name);
    const obj = deepClone(input) as KubeObject;
    obj.metadata = { ...obj.metadata, namespace: type.namespaced ? namespace : undefined };
    if (!type.namespaced) delete obj.metadata.namespace;
    // Fields the server owns cannot be changed by clients.
    obj.metadata.uid = old.metadata.uid;
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
    // Absent stays absent: a key holding undefined is not JSON, and strict decoding rejects it.
    if (old.metadata.deletionTimestamp === undefined) delete obj.metadata.deletionTimestamp;
    else obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds === undefined)
      delete obj.metadata.deletionGracePeriodSeconds;
    else obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    if (opts.subresource === 'status') {
      for (const key of Object.keys(obj))
        if (key !== 'status' && key !== 'metadata') delete obj[key];
      for (const [key, value] of Object.entries(old))
        if (key !== 'status' && key !== 'metadata') obj[key] = value;
      obj.metadata = { ...old.metadata, resourceVersion: old.metadata.resourceVersion };
    } else {
      strategy.defaults?.(obj);
      if (strategy.hasStatusSubresource) {
        if ('status' in old) obj.status = old.status;
        else delete obj.status;
      }
      this.runAdmission('UPDATE', resource, obj, old);
      const errors = [
        ...validateObjectMeta(obj),
        ...(strategy.validate?.(obj) ?? []),
        ...(strategy.validateUpdate?.(obj, old) ?? []),
      ];
      if (errors.length > 0) throw invalid(type.kind, type.group, name, errors);
      this.runValidatingAdmission('UPDATE', resource, obj, old);
      if (hasSpec(obj)) {
        const specChanged = !deepEqual(withoutMetaAndStatus(obj), withoutMetaAndStatus(old));
        obj.metadata.generation = (old.metadata.generation ?? 1) + (specChanged ? 1 : 0);
      }
    }
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
    if (deepEqual(obj, old)) return old as T;
    if (opts.dryRun) return obj as T;
    obj.metadata.resourceVersion = this.store.nextResourceVersion();
    // An object being deleted goes once its last finalizer is removed.
    if (obj.metadata.deletionTimestamp && !hasPendingFinalizers(obj) && !this.awaitsKubelet(obj)) {
      return this.commit('delete', resource, obj, old, opts.actor) as T;
    }
    return this.commit('update', resource, obj, old, opts.actor, opts.subresource) as T;
  }

  /** Reads the latest object, applies `mutate` to a copy and writes it back (retry-free in a single thread). */
  mutate<T extends KubeObject>(
    resource: string,
    namespace: string,
    name: string,
    mutate: (draft: T) => void,
    opts: RequestOptions & { subresource?: 'status' },
  ): T {
    const current = this.store.get(resource, namespace, name);
    if (!current) throw notFound(resource, name);
    const draft = deepClone(current) as T;
    mutate(draft);
    return this.update(draft, opts);
  }

  /** The `binding` subresource: the scheduler's way of setting spec.nodeName. */
  bind(namespace: string, podName: string, nodeName: string, opts: RequestOptions): KubeObject {
    const pod = this.store.get('pods', namespace, podName);
    if (!pod) throw notFound('pods', podName);
    const spec = pod.spec as { nodeName?: string } | undefined;
    if (spec?.nodeName) {
      throw new ApiError(
        'Conflict',
        `pod ${podName} is already assigned to node "${spec.nodeName}"`,
      );
    }
    if (pod.metadata.deletionTimestamp) {
      throw new ApiError(
        'Conflict',
        `pod ${podName} is being deleted, cannot be assigned to a host`,
      );
    }
    const next = deepClone(pod);
    (next.spec as { nodeName?: string }).nodeName = nodeName;
    const status = (next.status ?? {}) as { conditions?: { type: string }[] };
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.unshift({
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: formatRfc3339(this.now()),
    } as { type: string });
    status.conditions = conditions;
    next.status = status;
    next.metadata.resourceVersion = this.store.nextResourceVersion();
    return this.commit('update', 'pods', next, pod, opts.actor, 'binding');
  }

  /**
   * Deletes an object. Pods bound to a node are deleted gracefully: they get a deletionTimestamp and
   * the kubelet removes them after stopping their containers. Finalizers also defer the removal.
   */
  delete(resource: string, namespace: string, name: string, opts: DeleteOptions): KubeObject {
    const type = resourceTypeByKey(resource);
    const obj = this.store.get(resource, type?.namespaced === false ? '' : namespace, name);
    if (!obj) throw notFound(resource, name);
    const finalizers = [...(obj.metadata.finalizers ?? [])];
    if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion')) {
      finalizers.push('foregroundDeletion');
    }
    if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan'))
      finalizers.push('orphan');
    const grace = resource === 'pods' ? this.podGracePeriod(obj, opts.gracePeriodSeconds) : 0;
    if (opts.dryRun) return obj;
    const namespaceFinalizers =
      resource === 'namespaces'
        ? ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [])
        : [];
    if (finalizers.length === 0 && namespaceFinalizers.length === 0 && grace === 0) {
      // The DELETED event carries the object at a new resourceVersion, as etcd's delete revision.
      const last = {
        ...obj,
        metadata: { ...obj.metadata, resourceVersion: this.store.nextResourceVersion() },
      };
      return this.commit('delete', resource, last, obj, opts.actor);
    }
    if (obj.metadata.deletionTimestamp) {
      // Already terminating: a shorter grace period may still be requested (kubectl delete --grace-period).
      const current = obj.metadata.deletionGracePeriodSeconds ?? 0;
      if (resource !== 'pods' || grace >= current) return obj;
    }
    const next = deepClone(obj);
    next.metadata.finalizers = finalizers.length > 0 ? finalizers : undefined;
    if (!next.metadata.finalizers) delete next.metadata.finalizers;
    next.metadata.deletionTimestamp = formatRfc3339(this.now() + grace * 1000);
    next.metadata.deletionGracePeriodSeconds = grace;
    if (resource === 'namespaces') {
      (next as { status?: { phase?: string } }).status = { phase: 'Terminating' };
    }
    next.metadata.resourceVersion = this.store.nextResourceVersion();
    return this.commit('update', resource, next, obj, opts.actor);
  }

  /**
   * The pods/eviction subresource: deletes a pod unless its PodDisruptionBudget allows no more
   * disruptions (429 TooManyRequests); an allowed eviction is recorded in the budget's status.
   */
  evict(namespace: string, name: string, opts: DeleteOptions): KubeObject {
    const pod = this.store.get('pods', namespace, name);
    if (!pod) throw notFound('pods', name);
    const pdb = budgetForEviction(pod, [
      ...this.store.iterate('poddisruptionbudgets.policy', namespace),
    ]);
    if (pdb) {
      if (disruptionsAllowed(pdb) <= 0) throw new ApiError('TooManyRequests', EVICTION_REFUSED);
      const next = deepClone(pdb);
      const status = (next.status ?? {}) as {
        disruptionsAllowed?: number;
        disruptedPods?: Record<string, string>;
      };
      status.disruptionsAllowed = disruptionsAllowed(pdb) - 1;
      status.disruptedPods = { ...(status.disruptedPods ?? {}), [name]: formatRfc3339(this.now()) };
      next.status = status;
      if (!opts.dryRun) this.update(next, { actor: opts.actor, subresource: 'status' });
    }
    return this.delete('pods', namespace, name, opts);
  }

  private podGracePeriod(pod: KubeObject, requested: number | undefined): number {
    const spec = pod.spec as
      { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    // Mirrors pkg/registry/core/pod/strategy.go CheckGracefulDelete.
    if (!spec?.nodeName || phase === 'Failed' || phase === 'Succeeded') return 0;
    return Math.max(0, requested ?? spec.terminationGracePeriodSeconds ?? 30);
  }

  /** A terminating pod on a node is removed by its kubelet, not by the API server. */
  private awaitsKubelet(obj: KubeObject): boolean {
    if (obj.kind !== 'Pod') return false;
    return (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0;
  }

  private commit(
    verb: 'create' | 'update' | 'delete',
    resource: string,
    obj: KubeObject,
    previous: KubeObject | undefined,
    actor: string,
    subresource?: 'status' | 'binding',
  ): KubeObject {
    const stored = this.options.freezeObjects ? deepFreeze(obj) : obj;
    const namespace = stored.metadata.namespace ?? '';
    const name = stored.metadata.name ?? '';
    if (verb === 'delete') this.store.remove(resource, namespace, name);
    else this.store.put(resource, stored);
    this.changeLog.append({
      timeMs: this.now(),
      actor,
      verb,
      ...(subresource ? { subresource } : {}),
      resource,
      namespace,
      name,
      resourceVersion: stored.metadata.resourceVersion ?? '',
      object: stored,
      ...(previous ? { previous } : {}),
    });
    this.watchHub.emit({
      type: verb === 'create' ? 'ADDED' : verb === 'delete' ? 'DELETED' : 'MODIFIED',
      resource,
      object: stored,
      ...(previous ? { previous } : {}),
    });
    return stored;
  }

  private normalizeNamespace(obj: KubeObject, type: ResourceType): void {
    if (!type.namespaced) {
      delete obj.metadata.namespace;
      return;
    }
    const namespace = obj.metadata.namespace ?? 'default';
    obj.metadata.namespace = namespace;
  }

  private generateName(resource: string, namespace: string, prefix: string): string {
    // Mirrors apiserver/pkg/storage/names: the prefix is cut to 58 characters, then 5 random ones.
    const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
    for (;;) {
      const name = base + this.options.random.string(5, NAME_ALPHABET);
      if (!this.store.get(resource, namespace, name)) return name;
    }
  }

  private newUid(): string {
    const hex = (n: number): string => {
      let out = '';
      for (let i = 0; i < n; i++) out += this.options.random.int(16).toString(16);
      return out;
    };
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[this.options.random.int(4)] ?? '8'}${hex(3)}-${hex(12)}`;
  }

  private strategyFor(resource: string): ResourceStrategy {
    return this.strategies.get(resource) ?? plainStrategy;
  }

  private runAdmission(
    operation: 'CREATE' | 'UPDATE',
    resource: string,
    obj: KubeObject,
    old?: KubeObject,
  ): void {
    const namespace = obj.metadata.namespace ?? '';
    for (const plugin of this.admissionPlugins) {
      plugin.admit?.(
        { operation, resource, namespace, object: obj, ...(old ? { oldObject: old } : {}) },
        this.reader,
      );
    }
  }

  private runValidatingAdmission(
    operation: 'CREATE' | 'UPDATE',
    resource: string,
    obj: KubeObject,
    old?: KubeObject,
  ): void {
    const namespace = obj.metadata.namespace ?? '';
    for (const plugin of this.admissionPlugins) {
      plugin.validate?.(
        { operation, resource, namespace, object: obj, ...(old ? { oldObject: old } : {}) },
        this.reader,
      );
    }
  }
}

/** Metadata finalizers, and for namespaces the `kubernetes` finalizer in spec. */
function hasPendingFinalizers(obj: KubeObject): boolean {
  if ((obj.metadata.finalizers ?? []).length > 0) return true;
  return (
    obj.kind === 'Namespace' &&
    ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length > 0
  );
}

/** Kinds whose objects carry a generation (they have a spec the controllers act on). */
function hasSpec(obj: KubeObject): boolean {
  return 'spec' in obj;
}

function withoutMetaAndStatus(obj: KubeObject): Record<string, unknown> {
  const { metadata: _metadata, status: _status, ...rest } = obj;
  return rest;
}

function compareByNamespacedName(a: KubeObject, b: KubeObject): number {
  const an0 = a.metadata.namespace ?? '';
  const bn0 = b.metadata.namespace ?? '';
  if (an0 !== bn0) return an0 < bn0 ? -1 : 1;
  const an = a.metadata.name ?? '';
  const bn = b.metadata.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

export { RESOURCE_TYPES };
