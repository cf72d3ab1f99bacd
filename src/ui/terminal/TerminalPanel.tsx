/** The Terminal tab: hosts the xterm session, which loads lazily (see xtermSession.ts). */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { usePlaygroundStore } from '../../store/index.ts';

export function TerminalPanel(props: { readonly active: boolean }): ReactNode {
  const store = usePlaygroundStore();
  const hostRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let detach: (() => void) | undefined;
    let cancelled = false;
    import('./xtermSession.ts')
      .then((session) => {
        const host = hostRef.current;
        if (cancelled || !host) return;
        detach = session.attachTerminal(host, store);
        setState('ready');
      })
      .catch(() => {
        if (!cancelled) setState('failed');
      });
    return () => {
      cancelled = true;
      detach?.();
    };
  }, [store]);

  useEffect(() => {
    if (props.active && state === 'ready') hostRef.current?.querySelector('textarea')?.focus();
  }, [props.active, state]);

  return (
    <div
      className="terminal-host"
      ref={hostRef}
      role="region"
      aria-label="Terminal"
      aria-busy={state === 'loading'}
    >
      {state === 'failed' && (
        <p className="empty-note">The terminal could not load. Reload the page to try again.</p>
      )}
    </div>
  );
}
