/** The lesson tracks with each lesson's progress; opening a lesson, and exporting/importing progress. */
import { useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { LessonState, LessonStore } from '../../store/lessonSlice.ts';
import './lessons.css';

const selectTracks = (s: LessonState) => s.tracks;
const selectProgress = (s: LessonState) => s.progress;
const selectErrors = (s: LessonState) => s.loadErrors;
const selectActions = (s: LessonState) => s.actions;

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export function TrackList(props: { readonly store: LessonStore }): ReactNode {
  const tracks = useStore(props.store, selectTracks);
  const progress = useStore(props.store, selectProgress);
  const errors = useStore(props.store, selectErrors);
  const actions = useStore(props.store, selectActions);
  const fileInput = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState('');

  const onImport = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    void file.text().then((text) => {
      setNotice(actions.importProgress(text) ?? `Progress imported from ${file.name}.`);
    });
    e.target.value = '';
  };

  return (
    <nav className="lesson-tracks" aria-label="Lesson tracks">
      {errors.length > 0 && (
        <div className="lesson-errors" role="alert">
          <p>Some lesson files could not be read:</p>
          <ul>
            {errors.map((error) => (
              <li key={error}>
                <code>{error}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {tracks.map((track) => (
        <section key={track.id} className="lesson-track" aria-labelledby={`track-${track.id}`}>
          <h2 id={`track-${track.id}`}>{track.title}</h2>
          {track.description && <p className="lesson-track-description">{track.description}</p>}
          <ol className="lesson-track-lessons">
            {track.lessons.map((lesson) => {
              const done = progress[`${track.id}/${lesson.id}`]?.completed.length ?? 0;
              const total = lesson.steps.length;
              return (
                <li key={lesson.id}>
                  <a
                    className="lesson-link"
                    href={`#/lessons/${track.id}/${lesson.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      actions.openLesson(track.id, lesson.id);
                    }}
                  >
                    <span className="lesson-link-title">{lesson.title}</span>
                    <span className="lesson-link-meta">
                      {lesson.estimatedMinutes} min ·{' '}
                      {done === total ? 'complete' : `${String(done)} of ${String(total)} steps`}
                    </span>
                    <progress max={total} value={done} aria-label={`${lesson.title} progress`} />
                  </a>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      <div className="lesson-progress-files">
        <button
          type="button"
          onClick={() => {
            download('kubeplay-progress.json', actions.exportProgress());
          }}
        >
          Export progress
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import progress
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label="Progress file to import"
          onChange={onImport}
        />
        <p role="status" className="lesson-notice">
          {notice}
        </p>
      </div>
    </nav>
  );
}
