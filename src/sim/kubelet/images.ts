/**
 * What the simulated registries hold. Known images pull with their real compressed sizes; images
 * the catalog does not know pull fine with a typical size, so learners' own images work.
 * TODO(#4): the full catalog with real tags, entrypoints and failing pulls for unknown tags.
 */
export interface ImageInfo {
  readonly sizeBytes: number;
}

const KNOWN: Record<string, number> = {
  'docker.io/library/nginx': 72_188_133,
  'docker.io/library/httpd': 58_117_120,
  'docker.io/library/busybox': 2_166_802,
  'docker.io/library/alpine': 3_641_893,
  'docker.io/library/redis': 45_960_220,
  'docker.io/library/postgres': 157_871_504,
  'docker.io/library/mysql': 176_245_121,
  'registry.k8s.io/pause': 320_368,
  'registry.k8s.io/etcd': 57_680_541,
  'registry.k8s.io/kube-apiserver': 28_671_624,
  'registry.k8s.io/kube-controller-manager': 26_259_392,
  'registry.k8s.io/kube-scheduler': 20_657_536,
  'registry.k8s.io/kube-proxy': 30_908_048,
  'registry.k8s.io/coredns/coredns': 18_562_039,
};

const DEFAULT_SIZE = 50_000_000;

/** `nginx` → `docker.io/library/nginx:latest`, as containerd reports image references. */
export function normalizeImage(image: string): string {
  const [nameWithTag = image, digest] = image.split('@');
  const lastSlash = nameWithTag.lastIndexOf('/');
  const colon = nameWithTag.lastIndexOf(':');
  const hasTag = colon > lastSlash;
  let name = hasTag ? nameWithTag.slice(0, colon) : nameWithTag;
  const tag = hasTag ? nameWithTag.slice(colon + 1) : 'latest';
  const firstPart = name.split('/')[0] ?? '';
  const hasRegistry =
    name.includes('/') &&
    (firstPart.includes('.') || firstPart.includes(':') || firstPart === 'localhost');
  if (!hasRegistry) name = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return digest ? `${name}@${digest}` : `${name}:${tag}`;
}

export function repositoryOf(normalized: string): string {
  const at = normalized.indexOf('@');
  if (at >= 0) return normalized.slice(0, at);
  const colon = normalized.lastIndexOf(':');
  return colon > normalized.lastIndexOf('/') ? normalized.slice(0, colon) : normalized;
}

export function imageInfo(image: string): ImageInfo {
  return { sizeBytes: KNOWN[repositoryOf(normalizeImage(image))] ?? DEFAULT_SIZE };
}

/** Registry pull time: a fixed round trip plus transfer at a typical 40 MB/s. */
export function pullDurationMs(sizeBytes: number): number {
  return 300 + Math.round(sizeBytes / 40_000);
}

/** Go's time.Duration.String for millisecond values: `500ms`, `1.234s`, `2m3.5s`. */
export function formatGoDuration(ms: number): string {
  if (ms < 1000) return `${String(ms)}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms % 60_000) / 1000;
  const secText = `${String(Number(seconds.toFixed(3)))}s`;
  return minutes > 0 ? `${String(minutes)}m${secText}` : secText;
}
