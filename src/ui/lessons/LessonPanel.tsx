/**
 * The lesson beside the playground: introduction, one step at a time with its live checks, hints
 * revealed one by one, the solution, and the finish. Without an open lesson it shows the tracks.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CheckResult, Lesson, Step } from '../../lesson-engine/index.ts';
import {
  selectCurrentLesson,
  type LessonState,
  type LessonStore,
} from '../../store/lessonSlice.ts';
import { onLessonFilesChanged } from './bundledLessons.ts';
import { renderMarkdown } from './markdown.ts';
import { splitSegments } from './segments.ts';
import { TrackList } from './TrackList.tsx';
import { useLessonDeepLink } from './useLessonDeepLink.ts';
import './lessons.css';

const selectStep = (s: LessonState) => s.step;
const selectResults = (s: LessonState) => s.results;
const selectSolutionShown = (s: LessonState) => s.solutionShown;
const selectActions = (s: LessonState) => s.actions;
const selectProgressMap = (s: LessonState) => s.progress;

function Markdown(props: { readonly text: string }): ReactNode {
  // renderMarkdown sanitizes with DOMPurify; lesson files never reach the DOM unsanitized.
  return (
    <div
      className="lesson-prose"
      dangerouslySetInnerHTML={{ __html: renderMarkdown(props.text) }}
    />
  );
}

function StepBody(props: { readonly step: Step; readonly store: LessonStore }): ReactNode {
  const actions = useStore(props.store, selectActions);
  return (
    <>
      {splitSegments(props.step.body).map((segment, i) =>
        segment.kind === 'markdown' ? (
          <Markdown key={i} text={segment.text} />
        ) : (
          <figure key={i} className="lesson-snippet">
            <figcaption>
              <code>{segment.file}</code>
              <button
                type="button"
                onClick={() => {
                  actions.insertSnippet(segment);
                }}
              >
                Insert into editor
              </button>
            </figcaption>
            <pre>
              <code>{segment.text}</code>
            </pre>
          </figure>
        ),
      )}
    </>
  );
}

function Checks(props: { readonly checks: readonly CheckResult[] }): ReactNode {
  return (
    <ul className="lesson-checks" aria-label="Checks">
      {props.checks.map((check) => (
        <li key={check.title} className={check.passed ? 'lesson-check-pass' : 'lesson-check-fail'}>
          <span aria-hidden="true">{check.passed ? '✓' : '○'}</span>{' '}
          <span className="visually-hidden">{check.passed ? 'Done: ' : 'Not yet: '}</span>
          {check.title}
          {!check.passed && check.message && (
            <p className="lesson-check-message">{check.message}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

function Hints(props: {
  readonly step: Step;
  readonly store: LessonStore;
  readonly lessonKey: string;
}) {
  const progress = useStore(props.store, selectProgressMap);
  const actions = useStore(props.store, selectActions);
  const shown = progress[props.lessonKey]?.hints[String(props.step.number)] ?? 0;
  if (props.step.hints.length === 0) return null;
  return (
    <div className="lesson-hints">
      {shown > 0 && (
        <ol aria-label="Hints">
          {props.step.hints.slice(0, shown).map((hint) => (
            <li key={hint}>
              <Markdown text={hint} />
            </li>
          ))}
        </ol>
      )}
      {shown < props.step.hints.length && (
        <button type="button" onClick={actions.revealHint}>
          {`${shown === 0 ? 'Show a hint' : 'Show another hint'} (${String(shown + 1)} of ${String(props.step.hints.length)})`}
        </button>
      )}
    </div>
  );
}

function Solution(props: { readonly step: Step; readonly store: LessonStore }): ReactNode {
  const shown = useStore(props.store, selectSolutionShown);
  const actions = useStore(props.store, selectActions);
  return (
    <div className="lesson-solution">
      {shown ? (
        <pre aria-label="Solution">
          <code>{props.step.solution}</code>
        </pre>
      ) : (
        <button type="button" onClick={actions.showSolution}>
          Show solution
        </button>
      )}
      <button type="button" onClick={actions.runSolution}>
        Run solution
      </button>
    </div>
  );
}

function StepView(props: {
  readonly lesson: Lesson;
  readonly step: Step;
  readonly store: LessonStore;
}) {
  const results = useStore(props.store, selectResults);
  const key = `${props.lesson.track}/${props.lesson.id}`;
  return (
    <article className="lesson-step" aria-labelledby="lesson-step-title">
      <h3 id="lesson-step-title">{`Step ${String(props.step.number)}: ${props.step.title}`}</h3>
      <StepBody step={props.step} store={props.store} />
      {results && <Checks checks={results.checks} />}
      <p className="lesson-step-status" role="status">
        {results?.complete ? 'Step complete.' : ''}
      </p>
      <Hints step={props.step} store={props.store} lessonKey={key} />
      <Solution step={props.step} store={props.store} />
    </article>
  );
}

function Intro(props: { readonly lesson: Lesson }): ReactNode {
  return (
    <article className="lesson-intro">
      <p className="lesson-meta">About {props.lesson.estimatedMinutes} minutes</p>
      <h3>You will</h3>
      <ul>
        {props.lesson.objectives.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
      <Markdown text={props.lesson.intro} />
    </article>
  );
}

function Navigation(props: { readonly lesson: Lesson; readonly store: LessonStore }): ReactNode {
  const step = useStore(props.store, selectStep);
  const results = useStore(props.store, selectResults);
  const actions = useStore(props.store, selectActions);
  const last = props.lesson.steps.length + 1;
  return (
    <div className="lesson-nav">
      <button
        type="button"
        disabled={step === 0}
        onClick={() => {
          actions.goToStep(step - 1);
        }}
      >
        Back
      </button>
      <span>
        {step === 0
          ? 'Introduction'
          : step === last
            ? 'Finish'
            : `Step ${String(step)} of ${String(last - 1)}`}
      </span>
      <button
        type="button"
        disabled={step === last}
        className={results?.complete || step === 0 ? 'lesson-next-ready' : ''}
        onClick={() => {
          actions.goToStep(step + 1);
        }}
      >
        {step === 0 ? 'Start' : 'Next'}
      </button>
    </div>
  );
}

function StepList(props: { readonly lesson: Lesson; readonly store: LessonStore }): ReactNode {
  const step = useStore(props.store, selectStep);
  const progress = useStore(props.store, selectProgressMap);
  const actions = useStore(props.store, selectActions);
  const done = progress[`${props.lesson.track}/${props.lesson.id}`]?.completed ?? [];
  return (
    <ol className="lesson-step-list" aria-label="Steps">
      {props.lesson.steps.map((s) => (
        <li key={s.number}>
          <button
            type="button"
            aria-current={s.number === step ? 'step' : undefined}
            onClick={() => {
              actions.goToStep(s.number);
            }}
          >
            <span aria-hidden="true">{done.includes(s.number) ? '✓' : String(s.number)}</span>
            <span className="visually-hidden">
              {`Step ${String(s.number)}${done.includes(s.number) ? ', complete' : ''}: `}
            </span>
            {s.title}
          </button>
        </li>
      ))}
    </ol>
  );
}

/** Mount beside the playground: `<LessonPanel store={lessonStore} />`. */
export function LessonPanel(props: { readonly store: LessonStore }): ReactNode {
  const lesson = useStore(props.store, selectCurrentLesson);
  const step = useStore(props.store, selectStep);
  const actions = useStore(props.store, selectActions);
  const [confirmReset, setConfirmReset] = useState(false);
  useLessonDeepLink(props.store);
  // In `npm run dev`, edited lesson files show up without a reload.
  useEffect(
    () =>
      onLessonFilesChanged((files) => {
        props.store.getState().actions.reloadFiles(files);
      }),
    [props.store],
  );

  if (!lesson) return <TrackList store={props.store} />;
  const current = lesson.steps[step - 1];
  return (
    <section className="lesson-panel" aria-labelledby="lesson-title">
      <header className="lesson-header">
        <button type="button" className="lesson-back" onClick={actions.closeLesson}>
          All lessons
        </button>
        <h2 id="lesson-title">{lesson.title}</h2>
      </header>
      <StepList lesson={lesson} store={props.store} />
      <Navigation lesson={lesson} store={props.store} />
      {step === 0 && <Intro lesson={lesson} />}
      {current && <StepView lesson={lesson} step={current} store={props.store} />}
      {step > lesson.steps.length && (
        <article className="lesson-finish">
          <Markdown text={lesson.finish || '## Done\n\nYou finished this lesson.'} />
        </article>
      )}
      <footer className="lesson-footer">
        {confirmReset ? (
          <>
            <span>Start again on a fresh cluster?</span>
            <button
              type="button"
              onClick={() => {
                setConfirmReset(false);
                actions.resetLesson();
              }}
            >
              Reset lesson
            </button>
            <button
              type="button"
              onClick={() => {
                setConfirmReset(false);
              }}
            >
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            onClick={() => {
              setConfirmReset(true);
            }}
          >
            Reset lesson…
          </button>
        )}
      </footer>
    </section>
  );
}
