import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import crossFetch from 'cross-fetch';
import { of } from 'rxjs';
import { createGraphClient } from '../../src/client';
import type { GraphSimulator } from '../../src/testing';
import type { FetchLike } from '../../src/http/transport';
import { failure, startSimulator } from '../helpers/simulator';

// An error is printed whole: util.inspect and console.error show its stack, its own properties and
// its cause chain, nested causes included. None of that may carry a secret.
let sim: GraphSimulator;
beforeEach(async () => ({ sim } = await startSimulator()));
afterEach(() => sim.stop());

/** Everything a program could print of an error. */
function printed(error: unknown): string {
  let text = '';
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((text += chunk.toString()), done()) });
  new Console({ stdout: sink, stderr: sink }).error(error);
  const e = error as Error;
  return [
    text,
    inspect(error, { depth: 10 }),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error),
    String(error),
    e.stack,
    String(e.cause),
    (e.cause as Error | undefined)?.stack,
  ].join('\n');
}

const JWT = `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from('{"upn":"adele@contoso.com"}').toString('base64url')}.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg`;
const quick = { retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 5 }, poll: { intervalMs: 5 } };

describe('no secret reaches a printed error through its cause', () => {
  it("a copy monitor's tempauth, quoted by cross-fetch when the monitor resets the connection", async () => {
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'integration-token-7f3a9c', fetch: crossFetch as unknown as FetchLike, ...quick });
    sim.inject({ method: 'POST', path: '/copy', action: { kind: 'location', location: `${sim.monitorOrigin}/monitor/job-1?tempauth=TEMPAUTH-SECRET-VALUE&v=1` } });
    sim.inject({ origin: 'monitor', times: 10, action: { kind: 'reset' } });
    const error = await failure(graph.driveItem('/me/drive/items/01FOLDER').copy({}, quick));
    expect(error).toMatchObject({ name: 'NetworkError', url: `${sim.monitorOrigin}/monitor/job-1?tempauth=redacted&v=1` });
    // The cause is still cross-fetch's own error, with what it said, less the credential.
    const cause = (error as Error).cause as Error & { type?: string };
    expect(cause).toMatchObject({ name: 'FetchError', type: 'system' });
    expect(cause.message).toMatch(/^request to http:\/\/127\.0\.0\.1:\d+\/monitor\/job-1\?tempauth=redacted&v=1 failed, reason: socket hang up$/);
    expect(printed(error)).toContain('tempauth=redacted');
    expect(printed(error)).not.toContain('TEMPAUTH-SECRET-VALUE');
  });

  it("a copy monitor's tempauth, on the default transport (undici) when the monitor resets the connection", async () => {
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'integration-token-7f3a9c', ...quick });
    sim.inject({ method: 'POST', path: '/copy', action: { kind: 'location', location: `${sim.monitorOrigin}/monitor/job-1?tempauth=TEMPAUTH-SECRET-VALUE&v=1` } });
    sim.inject({ origin: 'monitor', times: 10, action: { kind: 'reset' } });
    const error = await failure(graph.driveItem('/me/drive/items/01FOLDER').copy({}, quick));
    expect(error).toMatchObject({ name: 'NetworkError', url: `${sim.monitorOrigin}/monitor/job-1?tempauth=redacted&v=1` });
    expect(printed(error)).not.toContain('TEMPAUTH-SECRET-VALUE');
  });

  it('a token source that fails quoting a token (a JWT, a Bearer header), also in a nested cause', async () => {
    const opaque = 'OpaqueRefreshToken0123456789abcdef';
    const graph = createGraphClient({
      baseUrl: sim.baseUrl,
      token: async () => {
        throw new Error(`the token ${JWT} was revoked`, { cause: new Error(`refresh answered 400 for Authorization: Bearer ${opaque}`) });
      },
    });
    const error = await failure(graph.workbook('/me/drive/items/01BOOK').createSession({ persistChanges: true }));
    expect(error).toMatchObject({ name: 'AuthenticationError' });
    const text = printed(error);
    expect(text).toContain('the token [redacted JWT] was revoked');
    expect(text).toContain('Bearer [redacted]');
    expect(text).not.toContain(JWT.split('.')[1]);
    expect(text).not.toContain(opaque);
    expect(sim.requests).toHaveLength(0);
  });

  it('a fetch that fails quoting the very token it was given, in any shape and at any depth of its cause', async () => {
    const token = 'opaque.session.key';
    const fetch: FetchLike = async () => {
      throw new TypeError(`header value ${token} is invalid`, { cause: new AggregateError([new Error(`rejected: ${token}`)], 'while connecting') });
    };
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token, fetch, retry: { maxRetries: 0 } });
    const error = await failure(graph.workbook('/me/drive/items/01BOOK').createSession({ persistChanges: true }));
    expect(error).toMatchObject({ name: 'NetworkError', message: expect.stringContaining('network failure: header value [redacted] is invalid') });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    const text = printed(error);
    expect(text).toContain('rejected: [redacted]');
    expect(text).not.toContain(token);
  });

  it("a transport's own failure kept as a GraphHttpError's cause", async () => {
    const graph = createGraphClient({
      baseUrl: sim.baseUrl,
      token: 't0ken',
      retry: { maxRetries: 0 },
      transport: () => of({ status: 403, headers: {}, body: '', cause: new Error(`GET ${sim.monitorOrigin}/x?tempAuth=TEMPAUTH-SECRET-VALUE → 403 (sent Bearer ${JWT})`) }),
    });
    const error = await failure(graph.workbook('/me/drive/items/01BOOK').createSession({ persistChanges: true }));
    expect(error).toMatchObject({ name: 'GraphHttpError', status: 403 });
    const text = printed(error);
    expect(text).not.toContain('TEMPAUTH-SECRET-VALUE');
    expect(text).not.toContain(JWT.split('.')[2]);
  });
});
