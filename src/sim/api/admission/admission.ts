/** Admission plugins run after defaulting and before storage, as in kube-apiserver. */
import type { KubeObject } from '../types/index.ts';

export type AdmissionOperation = 'CREATE' | 'UPDATE';

export interface AdmissionAttributes {
  readonly operation: AdmissionOperation;
  readonly resource: string;
  readonly namespace: string;
  /** Mutable in `admit`, frozen in `validate`. */
  readonly object: KubeObject;
  readonly oldObject?: KubeObject;
}

/** Read-only view of stored objects for admission plugins. */
export interface AdmissionReader {
  get(resource: string, namespace: string, name: string): KubeObject | undefined;
  list(resource: string, namespace?: string): readonly KubeObject[];
}

export interface AdmissionPlugin {
  readonly name: string;
  /** Mutating phase. Throws ApiError to reject. */
  admit?(attrs: AdmissionAttributes, reader: AdmissionReader): void;
  /** Validating phase. Throws ApiError to reject. */
  validate?(attrs: AdmissionAttributes, reader: AdmissionReader): void;
}
