import type { OperationSpec } from '../graph/custom-operation.js';
import { KINDS_BY_NAME } from '../graph/kinds.js';

/**
 * Whether a job's start may be sent again after a worker died between
 * sending it and Graph accepting it: what the kind declares (createSession
 * is; a copy is not), unless the job itself says.
 */
export function isIdempotentStart(operation: string): boolean {
  return KINDS_BY_NAME.get(operation)?.idempotent ?? false;
}

/** Whether a job names an operation the client knows (a kind of its table). */
export function isKnownOperation(operation: string): boolean {
  return KINDS_BY_NAME.has(operation);
}

/** A custom operation a worker knows by name: its spec from the job's arguments. @public */
export type CustomOperation = (args: readonly unknown[]) => OperationSpec<unknown, unknown>;
