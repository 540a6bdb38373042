import { spawn } from 'node:child_process';
import { join } from 'node:path';

// Runs the soak as its own process, so "nothing left behind" means what it
// says: the process must exit by itself once the summary is printed.
const script = join(__dirname, 'chaos-soak.mjs');

function runSoak(operations: number, seed: number) {
  return new Promise<{ code: number | null; summary: Record<string, unknown>; exitDelayMs: number }>((resolve, reject) => {
    const child = spawn(process.execPath, [script, String(operations), String(seed)], { cwd: join(__dirname, '..', '..') });
    let out = '';
    let printedAt = 0;
    const bound = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the soak did not end on its own in time; output so far:\n${out}`));
    }, 90_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!printedAt && out.includes('\n')) printedAt = Date.now();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => {
      clearTimeout(bound);
      try {
        resolve({ code, summary: JSON.parse(out.trim().split('\n').pop()!), exitDelayMs: Date.now() - printedAt });
      } catch {
        reject(new Error(`no summary:\n${out}`));
      }
    });
  });
}

describe('chaos soak', () => {
  it('1,200 mixed operations under 20% 504s, 10% 429s, 5% resets, 2% malformed bodies: each ends exactly once, typed, no token leaks, nothing left running', async () => {
    const { code, summary, exitDelayMs } = await runSoak(1200, 20261122);
    expect(code).toBe(0);
    expect(summary).toMatchObject({
      operations: 1200,
      ended: 1200,
      endedTwice: 0,
      neverEnded: 0,
      untyped: 0,
      tokenInError: 0,
      monitorWithAuthorization: 0,
    });
    const outcomes = summary['outcomes'] as Record<string, number>;
    expect(Object.values(outcomes).reduce((a, b) => a + b, 0)).toBe(1200);
    // Most operations survive the faults; the rest end with the reason.
    expect(outcomes['succeeded']).toBeGreaterThan(700);
    expect(outcomes['OperationFailedError']).toBeGreaterThan(0);
    expect(outcomes['OperationTimeoutError']).toBeGreaterThan(0);
    expect(summary['monitorRequests']).toBeGreaterThan(0);
    // Exited by itself, promptly: no socket, timer or listener kept it alive.
    expect(exitDelayMs).toBeLessThan(2000);
  }, 100_000);
});
