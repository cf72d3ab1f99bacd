/**
 * Keeps `#/lessons/<track>/<lesson>/<step>` and the open lesson in step: opening a link opens the
 * lesson at that step, and moving through the lesson updates the address (without adding history
 * entries). Hashes that are not lesson links belong to other features and are left alone.
 */
import { useEffect } from 'react';
import type { LessonStore } from '../../store/lessonSlice.ts';
import { formatLessonHash, parseLessonHash } from './deepLink.ts';

export function useLessonDeepLink(store: LessonStore): void {
  useEffect(() => {
    const follow = (): void => {
      const link = parseLessonHash(window.location.hash);
      if (!link) return;
      const { actions } = store.getState();
      if (link.track !== undefined && link.lesson !== undefined)
        actions.openLesson(link.track, link.lesson, link.step);
      else actions.closeLesson();
    };
    follow();
    window.addEventListener('hashchange', follow);
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.current === prev.current && state.step === prev.step) return;
      const hash = window.location.hash;
      if (hash !== '' && parseLessonHash(hash) === undefined) return;
      const next = formatLessonHash(state.current ? { ...state.current, step: state.step } : {});
      if (next !== hash) window.history.replaceState(null, '', next);
    });
    return () => {
      window.removeEventListener('hashchange', follow);
      unsubscribe();
    };
  }, [store]);
}
