import { describe, expect, it } from 'vitest';
import { checkLesson } from './checkLessons.ts';
import { parseLesson } from './parseLesson.ts';

const FRONT = `---
id: scale
title: Scale
track: demo
order: 1
objectives: [Scale a Deployment]
estimatedMinutes: 5
cluster:
  manifests:
    - |
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: nginx
              image: nginx:1.27
  setup: advance 30s
---
`;

function stepBlock(solution: string, checks: string, wrong = ''): string {
  return `## Scale to 3

\`\`\`yaml step
solution: |
  ${solution}
${wrong}checks:
${checks}
\`\`\`
`;
}

const READY3 = `  - title: three ready
    field: deployment/web
    path: .status.readyReplicas
    equals: 3
    message: "{actual} ready"
`;
const EXISTS = `  - title: web exists
    exists: deployment/web
    message: no web
`;
const WRONG_TWO = `wrongAnswers:
  - title: two
    script: |
      kubectl scale deployment web --replicas=2
      advance 30s
`;

function verdicts(body: string): string[] {
  return checkLesson(parseLesson(FRONT + body, 'demo.md')).flatMap((v) => v.problems);
}

describe('checkLesson', () => {
  it('accepts a step whose checks fail before and pass after its solution', () => {
    const lesson = parseLesson(
      FRONT +
        stepBlock('kubectl scale deployment web --replicas=3\n  advance 30s', READY3, WRONG_TWO),
      'demo.md',
    );
    expect(checkLesson(lesson)).toEqual([
      { lesson: 'demo/scale', step: 1, title: 'Scale to 3', problems: [] },
    ]);
  });

  it('flags a check that already passes and that no wrong answer fails', () => {
    expect(
      verdicts(
        stepBlock('kubectl scale deployment web --replicas=3\n  advance 30s', READY3 + EXISTS),
      ),
    ).toEqual([
      'check "web exists" already passes before the solution runs and no wrong answer fails it (a vacuous check)',
    ]);
  });

  it('accepts such a check when a wrong answer fails it', () => {
    const wrong = `wrongAnswers:\n  - title: delete it\n    script: kubectl delete deployment web\n`;
    expect(
      verdicts(
        stepBlock(
          'kubectl scale deployment web --replicas=3\n  advance 30s',
          READY3 + EXISTS,
          wrong,
        ),
      ),
    ).toEqual([]);
  });

  it('flags a wrong answer that passes, a failing command and checks still failing after', () => {
    const wrong = `wrongAnswers:\n  - title: also three\n    script: |\n      kubectl scale deployment web --replicas=3\n      advance 30s\n`;
    expect(
      verdicts(stepBlock('kubectl scale deployment nope --replicas=3', READY3, wrong)),
    ).toEqual([
      'wrong answer "also three" passes every check',
      'solution command "kubectl scale deployment nope --replicas=3" failed: Error from server (NotFound): deployments.apps "nope" not found',
      'check "three ready" fails after the solution: 1 ready',
    ]);
  });

  it('reports set-up commands that fail', () => {
    const broken = FRONT.replace('setup: advance 30s', 'setup: advance soon');
    const result = checkLesson(parseLesson(broken + stepBlock('advance 1s', READY3), 'demo.md'));
    expect(result[0]?.problems[0]).toMatch(
      /^set-up command failed: advance soon: error: advance needs/,
    );
  });
});
