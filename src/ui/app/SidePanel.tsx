/** The tabbed side area: Terminal, Events, Inspector. Every panel stays mounted (the terminal keeps its scrollback). */
import { lazy, Suspense, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { usePlayground, type PlaygroundState } from '../../store/index.ts';
import { EventsPanel } from '../events/EventsPanel.tsx';
import { InspectorPanel } from '../inspector/InspectorPanel.tsx';
import { TerminalPanel } from '../terminal/TerminalPanel.tsx';

const TABS = ['Terminal', 'Events', 'Inspector', 'Lessons'] as const;
const LessonsTab = lazy(() => import('./LessonsTab.tsx'));

function initialTab(): Tab {
  return window.location.hash.startsWith('#/lessons') ? 'Lessons' : 'Terminal';
}
type Tab = (typeof TABS)[number];
const selectSelection = (s: PlaygroundState) => s.selection;

export function SidePanel(): ReactNode {
  const [tab, setTab] = useState<Tab>(initialTab);
  // The Lessons tab loads on first use and then stays mounted.
  const [lessonsOpened, setLessonsOpened] = useState(() => initialTab() === 'Lessons');
  if (tab === 'Lessons' && !lessonsOpened) setLessonsOpened(true);
  const selection = usePlayground(selectSelection);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  // Selecting something in the cluster view opens the Inspector (state adjusted during render).
  const [shownSelection, setShownSelection] = useState(selection);
  if (selection !== shownSelection) {
    setShownSelection(selection);
    if (selection) setTab('Inspector');
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const index = TABS.indexOf(tab);
    let next: Tab | undefined;
    if (e.key === 'ArrowRight') next = TABS[(index + 1) % TABS.length];
    if (e.key === 'ArrowLeft') next = TABS[(index + TABS.length - 1) % TABS.length];
    if (!next) return;
    e.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <section className="side-panel" aria-label="Terminal, events, inspector and lessons">
      {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus -- the tabs inside are focusable. */}
      <div className="side-tabs" role="tablist" aria-label="Side panel" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t}
            ref={(el) => {
              tabRefs.current[t] = el;
            }}
            type="button"
            role="tab"
            id={`side-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`side-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            className="side-tab"
            onClick={() => {
              setTab(t);
            }}
          >
            {t}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div
          key={t}
          role="tabpanel"
          id={`side-panel-${t}`}
          aria-labelledby={`side-tab-${t}`}
          className={`side-body side-body-${t.toLowerCase()}`}
          hidden={tab !== t}
        >
          {t === 'Terminal' && <TerminalPanel active={tab === 'Terminal'} />}
          {/* Events and Inspector render only while shown: hidden tables would re-render every tick. */}
          {t === 'Events' && tab === 'Events' && <EventsPanel />}
          {t === 'Inspector' && tab === 'Inspector' && <InspectorPanel />}
          {t === 'Lessons' && lessonsOpened && (
            <Suspense fallback={<p className="empty-note">Loading lessons…</p>}>
              <LessonsTab />
            </Suspense>
          )}
        </div>
      ))}
    </section>
  );
}
