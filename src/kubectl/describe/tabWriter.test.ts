import { describe, expect, it } from 'vitest';
import { alignTabs, PrefixWriter } from './tabWriter.ts';

describe('alignTabs (Go text/tabwriter, minwidth 0, padding 2)', () => {
  it.each([
    {
      name: 'one block',
      text: 'Name:\tweb\nNamespace:\tdefault\n',
      want: 'Name:       web\nNamespace:  default\n',
    },
    {
      name: 'a line without tabs ends the block',
      text: 'Name:\tweb\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/x\n',
      want: 'Name:  web\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/x\n',
    },
    {
      name: 'continuation lines with an empty first cell',
      text: 'Labels:\tapp=web\n\tpod-template-hash=1\nAnnotations:\t<none>\n',
      want: 'Labels:       app=web\n              pod-template-hash=1\nAnnotations:  <none>\n',
    },
    {
      name: 'nested columns align within their own block',
      text: 'A\tB\tC\nAAAA\tB\nx\n',
      want: 'A     B  C\nAAAA  B\nx\n',
    },
  ])('$name', ({ text, want }) => {
    expect(alignTabs(text)).toBe(want);
  });

  it('aligns blocks separately across a flush', () => {
    const w = new PrefixWriter();
    w.write(0, 'Name:\tweb\n');
    w.flush();
    w.write(0, 'Events:\n  Type\tReason\n');
    w.write(1, '----\t------\n');
    expect(w.toString()).toBe('Name:  web\nEvents:\n  Type  Reason\n  ----  ------\n');
  });
});
