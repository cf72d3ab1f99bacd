/** The lesson engine's public surface: parse lesson files, evaluate checks, verify lessons. */
export { parseLesson } from './parseLesson.ts';
export { loadTracks, parseAll } from './loadTracks.ts';
export type { LessonFile } from './loadTracks.ts';
export { LessonError } from './lessonError.ts';
export { evaluateCheck } from './evaluateCheck.ts';
export type { CheckContext } from './evaluateCheck.ts';
export { LessonSession, checkContext, evaluateStep, setupCommands } from './session.ts';
export type { SetupCommand } from './session.ts';
export { checkLesson } from './checkLessons.ts';
export type { StepVerdict } from './checkLessons.ts';
export type * from './types.ts';
