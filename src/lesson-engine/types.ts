/**
 * The lesson model: what a parsed lesson file holds. The file format is described for authors in
 * lessons/README.md; parseLesson.ts turns a file into these values and rejects anything else.
 */

/** A reference to one object, as kubectl names it: `deployment/web`, `node/node-1`. */
export interface ObjectReference {
  /** The API server's key for the resource (`deployments.apps`, `pods`). */
  readonly resource: string;
  readonly name: string;
  /** Written form, for messages (`deployment/web`). */
  readonly text: string;
}

export type Comparator =
  | { readonly op: 'equals'; readonly value: unknown }
  | { readonly op: 'notEquals'; readonly value: unknown }
  | { readonly op: 'atLeast' | 'atMost' | 'greaterThan' | 'lessThan'; readonly value: number }
  | { readonly op: 'matches'; readonly value: string }
  | { readonly op: 'exists'; readonly value: boolean };

export interface FieldFilter {
  readonly path: string;
  readonly compare: Comparator;
}

/** A condition on the cluster's state at one instant. */
export type StateCondition =
  | { readonly kind: 'exists'; readonly ref: ObjectReference; readonly namespace: string }
  | { readonly kind: 'absent'; readonly ref: ObjectReference; readonly namespace: string }
  | {
      readonly kind: 'field';
      readonly ref: ObjectReference;
      readonly namespace: string;
      readonly path: string;
      readonly compare: Comparator;
    }
  | {
      readonly kind: 'count';
      readonly resource: string;
      readonly resourceText: string;
      /** undefined = all namespaces. */
      readonly namespace: string | undefined;
      readonly selector: string | undefined;
      readonly where: readonly FieldFilter[];
      readonly compare: Comparator;
    };

export interface EventMatch {
  readonly reason: string;
  readonly type: string | undefined;
  /** `pod` (any pod) or `pod/web-1`, matched against the event's involvedObject. */
  readonly objectKind: string | undefined;
  readonly objectName: string | undefined;
  readonly namespace: string | undefined;
  readonly message: string | undefined;
}

export interface CommandMatch {
  readonly command: string;
  readonly exitCode: number | undefined;
  readonly stdout: readonly {
    readonly op: 'contains' | 'matches' | 'notContains';
    readonly value: string;
  }[];
}

export interface RescheduleMatch {
  readonly namespace: string;
  readonly selector: string;
  /** Only pods that ran on this node count as moved from; undefined = any node. */
  readonly from: string | undefined;
}

export type CheckCondition =
  | { readonly kind: 'state'; readonly condition: StateCondition; readonly forMs: number }
  | { readonly kind: 'always'; readonly condition: StateCondition }
  | { readonly kind: 'ever'; readonly condition: StateCondition }
  | { readonly kind: 'event'; readonly event: EventMatch }
  | { readonly kind: 'command'; readonly command: CommandMatch }
  | { readonly kind: 'rescheduled'; readonly reschedule: RescheduleMatch };

export interface Check {
  /** What the learner sees beside the check's status ("web runs 3 ready replicas"). */
  readonly title: string;
  /** Failure reason template; `{actual}` and `{expected}` are filled in. */
  readonly message: string;
  readonly condition: CheckCondition;
}

export interface Snippet {
  /** The editor file the snippet goes into. */
  readonly file: string;
  readonly language: string;
  readonly text: string;
}

export interface WrongAnswer {
  readonly title: string;
  readonly script: string;
}

export interface Step {
  /** 1-based position; deep links use it. */
  readonly number: number;
  readonly title: string;
  /** Markdown prose, with the step's ```yaml step block removed. */
  readonly body: string;
  readonly snippets: readonly Snippet[];
  readonly hints: readonly string[];
  readonly solution: string;
  readonly wrongAnswers: readonly WrongAnswer[];
  readonly checks: readonly Check[];
}

export interface NodeSpec {
  readonly name: string;
  readonly cpu: string | undefined;
  readonly memory: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly string[];
}

export interface LessonCluster {
  readonly seed: number;
  readonly workers: number;
  readonly nodes: readonly NodeSpec[];
  /** Manifests applied before the learner starts (not shown in the editor). */
  readonly manifests: readonly string[];
  /** A kubeplay script run after the manifests (e.g. `advance 30s`). */
  readonly setup: string;
}

export interface EditorFile {
  readonly name: string;
  readonly text: string;
}

export interface Lesson {
  /** Where the lesson came from (a path), for error messages. */
  readonly source: string;
  readonly id: string;
  readonly title: string;
  readonly track: string;
  readonly order: number;
  readonly objectives: readonly string[];
  readonly estimatedMinutes: number;
  readonly cluster: LessonCluster;
  readonly files: readonly EditorFile[];
  readonly intro: string;
  readonly steps: readonly Step[];
  readonly finish: string;
}

export interface Track {
  readonly id: string;
  readonly title: string;
  readonly order: number;
  readonly description: string;
  readonly lessons: readonly Lesson[];
}

export interface CheckResult {
  readonly title: string;
  readonly passed: boolean;
  /** The filled-in failure reason when the check fails; '' when it passes. */
  readonly message: string;
}

export interface StepResult {
  readonly step: number;
  readonly checks: readonly CheckResult[];
  readonly complete: boolean;
}
