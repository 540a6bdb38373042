import type { ConnectionOptions } from 'bullmq';
import { checkDuration, checkInteger, checkObject, describeValue, isPlainObject } from '../core/policy/validation.js';

/**
 * How far a job's state must have travelled before the worker relies on it:
 * to how many Redis replicas, checked with Redis' `WAIT` after the write.
 * Redis replicates asynchronously: a write the primary acknowledged is lost
 * if the primary dies before a replica has it and that replica is then
 * promoted (Sentinel, or a managed Redis that fails over).
 *
 * - **The start marker** (`startSent`) of a start that is not idempotent:
 *   the start is sent only once `replicas` replicas have the marker. If they
 *   do not confirm within `timeoutMs`, the start is not sent: the marker is
 *   cleared and the job is delayed by `timeoutMs` and tried again (no
 *   attempt spent), and its progress says
 *   `{ status: 'startDeferred', durable: false }`. So a failover cannot lose the marker of a start that
 *   went, and the start is never sent twice.
 * - **The handle**, once Graph accepted the operation: the job's progress
 *   carries `durable: true` once replicas confirm it, else `durable: false`
 *   (and the job's log and `onEvent` say so). A handle a failover lost
 *   cannot be resumed: a start that is not idempotent then fails with
 *   `StartOutcomeUnknownError`, and is never sent again.
 *
 * Turn it on when Redis has replicas that can be promoted: Sentinel (the
 * default when `connection` names `sentinels`), or a managed Redis with
 * failover. With `replicas` above the replicas the primary has, no start
 * that is not idempotent is ever sent.
 *
 * @example
 * ```ts
 * createGraphWorker({ queueName, connection: { sentinels, name: 'mymaster' }, graph, durability: { replicas: 1, timeoutMs: 500 } });
 * ```
 * @public
 */
export interface GraphJobDurability {
  /** How many replicas must confirm; 0 turns the wait off. A whole number from 0 to 100. */
  readonly replicas: number;
  /**
   * How long to wait for them, in milliseconds: Redis' `WAIT` timeout (while
   * Redis cannot be reached at all, the wait lasts until it can, as every
   * command of the worker does). @defaultValue 1000
   */
  readonly timeoutMs?: number;
}

/** The worker's `durability`, checked, with its default: on (1 replica, 1 s) with Sentinel, off otherwise. */
export function checkDurability(value: unknown, connection: unknown): Required<GraphJobDurability> {
  const given = checkObject('durability', value, ['replicas', 'timeoutMs']);
  if (!given) return usesSentinel(connection) ? { replicas: 1, timeoutMs: 1000 } : { replicas: 0, timeoutMs: 1000 };
  if (given['replicas'] === undefined) throw new TypeError('durability.replicas is required: how many replicas must confirm (0 turns the wait off)');
  checkInteger('durability.replicas', given['replicas'], 0, 100);
  checkDuration('durability.timeoutMs', given['timeoutMs']);
  return { replicas: given['replicas'] as number, timeoutMs: (given['timeoutMs'] as number | undefined) ?? 1000 };
}

/** Whether the connection goes through Sentinel: its options (or an ioredis client's) name `sentinels`. */
function usesSentinel(connection: unknown): boolean {
  const options = (connection as { options?: unknown } | undefined)?.options ?? connection;
  return isPlainObject(options) && options['sentinels'] !== undefined;
}

/**
 * A Sentinel connection's options, checked as ioredis and BullMQ take them:
 * `sentinels`, a non-empty array of `{ host, port }`, and `name`, the
 * group's name. Anything else is left to ioredis.
 */
export function checkSentinelConnection(connection: ConnectionOptions): void {
  if (!isPlainObject(connection) || connection['sentinels'] === undefined) return;
  const sentinels = connection['sentinels'];
  const isAddress = (s: unknown) => isPlainObject(s) && (s['host'] === undefined || typeof s['host'] === 'string') && Number.isInteger(s['port']) && (s['port'] as number) > 0 && (s['port'] as number) < 65536;
  if (!Array.isArray(sentinels) || sentinels.length === 0 || !sentinels.every(isAddress)) {
    const bad = Array.isArray(sentinels) ? sentinels.findIndex((s) => !isAddress(s)) : -1;
    const given = !Array.isArray(sentinels) ? describeValue(sentinels) : bad < 0 ? 'an empty array' : `[${bad}]: ${describeValue(sentinels[bad])}`;
    throw new TypeError(`connection.sentinels must be a non-empty array of { host, port }, not ${given}`);
  }
  if (typeof connection['name'] !== 'string' || connection['name'] === '') {
    throw new TypeError(`connection.name must name the Sentinel group (the name its sentinels monitor, such as 'mymaster'), not ${describeValue(connection['name'])}`);
  }
}
