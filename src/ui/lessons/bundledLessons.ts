/**
 * The lesson files, bundled at build time (so they ship in the static site) with Vite's
 * import.meta.glob. Browser-only: the CLI reads the same files from disk.
 */
import type { LessonFile } from '../../lesson-engine/index.ts';

const raw = import.meta.glob<string>('/lessons/**/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function toFiles(modules: Readonly<Record<string, string>>): LessonFile[] {
  return Object.entries(modules).map(([path, text]) => ({ path: path.replace(/^\//, ''), text }));
}

export const BUNDLED_LESSON_FILES: readonly LessonFile[] = toFiles(raw);

type FilesListener = (files: readonly LessonFile[]) => void;
const listeners = new Set<FilesListener>();

/** Development: calls `listener` with the new files when a lesson file is added or edited. */
export function onLessonFilesChanged(listener: FilesListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (import.meta.hot) {
  // The new module instance brings the new files; the listeners live in this (old) instance.
  import.meta.hot.accept((next) => {
    const files = (next as { BUNDLED_LESSON_FILES?: readonly LessonFile[] } | undefined)
      ?.BUNDLED_LESSON_FILES;
    if (files) for (const listener of listeners) listener(files);
  });
}
