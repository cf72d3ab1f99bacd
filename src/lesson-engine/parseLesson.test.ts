import { describe, expect, it } from 'vitest';
import { LessonError } from './lessonError.ts';
import { parseAll } from './loadTracks.ts';
import { parseLesson } from './parseLesson.ts';

const FRONT = `---
id: demo
title: Demo
track: basics
order: 1
objectives:
  - Learn a thing
estimatedMinutes: 5
cluster:
  seed: 7
  workers: 2
  nodes:
    - name: big-1
      cpu: "8"
      labels:
        size: big
      taints:
        - dedicated=big:NoSchedule
  manifests:
    - |
      apiVersion: v1
      kind: Namespace
      metadata:
        name: demo
  setup: advance 10s
files:
  - name: a.yaml
    text: "kind: Pod"
---
`;

const STEP = `## Make a pod

Some prose.

\`\`\`yaml file=pod.yaml
apiVersion: v1
kind: Pod
\`\`\`

\`\`\`yaml step
hints:
  - first
  - second
solution: |
  kubectl apply -f pod.yaml
wrongAnswers:
  - title: nothing
    script: advance 1s
checks:
  - title: pod exists
    exists: pod/hello
    message: no pod
\`\`\`
`;

function lesson(body: string, front = FRONT): string {
  return `${front}\nIntro text.\n\n${body}`;
}

function errorOf(text: string): LessonError {
  try {
    parseLesson(text, 'lessons/basics/demo.md');
  } catch (error) {
    if (error instanceof LessonError) return error;
    throw error;
  }
  throw new Error('expected a LessonError');
}

