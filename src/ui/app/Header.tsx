/** The header: the name, playback (play/pause, speed, single step), the virtual clock, the theme. */
import type { ReactNode } from 'react';
import {
  formatAge,
  formatClock,
  SPEEDS,
  useActions,
  usePlayground,
  type PlaygroundState,
} from '../../store/index.ts';
import { useTheme } from './theme.ts';

const selectPlaying = (s: PlaygroundState) => s.playing;
const selectSpeed = (s: PlaygroundState) => s.speed;
/** The clock shows whole seconds: one render a second at 1×, not one a frame. */
const selectSecond = (s: PlaygroundState) => Math.floor(s.cluster.simTimeMs / 1000);
const selectStart = (s: PlaygroundState) => s.sessionStartMs;

export function Header(): ReactNode {
  const playing = usePlayground(selectPlaying);
  const speed = usePlayground(selectSpeed);
  const second = usePlayground(selectSecond);
  const start = usePlayground(selectStart);
  const actions = useActions();
  const [theme, toggleTheme] = useTheme();
  const elapsed = second * 1000 - start;

  return (
    <header className="app-header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <path d="M16 2.5 27.7 8.1l2.9 12.6-8.1 10.1H9.5L1.4 20.7 4.3 8.1Z" fill="var(--accent)" />
          <circle cx="16" cy="16.5" r="5.2" fill="none" stroke="#fff" strokeWidth="2.2" />
          <path
            d="M16 6.5v4.8M16 21.7v4.8M6.6 13.4l4.6 1.5M20.8 18l4.6 1.5M9.9 24.8l2.9-3.9M19.2 12.1l2.9-3.9"
            stroke="#fff"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
        <span className="brand-name">Kubeplay</span>
        <span className="brand-tag">Kubernetes v1.32, simulated in your browser</span>
      </div>

      <div className="playback" role="group" aria-label="Playback">
        <button
          type="button"
          className="button button-icon"
          onClick={actions.togglePlay}
          aria-label={playing ? 'Pause' : 'Play'}
          title={playing ? 'Pause the cluster clock' : 'Run the cluster clock'}
        >
          {playing ? (
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M4 3h3v10H4zM9 3h3v10H9z" fill="currentColor" />
            </svg>
          ) : (
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
            </svg>
          )}
        </button>
        <button
          type="button"
          className="button button-icon"
          onClick={actions.step}
          aria-label="Step one second"
          title="Pause and move the clock one second"
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M3 2.5v11l7-5.5zM11 3h2v10h-2z" fill="currentColor" />
          </svg>
        </button>
        <div className="speed" role="radiogroup" aria-label="Speed">
          {SPEEDS.map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={speed === s}
              className="speed-option"
              onClick={() => {
                actions.setSpeed(s);
              }}
            >
              {s}×
            </button>
          ))}
        </div>
        <div className="clock" aria-label="Virtual clock" role="timer" data-playing={playing}>
          <span className="clock-time">{formatClock(second * 1000)}</span>
          <span className="clock-elapsed">+{formatAge(elapsed)}</span>
          <span className="clock-state">{playing ? `running ${String(speed)}×` : 'paused'}</span>
        </div>
      </div>

      <button
        type="button"
        className="button button-icon theme-toggle"
        onClick={toggleTheme}
        aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        title={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
      >
        {theme === 'dark' ? (
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="8" cy="8" r="3.2" fill="currentColor" />
            <path
              d="M8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6 13 13M3 13l1.4-1.4M11.6 4.4 13 3"
              stroke="currentColor"
              strokeWidth="1.4"
              strokeLinecap="round"
            />
          </svg>
        ) : (
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M13.5 10.2A6 6 0 0 1 5.8 2.5a6 6 0 1 0 7.7 7.7z" fill="currentColor" />
          </svg>
        )}
      </button>
    </header>
  );
}
