/**
 * The Lessons tab, loaded lazily (lesson files, Markdown and sanitizer stay out of the first
 * load). One lesson store for the page: it outlives playground swaps, since starting a lesson
 * builds a fresh cluster that the host wraps in a new playground.
 */
import { useContext, type ReactNode } from 'react';
import { createLessonStore, type LessonStore } from '../../store/lessonSlice.ts';
import { usePlaygroundStore } from '../../store/index.ts';
import { BUNDLED_LESSON_FILES } from '../lessons/bundledLessons.ts';
import { LessonPanel } from '../lessons/LessonPanel.tsx';
import { PlaygroundHostContext } from './PlaygroundHost.tsx';

let lessonStore: LessonStore | undefined;

export default function LessonsTab(): ReactNode {
  const host = useContext(PlaygroundHostContext);
  const playground = usePlaygroundStore();
  lessonStore ??= createLessonStore({
    files: BUNDLED_LESSON_FILES,
    playground,
    ...(host ? { startPlayground: (cluster) => host.swap(cluster) } : {}),
  });
  return <LessonPanel store={lessonStore} />;
}
