import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lastValueFrom } from 'rxjs';
import { createGraphClient } from '../../src/client';
import { result } from '../../src/lro/operators/result';
import { GraphSimulator } from '../../src/testing';
import { isLoopbackAddress } from '../../src/testing/loopback';
import { TOKEN } from '../helpers/simulator';

// The simulator is a server that accepts any token and issues tokens: it
// listens on loopback unless told otherwise, and its request log is bounded.

describe('where the simulator listens', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.45.6.7', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
    ['10.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['fe80::1%eth0', false],
    ['128.0.0.1', false],
    ['my-laptop.local', false],
    ['localhost.evil.example', false],
  ])('%s is loopback: %p', (host, loopback) => {
    expect(isLoopbackAddress(host)).toBe(loopback);
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'my-laptop.local'])('host %p is refused with a TypeError naming allowNonLoopback, before anything listens', (host) => {
    expect(() => new GraphSimulator({ host })).toThrow(TypeError);
    expect(() => new GraphSimulator({ host })).toThrow(/not a loopback address.*allowNonLoopback: true/);
  });

  it('allowNonLoopback: true lets such a host be chosen; a mistyped flag is refused', () => {
    expect(() => new GraphSimulator({ host: '0.0.0.0', allowNonLoopback: true })).not.toThrow();
    expect(() => new GraphSimulator({ host: '0.0.0.0', allowNonLoopback: 'yes' as never })).toThrow(/allowNonLoopback must be a boolean/);
    expect(() => new GraphSimulator({ host: '' })).toThrow(TypeError);
  });

  it('an IPv6 loopback host serves, with a bracketed origin', async () => {
    const sim = await new GraphSimulator({ host: '::1' }).start();
    try {
      expect(sim.baseUrl).toMatch(/^http:\/\/\[::1\]:\d+\/v1\.0$/);
      const graph = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, poll: { intervalMs: 5 } });
      const session = await lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));
      expect(session.id).toBe('session-1');
    } finally {
      await sim.stop();
    }
  });
});

describe('the request log', () => {
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };

  /** `n` GETs with an 8 KB path each (so an entry kept is 8 KB a request), in sequence over one connection. */
  async function send(sim: GraphSimulator, n: number, from = 0) {
    const pad = 'p'.repeat(8 * 1024);
    for (let i = from; i < from + n; i++) await (await fetch(`${sim.baseUrl}/me/drive/items/I${i}?pad=${pad}`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  }

  it('keeps the latest maxLoggedRequests entries, counts the others, and memory stays flat', async () => {
    const sim = await new GraphSimulator({ maxLoggedRequests: 100 }).start();
    try {
      await send(sim, 200);
      const before = heap();
      await send(sim, 2000, 200);
      const grown = heap() - before;
      expect(sim.requests).toHaveLength(100);
      expect(sim.requestCount).toBe(2200);
      expect(sim.droppedRequests).toBe(2100);
      // The latest, in order, each with its number among all requests received.
      expect(sim.requests.map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 2100 + i));
      expect(sim.requests.at(-1)!.path).toMatch(/^\/v1\.0\/me\/drive\/items\/I2199\?/);
      // Kept, those 2,000 entries of 8 KB grow the heap by 18 MB (measured with Infinity); dropped, by under 2 MB.
      expect(grown).toBeLessThan(8 * 1024 * 1024);
    } finally {
      await sim.stop();
    }
  });

  it('by default a short test loses nothing; Infinity is a bound too; a bad bound is refused', async () => {
    const sim = await new GraphSimulator().start();
    try {
      await send(sim, 50);
      expect(sim.requests).toHaveLength(50);
      expect(sim.droppedRequests).toBe(0);
    } finally {
      await sim.stop();
    }
    expect(() => new GraphSimulator({ maxLoggedRequests: Infinity })).not.toThrow();
    for (const bad of [-1, 1.5, NaN, '10' as never]) expect(() => new GraphSimulator({ maxLoggedRequests: bad })).toThrow(RangeError);
  });
});
