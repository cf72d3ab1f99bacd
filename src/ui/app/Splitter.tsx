/** A vertical pane splitter: drag with a pointer, or focus it and use the arrow keys. */
import { useRef, type ReactNode } from 'react';

export interface SplitterProps {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  /** +1 when dragging right grows the pane, -1 when it shrinks it (a pane on the right). */
  readonly direction: 1 | -1;
  readonly onChange: (value: number) => void;
}

export function Splitter(props: SplitterProps): ReactNode {
  const drag = useRef<{ startX: number; startValue: number } | undefined>(undefined);
  const clamp = (v: number) => Math.round(Math.max(props.min, Math.min(props.max, v)));
  // A focusable separator is a widget in WAI-ARIA (window splitter pattern); jsx-a11y treats it as static.
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuenow={props.value}
      aria-valuemin={props.min}
      aria-valuemax={props.max}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { startX: e.clientX, startValue: props.value };
      }}
      onPointerMove={(e) => {
        if (!drag.current) return;
        props.onChange(
          clamp(drag.current.startValue + props.direction * (e.clientX - drag.current.startX)),
        );
      }}
      onPointerUp={() => {
        drag.current = undefined;
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 80 : 20;
        if (e.key === 'ArrowLeft') props.onChange(clamp(props.value - props.direction * step));
        else if (e.key === 'ArrowRight')
          props.onChange(clamp(props.value + props.direction * step));
        else return;
        e.preventDefault();
      }}
    />
  );
}
