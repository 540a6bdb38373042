import { marbles } from 'rxjs-marbles/jest';
import { downloadBytes } from '../../src/http/download-bytes';
import { DEFAULT_RETRY_POLICY } from '../../src/core/policy/retry-policy';
import { RequestTimeoutError } from '../../src/core/errors/request-timeout-error';
import type { FetchLike } from '../../src/http/transport';
import { asyncScheduler, lastValueFrom, type SchedulerLike } from 'rxjs';
import { inspect } from 'node:util';
import { NetworkError } from '../../src/core/errors/network-error';

/** A fetch that never answers, and notes when (in virtual time) each request was sent and aborted. */
function silentFetch(scheduler: SchedulerLike) {
  const calls: { url: string; headers: Record<string, string>; redirect: string; sentAt: number; abortedAt?: number }[] = [];
  const fetch: FetchLike = (url, init) =>
    new Promise(() => {
      const call = { url, headers: init.headers, redirect: init.redirect, sentAt: scheduler.now() } as (typeof calls)[number];
      calls.push(call);
      init.signal.addEventListener('abort', () => (call.abortedAt = scheduler.now()));
    });
  return { fetch, calls };
}

// Back-off with no jitter: the first retry waits 5 ms, the second 10 ms.
const retry = { ...DEFAULT_RETRY_POLICY, maxRetries: 2, baseDelayMs: 10, random: () => 0 };
const file = { url: 'https://blob.example/reports/Devices_1.zip?sv=2024&sig=SECRET', maxBytes: 1024, timeoutMs: 100 };

describe('downloadBytes: timing', () => {
  it(
    'bounds each attempt by timeoutMs on the scheduler, aborts it, retries as a failed connection, then fails with a RequestTimeoutError',
    marbles((m) => {
      const { fetch, calls } = silentFetch(m.scheduler);
      // attempt at 0 times out at 100; waits 5; attempt at 105 times out at 205; waits 10; attempt at 215 times out at 315
      m.expect(downloadBytes({ fetch, scheduler: m.scheduler, retry }, file)).toBeObservable(
        '315ms #',
        undefined,
        new RequestTimeoutError({ method: 'GET', url: 'https://blob.example/reports/Devices_1.zip' }, { timeoutMs: 100 }),
      );
      m.flush();
      expect(calls.map((c) => [c.sentAt, c.abortedAt])).toEqual([
        [0, 100],
        [105, 205],
        [215, 315],
      ]);
      // No token, no cookie, and a redirect would not be followed.
      expect(calls.every((c) => Object.keys(c.headers).length === 0 && c.redirect === 'manual')).toBe(true);
    }),
  );

  it(
    'unsubscribing aborts the request in flight, and nothing more is sent',
    marbles((m) => {
      const { fetch, calls } = silentFetch(m.scheduler);
      m.expect(downloadBytes({ fetch, scheduler: m.scheduler, retry }, file), '50ms !').toBeObservable('-');
      m.flush();
      expect(calls.map((c) => [c.sentAt, c.abortedAt])).toEqual([[0, 50]]);
    }),
  );

  it(
    'unsubscribing during the wait before a retry sends nothing more',
    marbles((m) => {
      const { fetch, calls } = silentFetch(m.scheduler);
      m.expect(downloadBytes({ fetch, scheduler: m.scheduler, retry }, file), '103ms !').toBeObservable('-');
      m.flush();
      expect(calls.map((c) => [c.sentAt, c.abortedAt])).toEqual([[0, 100]]);
    }),
  );
});

describe('downloadBytes: a fetch of the caller\'s own that fails', () => {
  it('throwing instead of rejecting, with the whole URL in its message: a NetworkError, retried, whose cause does not show the signature', async () => {
    let calls = 0;
    const fetch: FetchLike = (url) => {
      calls += 1;
      throw new Error(`blocked by proxy policy: ${url}`);
    };
    const runtime = { fetch, scheduler: asyncScheduler, retry: { ...retry, baseDelayMs: 1 } };
    const error = (await lastValueFrom(downloadBytes(runtime, file)).catch((e: unknown) => e)) as NetworkError & { cause: Error };
    expect(error).toBeInstanceOf(NetworkError);
    expect(calls).toBe(3);
    expect(error.cause.message).toBe('blocked by proxy policy: https://blob.example/reports/Devices_1.zip?[redacted]');
    expect(`${error.message}\n${error.stack}\n${inspect(error)}\n${error.cause.stack}`).not.toContain('SECRET');
  });
});
