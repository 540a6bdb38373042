import { TestScheduler } from 'rxjs/testing';

/** A TestScheduler whose assertions are jest's deep equality. */
export function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** A retry policy with fixed jitter so retry timings are exact in marbles. */
export const EXACT_RETRY = { random: () => 1 } as const;