describe('parseLesson', () => {
  it('reads front matter, intro, steps with snippets, and the closing section', () => {
    const parsed = parseLesson(lesson(`${STEP}\n## Done\n\nWell done.\n`), 'x.md');
    expect(parsed).toMatchObject({
      id: 'demo',
      track: 'basics',
      estimatedMinutes: 5,
      intro: 'Intro text.',
      finish: '## Done\n\nWell done.',
      files: [{ name: 'a.yaml', text: 'kind: Pod' }],
    });
    expect(parsed.cluster).toEqual({
      seed: 7,
      workers: 2,
      nodes: [
        {
          name: 'big-1',
          cpu: '8',
          memory: undefined,
          labels: { size: 'big' },
          taints: ['dedicated=big:NoSchedule'],
        },
      ],
      manifests: ['apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n'],
      setup: 'advance 10s',
    });
    const step = parsed.steps[0];
    expect(step?.title).toBe('Make a pod');
    expect(step?.hints).toEqual(['first', 'second']);
    expect(step?.snippets).toEqual([
      { file: 'pod.yaml', language: 'yaml', text: 'apiVersion: v1\nkind: Pod\n' },
    ]);
    expect(step?.body).toContain('Some prose.');
    expect(step?.body).toContain('```yaml file=pod.yaml');
    expect(step?.body).not.toContain('yaml step');
    expect(step?.checks[0]?.condition).toMatchObject({
      kind: 'state',
      condition: { kind: 'exists', ref: { resource: 'pods', name: 'hello' } },
    });
  });

  it('keeps indented --- lines (multi-document files) inside the front matter', () => {
    const front = FRONT.replace(
      '    text: "kind: Pod"',
      '    text: |\n      kind: Pod\n      ---\n      kind: Service',
    );
    const parsed = parseLesson(lesson(STEP, front), 'x.md');
    expect(parsed.files[0]?.text).toBe('kind: Pod\n---\nkind: Service\n');
    expect(parsed.intro).toBe('Intro text.');
  });

  it('ignores ## inside code fences when splitting sections', () => {
    const parsed = parseLesson(
      lesson(STEP.replace('Some prose.', '```\n## not a heading\n```')),
      'x.md',
    );
    expect(parsed.steps).toHaveLength(1);
  });

  const bad: { name: string; text: string; where: string; reason: RegExp }[] = [
    {
      name: 'a file without front matter',
      text: '# Hello\n',
      where: 'file',
      reason: /must start with "---"/,
    },
    {
      name: 'a missing id',
      text: lesson(STEP, FRONT.replace('id: demo\n', '')),
      where: 'front matter',
      reason: /"id" is required/,
    },
    {
      name: 'an unknown front-matter key, with a suggestion',
      text: lesson(STEP, FRONT.replace('estimatedMinutes: 5', 'estimatedMinutes: 5\nobjective: x')),
      where: 'front matter',
      reason: /unknown key "objective" \(did you mean "objectives"\?\)/,
    },
    {
      name: 'a lesson without steps',
      text: lesson('## Only prose\n\nNothing to do.\n'),
      where: 'body',
      reason: /has no steps/,
    },
    {
      name: 'a middle section without a step block',
      text: lesson(`## Aside\n\nText.\n\n${STEP}`),
      where: 'section "Aside" (line 33)',
      reason: /no ```yaml step block/,
    },
    {
      name: 'a step without a solution',
      text: lesson(STEP.replace('solution: |\n  kubectl apply -f pod.yaml\n', '')),
      where: 'step 1 "Make a pod" (line 33)',
      reason: /"solution" is required/,
    },
    {
      name: 'a check with a misspelt comparator',
      text: lesson(
        STEP.replace(
          '    exists: pod/hello\n',
          '    field: pod/hello\n    path: .status.phase\n    equal: Running\n',
        ),
      ),
      where: 'step 1 "Make a pod" (line 33)',
      reason: /checks\[1\]: field pod\/hello needs exactly one of equals/,
    },
    {
      name: 'a check on an unknown resource type',
      text: lesson(STEP.replace('exists: pod/hello', 'exists: widget/hello')),
      where: 'step 1 "Make a pod" (line 33)',
      reason: /checks\[1\]: "widget" is not a resource type/,
    },
    {
      name: 'a check command that writes',
      text: lesson(
        STEP.replace(
          '    exists: pod/hello\n',
          '    command: kubectl delete pod x\n    contains: x\n',
        ),
      ),
      where: 'step 1 "Make a pod" (line 33)',
      reason: /must only read/,
    },
    {
      name: '"for" on a history check',
      text: lesson(
        STEP.replace(
          '    exists: pod/hello\n',
          '    for: 10s\n    ever:\n      count: pods\n      equals: 1\n',
        ),
      ),
      where: 'step 1 "Make a pod" (line 33)',
      reason: /"for" applies to state checks/,
    },
    {
      name: 'a bad selector',
      text: lesson(
        STEP.replace(
          '    exists: pod/hello\n',
          '    count: pods\n    selector: "app in ("\n    equals: 1\n',
        ),
      ),
      where: 'step 1 "Make a pod" (line 33)',
      reason: /checks\[1\]/,
    },
  ];
  for (const c of bad)
    it(`rejects ${c.name}, naming the place`, () => {
      const error = errorOf(c.text);
      expect(error.source).toBe('lessons/basics/demo.md');
      expect(error.where).toBe(c.where);
      expect(error.reason).toMatch(c.reason);
    });
});

describe('parseAll', () => {
  const track = {
    path: 'lessons/basics/track.md',
    text: '---\ntitle: Basics\norder: 2\n---\nAbout.\n',
  };

  it('groups lessons into tracks in order, skipping the guide', () => {
    const { tracks, errors } = parseAll([
      { path: 'lessons/README.md', text: '# Guide' },
      track,
      {
        path: 'lessons/basics/b.md',
        text: lesson(STEP).replace('order: 1', 'order: 2').replace('id: demo', 'id: second'),
      },
      { path: 'lessons/basics/a.md', text: lesson(STEP) },
    ]);
    expect(errors).toEqual([]);
    expect(tracks.map((t) => [t.id, t.title, t.description, t.lessons.map((l) => l.id)])).toEqual([
      ['basics', 'Basics', 'About.', ['demo', 'second']],
    ]);
  });

  it('reports a lesson in the wrong folder, a missing track file and duplicate ids', () => {
    const { errors } = parseAll([
      track,
      { path: 'lessons/other/a.md', text: lesson(STEP) },
      { path: 'lessons/basics/a.md', text: lesson(STEP) },
      { path: 'lessons/basics/b.md', text: lesson(STEP) },
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      'lessons/other/a.md: front matter: track "basics" must match the folder the lesson is in ("other")',
      'lessons/basics/b.md: front matter: id "demo" is also used by lessons/basics/a.md',
    ]);
    const missing = parseAll([{ path: 'lessons/basics/a.md', text: lesson(STEP) }]).errors;
    expect(missing[0]?.reason).toMatch(/has no lessons\/basics\/track\.md/);
  });
});
