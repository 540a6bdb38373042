import { createGraphClient } from '../../src/client';
import { MAX_BODY_BYTES } from '../../src/http/fetch-transport';
import { ResponseTooLargeError } from '../../src/core/errors/response-too-large-error';
import { RequestTimeoutError } from '../../src/core/errors/request-timeout-error';
import { GraphSimulator } from '../../src/testing';
import { failure, TOKEN, until } from '../helpers/simulator';
import { allTransports, closeTransports } from '../helpers/transports';

// A hostile or broken server, any origin: bodies are counted as they stream
// in and cut at the limit; a body that trickles is cut by the request timeout.
let sim: GraphSimulator;
beforeEach(async () => {
  sim = new GraphSimulator();
  await sim.start();
});
afterEach(async () => {
  await sim.stop();
  await closeTransports();
});

describe.each(allTransports)('with $name', ({ make }) => {
  const client = (limit = 256 * 1024, over = {}) =>
    createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, transport: make(limit), poll: { intervalMs: 5 }, retry: { baseDelayMs: 5 }, ...over });

  it('an endless status body without Content-Length is cut at the limit: ResponseTooLargeError, not retried', async () => {
    sim.inject({ path: '/operations/', times: 10, action: { kind: 'stream' } });
    const error = await failure(client().workbook('/me/drive/items/A').createSession({ persistChanges: true }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    const polls = sim.requests.filter((r) => r.path.includes('/operations/'));
    expect(polls).toHaveLength(1);
    await until(() => polls[0]!.aborted);
    // What the server managed to write before the client hung up: the limit plus what socket buffers hold.
    expect(polls[0]!.bodyBytes).toBeLessThan(256 * 1024 + 8 * 1024 * 1024);
  });

  it('the untrusted copy monitor cannot make the client buffer past the limit either', async () => {
    sim.inject({ origin: 'monitor', times: 10, action: { kind: 'stream' } });
    const error = await failure(client().driveItem('/me/drive/items/F').copy());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    const monitor = sim.requests.filter((r) => r.origin === 'monitor');
    expect(monitor).toHaveLength(1);
    await until(() => monitor[0]!.aborted);
  });

  it('a body that trickles one chunk at a time is aborted at requestTimeoutMs, even with no operation timeout', async () => {
    sim.inject({ path: '/operations/', times: 10, action: { kind: 'stream', chunk: ' ', intervalMs: 20 } });
    const error = await failure(client(MAX_BODY_BYTES, { requestTimeoutMs: 150, retry: { maxRetries: 1, baseDelayMs: 5 } }).workbook('/me/drive/items/A').createSession({ persistChanges: true }));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    const polls = sim.requests.filter((r) => r.path.includes('/operations/'));
    expect(polls).toHaveLength(2);
    await until(() => polls.every((r) => r.aborted));
  });
});

it('the default limit (16 MiB) holds with the default fetch', async () => {
  sim.inject({ path: '/operations/', times: 10, action: { kind: 'stream' } });
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, poll: { intervalMs: 5 } });
  const error = await failure(graph.workbook('/me/drive/items/A').createSession({ persistChanges: true }));
  expect(error).toBeInstanceOf(ResponseTooLargeError);
  expect((error as ResponseTooLargeError).limitBytes).toBe(MAX_BODY_BYTES);
});
