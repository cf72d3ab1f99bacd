/**
 * The lessons UI, for the app shell to mount. See the lesson slice (src/store/lessonSlice.ts) for
 * the store it reads: createLessonStore({ files: BUNDLED_LESSON_FILES, playground, startPlayground }).
 */
export { LessonPanel } from './LessonPanel.tsx';
export { TrackList } from './TrackList.tsx';
export { BUNDLED_LESSON_FILES, onLessonFilesChanged } from './bundledLessons.ts';
export { formatLessonHash, parseLessonHash, type LessonLink } from './deepLink.ts';
