/**
 * What the simulated registries hold. Well-known repositories know their real tags, so a typo such
 * as `nginx:1.161` fails to pull as it would from Docker Hub; repositories the catalog does not
 * know pull fine with a typical size, so learners' own images work.
 */
export interface ImageInfo {
  readonly sizeBytes: number;
}

interface CatalogEntry {
  readonly sizeBytes: number;
  /**
   * Tags the registry has. A tag matches when its part before any `-variant` equals one of these,
   * or is a patch release of a `major.minor` one (so `1.27` admits `1.27.3`, `1.27-alpine`,
   * `1.27.3-bookworm`, but `1.161` matches nothing).
   * Undefined: every tag exists (images we do not model closely).
   */
  readonly tags?: readonly string[];
}

const COMMON_TAGS = ['latest', 'stable', 'alpine', 'bookworm', 'bullseye', 'slim'];

const CATALOG: Record<string, CatalogEntry> = {
  'docker.io/library/nginx': {
    sizeBytes: 72_188_133,
    tags: [
      ...COMMON_TAGS,
      'mainline',
      'perl',
      '1.14',
      '1.15',
      '1.16',
      '1.17',
      '1.18',
      '1.19',
      '1.20',
      '1.21',
      '1.22',
      '1.23',
      '1.24',
      '1.25',
      '1.26',
      '1.27',
      '1.28',
      '1.29',
      '1',
    ],
  },
  'docker.io/library/httpd': {
    sizeBytes: 58_117_120,
    tags: [...COMMON_TAGS, '2.4', '2', '2.2'],
  },
  'docker.io/library/busybox': {
    sizeBytes: 2_166_802,
    tags: [
      ...COMMON_TAGS,
      'musl',
      'glibc',
      'uclibc',
      '1.28',
      '1.29',
      '1.30',
      '1.31',
      '1.32',
      '1.33',
      '1.34',
      '1.35',
      '1.36',
      '1.37',
      '1',
    ],
  },
  'docker.io/library/alpine': {
    sizeBytes: 3_641_893,
    tags: [
      'latest',
      'edge',
      '3',
      '3.12',
      '3.13',
      '3.14',
      '3.15',
      '3.16',
      '3.17',
      '3.18',
      '3.19',
      '3.20',
      '3.21',
      '3.22',
    ],
  },
  'docker.io/library/redis': {
    sizeBytes: 45_960_220,
    tags: [...COMMON_TAGS, '5', '6', '6.0', '6.2', '7', '7.0', '7.2', '7.4', '8', '8.0'],
  },
  'docker.io/library/postgres': {
    sizeBytes: 157_871_504,
    tags: [...COMMON_TAGS, '12', '13', '14', '15', '16', '17'],
  },
  'docker.io/library/mysql': {
    sizeBytes: 176_245_121,
    tags: [...COMMON_TAGS, 'lts', 'oracle', 'debian', '5.7', '8', '8.0', '8.4', '9', '9.0', '9.1'],
  },
  'docker.io/library/mongo': {
    sizeBytes: 295_419_211,
    tags: [...COMMON_TAGS, '4', '4.4', '5', '5.0', '6', '6.0', '7', '7.0', '8', '8.0'],
  },
  'docker.io/library/node': {
    sizeBytes: 398_510_211,
    tags: [...COMMON_TAGS, 'lts', 'current', '16', '18', '20', '22', '23', '24'],
  },
  'docker.io/library/python': {
    sizeBytes: 388_710_811,
    tags: [...COMMON_TAGS, '3', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13'],
  },
  'docker.io/library/perl': {
    sizeBytes: 341_230_104,
    tags: [...COMMON_TAGS, '5', '5.34', '5.36', '5.38', '5.40'],
  },
  'docker.io/library/ubuntu': {
    sizeBytes: 29_754_422,
    tags: ['latest', 'rolling', 'jammy', 'noble', '20.04', '22.04', '24.04', '24.10', '25.04'],
  },
  'docker.io/library/debian': {
    sizeBytes: 48_480_000,
    tags: [...COMMON_TAGS, '11', '12', '13'],
  },
  'docker.io/library/registry': { sizeBytes: 9_370_000, tags: ['latest', '2', '2.8', '3'] },
  'docker.io/fluent/fluentd': { sizeBytes: 47_000_000 },
  'docker.io/fluent/fluentd-kubernetes-daemonset': { sizeBytes: 190_000_000 },
  'docker.io/polinux/stress': { sizeBytes: 4_092_000, tags: ['latest', '1.0.4'] },
  'docker.io/hashicorp/http-echo': { sizeBytes: 3_230_000, tags: ['latest', '0.2.3', '1.0'] },
  'registry.k8s.io/hpa-example': { sizeBytes: 180_000_000, tags: ['latest'] },
  'registry.k8s.io/nginx-slim': {
    sizeBytes: 8_280_000,
    tags: ['0.8', '0.20', '0.21', '0.26', '0.27'],
  },
  'registry.k8s.io/e2e-test-images/agnhost': {
    sizeBytes: 51_000_000,
    tags: ['2.39', '2.40', '2.43', '2.45', '2.47', '2.48', '2.52', '2.53'],
  },
  'registry.k8s.io/busybox': { sizeBytes: 1_144_547, tags: ['latest', '1.24'] },
  'registry.k8s.io/pause': { sizeBytes: 320_368 },
  'registry.k8s.io/etcd': { sizeBytes: 57_680_541 },
  'registry.k8s.io/kube-apiserver': { sizeBytes: 28_671_624 },
  'registry.k8s.io/kube-controller-manager': { sizeBytes: 26_259_392 },
  'registry.k8s.io/kube-scheduler': { sizeBytes: 20_657_536 },
  'registry.k8s.io/kube-proxy': { sizeBytes: 30_908_048 },
  'registry.k8s.io/coredns/coredns': { sizeBytes: 18_562_039 },
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

export function tagOf(normalized: string): string | undefined {
  if (normalized.includes('@')) return undefined;
  const colon = normalized.lastIndexOf(':');
  return colon > normalized.lastIndexOf('/') ? normalized.slice(colon + 1) : undefined;
}

/** Short repository name (`nginx`, `busybox`, `agnhost`) that selects an image's behaviour. */
export function imageBaseName(image: string): string {
  const repo = repositoryOf(normalizeImage(image));
  return repo.slice(repo.lastIndexOf('/') + 1);
}

export function imageInfo(image: string): ImageInfo {
  return { sizeBytes: CATALOG[repositoryOf(normalizeImage(image))]?.sizeBytes ?? DEFAULT_SIZE };
}

const REFERENCE =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** False for references containerd cannot parse (upper case, spaces, …): InvalidImageName. */
export function isValidReference(image: string): boolean {
  return REFERENCE.test(image);
}

/** Why a pull fails, in containerd's words, or undefined when the registry has the image. */
export function pullError(image: string): string | undefined {
  const normalized = normalizeImage(image);
  const entry = CATALOG[repositoryOf(normalized)];
  const tag = tagOf(normalized);
  if (!entry?.tags || tag === undefined) return undefined;
  // `1.27-alpine` → `1.27`; a `major.minor` tag also admits its patch releases (`1.27.3`).
  const base = tag.split('-')[0] ?? tag;
  const known = entry.tags.some(
    (t) =>
      base === t ||
      (/^\d+\.\d+$/.test(t) && base.startsWith(`${t}.`) && /^\d+$/.test(base.slice(t.length + 1))),
  );
  if (known) return undefined;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${normalized}": failed to resolve reference "${normalized}": ${normalized}: not found`;
}

/** Registry pull time: a fixed round trip plus transfer at a typical 40 MB/s. */
export function pullDurationMs(sizeBytes: number): number {
  return 300 + Math.round(sizeBytes / 40_000);
}

/** How long a registry takes to answer that a tag does not exist. */
export const PULL_NOT_FOUND_MS = 900;

/** Go's time.Duration.String for millisecond values: `500ms`, `1.234s`, `2m3.5s`. */
export function formatGoDuration(ms: number): string {
  if (ms < 1000) return `${String(ms)}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms % 60_000) / 1000;
  const secText = `${String(Number(seconds.toFixed(3)))}s`;
  return minutes > 0 ? `${String(minutes)}m${secText}` : secText;
}
