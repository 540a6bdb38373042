import * as t from 'io-ts';
import { decodeOrThrow } from '../core/codecs/decode.js';

/**
 * A job's data as a worker reads it back from Redis, where anyone with the
 * queue's connection may have written it: the operation's name, its JSON
 * arguments, and what workers wrote (whether the start was sent, the
 * handle, the error). The handle's own shape is checked where it is used
 * (`graph.resume`); here only that it is an object.
 */
export const StoredGraphJob = t.intersection(
  [
    t.type({ operation: t.string, args: t.readonlyArray(t.unknown) }),
    t.partial({ idempotent: t.boolean, startSent: t.boolean, handle: t.UnknownRecord, error: t.UnknownRecord }),
  ],
  'GraphJobData',
);
export type StoredGraphJob = t.TypeOf<typeof StoredGraphJob>;

/** The job's data, or a `DecodeError` naming each place that is wrong (`$.args: expected ReadonlyArray<unknown>, got "x"`). */
export function decodeGraphJob(data: unknown): StoredGraphJob {
  return decodeOrThrow(StoredGraphJob, data, {});
}
