/**
 * Deep links into lessons, so an instructor can send a class to one place:
 * `#/lessons`, `#/lessons/<track>`, `#/lessons/<track>/<lesson>`, `#/lessons/<track>/<lesson>/<step>`.
 * Step 0 is the lesson's introduction. Pure functions, unit-tested.
 */
export interface LessonLink {
  readonly track?: string;
  readonly lesson?: string;
  readonly step?: number;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The link a hash names, or undefined when the hash is not a lessons link (or is malformed). */
export function parseLessonHash(hash: string): LessonLink | undefined {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  const parts = path.split('/');
  if (parts[0] !== '' || parts[1] !== 'lessons' || parts.length > 5) return undefined;
  let decoded: string[];
  try {
    decoded = parts.slice(2).map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
  const [track, lesson, step] = decoded;
  if (track !== undefined && !SLUG.test(track)) return undefined;
  if (lesson !== undefined && !SLUG.test(lesson)) return undefined;
  if (step !== undefined && !/^\d{1,3}$/.test(step)) return undefined;
  return {
    ...(track !== undefined ? { track } : {}),
    ...(lesson !== undefined ? { lesson } : {}),
    ...(step !== undefined ? { step: Number(step) } : {}),
  };
}

export function formatLessonHash(link: LessonLink): string {
  let hash = '#/lessons';
  if (link.track === undefined) return hash;
  hash += `/${link.track}`;
  if (link.lesson === undefined) return hash;
  hash += `/${link.lesson}`;
  return link.step === undefined ? hash : `${hash}/${String(link.step)}`;
}
