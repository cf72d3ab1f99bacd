/**
 * ImageLocality: favours nodes that already hold the pod's images, weighted by image size and by
 * how widely the image has spread (to avoid piling pods on the one node that has it). Mirrors
 * plugins/imagelocality/image_locality.go. Like upstream, names are matched exactly after adding
 * `:latest` to untagged images: `nginx:1.27` in a pod does not match the
 * `docker.io/library/nginx:1.27` a kubelet reports (upstream's own TODO in normalizedImageName).
 */
import {
  MAX_NODE_SCORE,
  SUCCESS,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interfaces.ts';
import { ImageLocality } from '../names.ts';

const MB = 1024 * 1024;
/** Below this sum every node scores 0 (minThreshold). */
export const MIN_THRESHOLD = 23 * MB;
/** Per container, the sum at which a node scores 100 (maxContainerThreshold). */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;
const PRESCORE_KEY = 'PreScore' + ImageLocality;

interface ImageLocalityState {
  readonly images: readonly string[];
  readonly totalNodes: number;
  readonly spread: Map<string, number>;
}

export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export function calculatePriority(sumScores: number, numContainers: number): number {
  const max = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = sumScores < MIN_THRESHOLD ? MIN_THRESHOLD : sumScores > max ? max : sumScores;
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}

export const imageLocality = {
  name: ImageLocality,
  preScore(state, pod, _nodes, snapshot) {
    const spec = pod.pod.spec;
    const images = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) =>
      normalizedImageName(c.image ?? ''),
    );
    const spread = new Map<string, number>();
    for (const image of images) spread.set(image, snapshot.imageNodeCount(image));
    const value: ImageLocalityState = {
      images,
      totalNodes: snapshot.nodeInfos.length,
      spread,
    };
    state.write(PRESCORE_KEY, value);
    return SUCCESS;
  },
  score(state, _pod, nodeInfo) {
    const s = state.read<ImageLocalityState>(PRESCORE_KEY);
    if (!s || s.images.length === 0) return 0;
    let sum = 0;
    if (nodeInfo.imageSizes.size > 0) {
      for (const image of s.images) {
        const size = nodeInfo.imageSizes.get(image);
        if (size === undefined) continue;
        // scaledImageScore: size × (nodes with the image / all nodes), truncated to an integer.
        sum += Math.trunc(size * ((s.spread.get(image) ?? 0) / s.totalNodes));
      }
    }
    return calculatePriority(sum, s.images.length);
  },
} satisfies PreScorePlugin & ScorePlugin;
