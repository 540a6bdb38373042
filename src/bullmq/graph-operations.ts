import type { OperationSpec } from 'rx-graph-lro';
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

/**
 * Where a job's operation takes its per-call options in its arguments, as
 * its kind declares: the shortcut's last argument (`at`), and the keys of
 * that object that are the call's own (`own`: a table row's index and
 * session). `undefined` for an operation that takes none.
 */
export function optionsArgument(operation: string): { readonly at: number; readonly own?: readonly string[] } | undefined {
  return KINDS_BY_NAME.get(operation)?.callOptions;
}

/**
 * The arguments of the kind itself, without the per-call options a job put
 * in them (vetted on their own by the worker's limits): the options object
 * is dropped, or, where it also holds the call's own keys, cut to those.
 */
export function kindArguments(operation: string, args: readonly unknown[]): readonly unknown[] {
  const place = optionsArgument(operation);
  if (!place || args.length <= place.at) return args;
  const given = args[place.at];
  if (!place.own) return args.slice(0, place.at);
  const own = Object.fromEntries(Object.entries((given ?? {}) as Record<string, unknown>).filter(([key]) => place.own!.includes(key)));
  return [...args.slice(0, place.at), own];
}

/** A custom operation a worker knows by name: its spec from the job's arguments. @public */
export type CustomOperation = (args: readonly unknown[]) => OperationSpec<unknown, unknown>;
