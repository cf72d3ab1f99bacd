/** A container's log as the runtime keeps it: lines with the virtual time they were written. */
export interface LogLine {
  readonly timeMs: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** Lines kept per container instance; older ones rotate away as the kubelet's log rotation does. */
const MAX_LINES = 5_000;

export class ContainerLog {
  readonly lines: LogLine[] = [];
  private partial: { stdout: string; stderr: string } = { stdout: '', stderr: '' };

  write(timeMs: number, stream: 'stdout' | 'stderr', text: string): void {
    const pending = this.partial[stream] + text;
    const parts = pending.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const part of parts) this.lines.push({ timeMs, stream, text: part });
    if (this.lines.length > MAX_LINES) this.lines.splice(0, this.lines.length - MAX_LINES);
  }

  /** Everything written, with a trailing partial line flushed as its own line. */
  snapshot(): LogLine[] {
    const out = [...this.lines];
    for (const stream of ['stdout', 'stderr'] as const) {
      const text = this.partial[stream];
      if (text !== '') out.push({ timeMs: out[out.length - 1]?.timeMs ?? 0, stream, text });
    }
    return out;
  }
}
