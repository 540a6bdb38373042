import { createGraphClient } from '../../src/client';
import { adaptivePolling } from '../../src/core/policy/poll-strategy';
import { OperationTimeoutError } from '../../src/core/errors/operation-timeout-error';
import type { OperationEvent } from '../../src/lro/operation-event';
import { GraphSimulator } from '../../src/testing';
import { TOKEN } from '../helpers/simulator';
import { steppedTime } from '../helpers/stepped-time';

// Operations scripted by duration, played against a client in virtual time over real
// HTTP: the simulator and the client share one clock, so minutes-long jobs run in
// milliseconds and what the client sees is what such durations would show it.

let sim: GraphSimulator;
afterEach(async () => sim?.stop());

describe('a client in virtual time against operations that take real durations', () => {
  it('adaptive polling learns the durations the simulator played, and stops spending early polls once it has', async () => {
    const stepped = steppedTime();
    // Intune exports of about a minute, each drawn by the script, so the test knows the truth.
    const truths = [42_000, 75_000, 58_000, 61_000, 39_000, 90_000, 55_000, 66_000, 48_000, 70_000, 52_000, 63_000, 45_000, 80_000, 57_000, 60_000];
    let drawn = 0;
    sim = await new GraphSimulator({
      now: stepped.now,
      scripts: { 'deviceManagement.exportReport': { statuses: ['notStarted', 'inProgress', 'completed'], durationMs: () => truths[drawn++]! } },
    }).start();
    const polling = adaptivePolling({ targetDelayMs: 1000 });
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, transport: stepped.transport, scheduler: stepped.scheduler, poll: { strategy: polling } });

    const runs: { truth: number; acceptedAt: number; detected: number; polls: number[] }[] = [];
    for (const truth of truths) {
      const before = sim.requestCount;
      const { values, at, error } = await stepped.run(graph.deviceManagement.exportReport({ reportName: 'Devices' }));
      expect(error).toBeUndefined();
      const acceptedAt = at[values.findIndex((e) => e.type === 'accepted')]!;
      const polls = sim.requests.filter((r) => r.seq >= before && r.method === 'GET').map((r) => r.at - acceptedAt);
      runs.push({ truth, acceptedAt, detected: at.at(-1)! - acceptedAt, polls });
      expect((values.at(-1) as OperationEvent<string>).type).toBe('succeeded');
    }

    // Never done before its time, and seen done by the first poll after it.
    for (const run of runs) {
      expect(run.detected).toBeGreaterThanOrEqual(run.truth);
      expect(run.polls.filter((t) => t >= run.truth)).toHaveLength(1);
    }
    // What it learned is each real duration as an interval: after the last poll that saw it running, no later than the first that saw it done.
    const learned = polling.export().kinds['deviceManagement.exportReport']!;
    expect(learned).toHaveLength(truths.length);
    learned.forEach(([lastRunning, firstEnded], i) => {
      const { truth } = runs[i]!;
      expect(lastRunning).toBeLessThan(truth);
      expect(firstEnded).not.toBeNull();
      expect(firstEnded!).toBeGreaterThanOrEqual(truth);
    });
    // Until 8 outcomes are known it backs off from 1 s; after, its first poll waits for where past completions began.
    expect(runs.slice(0, 8).every((r) => r.polls[0] === 1000)).toBe(true);
    expect(runs.slice(8).every((r) => r.polls[0]! > 1000)).toBe(true);
    const pollsPerOp = (slice: typeof runs) => slice.reduce((n, r) => n + r.polls.length, 0) / slice.length;
    expect(pollsPerOp(runs.slice(8))).toBeLessThan(pollsPerOp(runs.slice(0, 8)));
  });

  it("a two-hour export meets the call's one-hour bound, at exactly one hour; Graph's Retry-After of 60 s sets the first poll; progress follows the clock", async () => {
    const stepped = steppedTime();
    sim = await new GraphSimulator({ now: stepped.now, scripts: { 'user.exportPersonalData': { statuses: ['running', 'complete'], durationMs: 2 * 3_600_000 } } }).start();
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, transport: stepped.transport, scheduler: stepped.scheduler });

    const { values, error } = await stepped.run(graph.user('adele@contoso.com').exportPersonalData('https://contoso.blob.core.windows.net/exports?sv=1&sig=x', { timeoutMs: 3_600_000 }));
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect((error as OperationTimeoutError).lastStatus).toBe('running');
    expect(stepped.now()).toBe(3_600_000);
    const polls = sim.requests.filter((r) => r.method === 'GET').map((r) => r.at);
    expect(polls[0]).toBe(60_000);
    // Each poll saw the share of the two hours gone by; the events report each change once.
    const expected = polls.map((t) => Math.floor((100 * t) / 7_200_000)).filter((p, i, all) => i === 0 || p !== all[i - 1]);
    expect(values.filter((e) => e.type === 'status').map((e) => (e as { percentageComplete?: number }).percentageComplete)).toEqual(expected);
    expect(expected.at(-1)).toBeLessThan(50);
  });
});
