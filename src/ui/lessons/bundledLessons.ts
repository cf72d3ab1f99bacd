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
