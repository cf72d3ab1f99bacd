import { describe, expect, it } from 'vitest';
import { LineEditor, type LineEditorEffect } from './lineEditor.ts';

const submits = (effects: LineEditorEffect[]) =>
  effects.filter((e) => e.type === 'submit').map((e) => ('line' in e ? [e.line, e.stdin] : []));

describe('LineEditor', () => {
  it('submits a typed line on Enter', () => {
    const ed = new LineEditor();
    expect(submits(ed.feed('kubectl get pods\r'))).toEqual([['kubectl get pods', undefined]]);
    expect(ed.line).toBe('');
  });

  it('edits in the middle of the line with arrows, backspace and delete', () => {
    const ed = new LineEditor();
    ed.feed('kubectl gt pods');
    ed.feed('\x1b[D'.repeat(5)); // cursor after "gt"
    ed.feed('\x1b[De'); // before "t": insert "e"
    expect(ed.line).toBe('kubectl get pods');
    ed.feed('\x1b[F\x7f\x7f');
    expect(ed.line).toBe('kubectl get po');
    ed.feed('\x1b[H\x1b[3~');
    expect(ed.line).toBe('ubectl get po');
  });

  it('recalls history with up and down, keeping the draft', () => {
    const ed = new LineEditor({ history: ['kubectl get nodes'] });
    ed.feed('kubectl get pods\r');
    ed.feed('draft');
    ed.feed('\x1b[A');
    expect(ed.line).toBe('kubectl get pods');
    ed.feed('\x1b[A');
    expect(ed.line).toBe('kubectl get nodes');
    ed.feed('\x1b[A');
    expect(ed.line).toBe('kubectl get nodes');
    ed.feed('\x1b[B\x1b[B');
    expect(ed.line).toBe('draft');
    expect(ed.historyEntries).toEqual(['kubectl get nodes', 'kubectl get pods']);
  });

  it('clears the line on Ctrl-C and the screen on Ctrl-L', () => {
    const ed = new LineEditor();
    const effects = ed.feed('kubectl get\x03');
    expect(ed.line).toBe('');
    expect(effects.some((e) => e.type === 'write' && e.data.includes('^C'))).toBe(true);
    expect(ed.feed('\x0c').map((e) => e.type)).toEqual(['clear', 'write']);
  });

  it('runs each line of a multi-line paste, keeping the unfinished last line', () => {
    const ed = new LineEditor();
    const effects = ed.feed('kubectl get pods\r\nkubectl get nodes\nkubectl get');
    expect(submits(effects)).toEqual([
      ['kubectl get pods', undefined],
      ['kubectl get nodes', undefined],
    ]);
    expect(ed.line).toBe('kubectl get');
  });

  it('collects a heredoc as stdin', () => {
    const ed = new LineEditor();
    const effects = ed.feed(
      "kubectl apply -f - <<'EOF'\rapiVersion: v1\rkind: Namespace\rmetadata:\r  name: demo\rEOF\r",
    );
    expect(submits(effects)).toEqual([
      ['kubectl apply -f -', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n'],
    ]);
  });

  it('completes the last word: unique match, common prefix, or a list', () => {
    const words = ['get', 'scale', 'set'];
    const ed = new LineEditor({
      complete: (before) => {
        const last = before.split(' ').pop() ?? '';
        return words.filter((w) => w.startsWith(last));
      },
    });
    ed.feed('kubectl g\t');
    expect(ed.line).toBe('kubectl get ');
    ed.feed('\x15kubectl s\t');
    expect(ed.line).toBe('kubectl s');
    const listed = ed.feed('\t');
    expect(listed.some((e) => e.type === 'write' && e.data.includes('scale  set'))).toBe(true);
  });
});
