/**
 * Lesson files to tracks. Files come from the caller (node:fs in the CLI, import.meta.glob in the
 * browser), keyed by their path under the repository: `lessons/<track>/track.md` describes a track,
 * every other `lessons/<track>/*.md` is a lesson. `lessons/README.md` (the guide) is skipped.
 */
import { Fields, LessonError } from './lessonError.ts';
import { parseLesson, splitFrontMatter } from './parseLesson.ts';
import type { Lesson, Track } from './types.ts';

export interface LessonFile {
  /** Path with `/` separators, e.g. `lessons/basics/01-why-orchestration.md`. */
  readonly path: string;
  readonly text: string;
}

const TRACK_FILE = 'track.md';

function folderOf(path: string): string | undefined {
  const parts = path.split('/');
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
}

function parseTrack(file: LessonFile, id: string): Omit<Track, 'lessons'> {
  const fail = (reason: string): never => {
    throw new LessonError(file.path, 'front matter', reason);
  };
  const { frontMatter, body } = splitFrontMatter(file.text, fail);
  const f = Fields.of(frontMatter, 'the front matter', fail);
  const track = { id, title: f.requiredString('title'), order: f.number('order') ?? 0 };
  f.done();
  return { ...track, description: body.trim() };
}

/** Parses every file; throws the first LessonError (use `parseAll` to collect every error). */
export function loadTracks(files: readonly LessonFile[]): Track[] {
  const { tracks, errors } = parseAll(files);
  const first = errors[0];
  if (first) throw first;
  return tracks;
}

export function parseAll(files: readonly LessonFile[]): { tracks: Track[]; errors: LessonError[] } {
  const errors: LessonError[] = [];
  const meta = new Map<string, Omit<Track, 'lessons'>>();
  const lessons: Lesson[] = [];
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const name = file.path.split('/').at(-1) ?? '';
    const folder = folderOf(file.path);
    if (name.toLowerCase() === 'readme.md' || folder === undefined) continue;
    try {
      if (name === TRACK_FILE) meta.set(folder, parseTrack(file, folder));
      else {
        const lesson = parseLesson(file.text, file.path);
        if (lesson.track !== folder)
          throw new LessonError(
            file.path,
            'front matter',
            `track "${lesson.track}" must match the folder the lesson is in ("${folder}")`,
          );
        lessons.push(lesson);
      }
    } catch (error) {
      if (error instanceof LessonError) errors.push(error);
      else throw error;
    }
  }
  const tracks: Track[] = [];
  for (const [id, track] of meta) {
    const own = lessons.filter((l) => l.track === id).sort((a, b) => a.order - b.order);
    const seen = new Map<string, string>();
    for (const lesson of own) {
      const other = seen.get(lesson.id);
      if (other)
        errors.push(
          new LessonError(
            lesson.source,
            'front matter',
            `id "${lesson.id}" is also used by ${other}`,
          ),
        );
      seen.set(lesson.id, lesson.source);
    }
    tracks.push({ ...track, lessons: own });
  }
  for (const lesson of lessons)
    if (!meta.has(lesson.track))
      errors.push(
        new LessonError(
          lesson.source,
          'front matter',
          `track "${lesson.track}" has no lessons/${lesson.track}/${TRACK_FILE} (title and order of the track)`,
        ),
      );
  tracks.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  return { tracks, errors };
}
