import { lastValueFrom, toArray, type Observable } from 'rxjs';
import { GraphSimulator, type GraphSimulatorOptions } from '../../src/testing';
import { createGraphClient, type GraphClientOptions } from '../../src/client';

export const TOKEN = 'integration-token-7f3a9c';

/** A started simulator and a client on it with quick polls; `stop` in afterEach. */
export async function startSimulator(options: GraphSimulatorOptions = {}, client: GraphClientOptions = {}) {
  const sim = new GraphSimulator(options);
  await sim.start();
  const graph = createGraphClient({
    baseUrl: sim.baseUrl,
    token: TOKEN,
    poll: { intervalMs: 5, backoffFactor: 1 },
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...client,
  });
  return { sim, graph };
}

export function collect<T>(source: Observable<T>): Promise<T[]> {
  return lastValueFrom(source.pipe(toArray()));
}

export async function failure(source: Observable<unknown>): Promise<unknown> {
  try {
    await lastValueFrom(source);
  } catch (error) {
    return error;
  }
  throw new Error('expected the Observable to fail');
}

/** Resolves once `predicate` holds, polling in real time (for server-side effects of a real socket). */
export async function until(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
