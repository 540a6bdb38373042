import { BehaviorSubject, lastValueFrom, NEVER, type Observable } from 'rxjs';
import * as t from 'io-ts';
import { createGraphClient, type GraphClientOptions } from '../../src/client';
import { result } from '../../src/lro/operators/result';
import { AuthenticationError } from '../../src/core/errors/authentication-error';
import type { GraphSimulator } from '../../src/testing';
import { failure, startSimulator } from '../helpers/simulator';

// A caller's mistake fails at once, naming the option, and nothing reaches
// Graph: no server-side work is started and then abandoned.
let sim: GraphSimulator;
let graph: Awaited<ReturnType<typeof startSimulator>>['graph'];
beforeEach(async () => ({ sim, graph } = await startSimulator()));
afterEach(() => sim.stop());

const apiRequests = () => sim.requests.filter((r) => /^\/(v1\.0|beta)\//.test(r.path));

describe('createGraphClient refuses bad options at once, naming them', () => {
  const base = () => ({ baseUrl: sim.baseUrl, token: 't' });
  it.each<[string, () => unknown, ErrorConstructor, RegExp]>([
    ['a string instead of options', () => 'token', TypeError, /takes an options object.*token is a token string; a function .*Observable<string>.*TokenCredential/],
    ['an unset environment variable as the poll interval', () => ({ ...base(), poll: { intervalMs: Number(process.env['RX_GRAPH_LRO_UNSET']) } }), RangeError, /poll\.intervalMs/],
    ['a zero poll interval', () => ({ ...base(), poll: { intervalMs: 0 } }), RangeError, /poll\.intervalMs/],
    ['a negative max interval', () => ({ ...base(), poll: { maxIntervalMs: -1 } }), RangeError, /poll\.maxIntervalMs/],
    ['a delay no timer can hold', () => ({ ...base(), poll: { maxIntervalMs: 2 ** 31 } }), RangeError, /2147483647/],
    ['Infinity as a retry delay', () => ({ ...base(), retry: { maxDelayMs: Infinity } }), RangeError, /retry\.maxDelayMs/],
    ['a backoff factor below 1', () => ({ ...base(), poll: { backoffFactor: 0.5 } }), RangeError, /poll\.backoffFactor/],
    ['a fractional retry count', () => ({ ...base(), retry: { maxRetries: 2.5 } }), RangeError, /retry\.maxRetries/],
    ['a negative retry count', () => ({ ...base(), retry: { maxRetries: -1 } }), RangeError, /retry\.maxRetries/],
    ['a policy that is a number', () => ({ ...base(), poll: 500 }), TypeError, /poll must be an object/],
    ['a misspelt policy option', () => ({ ...base(), poll: { interval: 500 } }), TypeError, /poll has no option 'interval'/],
    ['a misspelt client option', () => ({ ...base(), tokens: 't' }), TypeError, /no option 'tokens'/],
    ['a zero request timeout', () => ({ ...base(), requestTimeoutMs: 0 }), RangeError, /requestTimeoutMs/],
    ['a baseUrl that is not a URL', () => ({ ...base(), baseUrl: 'graph.microsoft.com' }), TypeError, /baseUrl/],
    ['a baseUrl with a path after the version', () => ({ ...base(), baseUrl: `${sim.baseUrl}/me` }), RangeError, /baseUrl must end at the API version/],
    ['an unknown apiVersion', () => ({ ...base(), apiVersion: 'v2.0' }), RangeError, /apiVersion/],
    ['a token source of no known shape', () => ({ ...base(), token: 42 }), TypeError, /token must be .*BehaviorSubject.*TokenCredential/],
    ['an object without getToken', () => ({ ...base(), token: { accessToken: 'x' } }), TypeError, /token must be/],
    ['empty scopes', () => ({ ...base(), scopes: [] }), TypeError, /scopes/],
    ['a trusted origin that is not a URL', () => ({ ...base(), trustedOrigins: ['contoso'] }), TypeError, /trustedOrigins/],
    ['a trusted origin over plain http', () => ({ ...base(), trustedOrigins: ['http://contoso.com'] }), TypeError, /trustedOrigins/],
    ['a trusted origin with user info, whose host is not what it reads as', () => ({ ...base(), trustedOrigins: ['https://graph.microsoft.com@127.0.0.2'] }), TypeError, /trustedOrigins: .* its host is 127\.0\.0\.2/],
    ['a trusted origin with a path', () => ({ ...base(), trustedOrigins: ['https://contoso.sharepoint.com/sites/team'] }), TypeError, /trustedOrigins: .*no path, query or fragment/],
    ['a scheduler that is not one', () => ({ ...base(), scheduler: {} }), TypeError, /scheduler/],
  ])('%s', (_, options, type, message) => {
    const create = () => createGraphClient(options() as GraphClientOptions);
    expect(create).toThrow(type);
    expect(create).toThrow(message);
  });
});

describe('every call checks its arguments before anything is sent', () => {
  const book = () => graph.workbook('/me/drive/items/01ABC');
  it.each<[string, () => unknown, ErrorConstructor, RegExp]>([
    ['createSession() with no argument', () => (book().createSession as () => unknown)(), TypeError, /persistChanges: true/],
    ['createSession(true)', () => book().createSession(true as never), TypeError, /persistChanges/],
    ['createSession({ persist: true })', () => book().createSession({ persist: true } as never), TypeError, /no option 'persist'/],
    ["createSession({ persistChanges: 'yes' })", () => book().createSession({ persistChanges: 'yes' } as never), TypeError, /persistChanges must be true or false/],
    ['createSession with a NaN timeout', () => book().createSession({ persistChanges: true }, { timeoutMs: NaN }), RangeError, /timeoutMs/],
    ['createSession with a per-call poll of 0', () => book().createSession({ persistChanges: true }, { poll: { intervalMs: 0 } }), RangeError, /poll\.intervalMs/],
    ['session() with a zero refresh interval', () => book().session({ persistChanges: true, refreshIntervalMs: 0 }), RangeError, /refreshIntervalMs/],
    ['session() with a refresh interval no timer holds', () => book().session({ persistChanges: true, refreshIntervalMs: 2 ** 32 }), RangeError, /refreshIntervalMs/],
    ['session() without persistChanges', () => book().session({} as never), TypeError, /persistChanges/],
    ['a table row that is not an array of rows', () => book().addTableRow('T', [1, 2] as never), TypeError, /array of rows/],
    ['no rows at all', () => book().addTableRow('T', []), TypeError, /non-empty array/],
    ['a table name with dot segments', () => book().addTableRow('..', [[1]]), TypeError, /dot segments/],
    ['a percent-encoded dot-segment table name', () => book().addTableRow('%2e%2e', [[1]]), TypeError, /dot segments/],
    ['a table name with a backslash', () => book().deleteTableRow('a\\..', 0), TypeError, /backslash/],
    ['a negative row index', () => book().deleteTableRow('T', -1), RangeError, /index/],
    ['a session id with a line break', () => book().addTableRow('T', [[1]], { sessionId: 'a\r\nx-evil: 1' }), TypeError, /sessionId/],
    ['a bare item id', () => graph.workbook('01ABCDEF'), TypeError, /Accepted forms/],
    ['a ref with a query string', () => graph.driveItem('/me/drive/items/01ABC?$select=id'), TypeError, /query string/],
    ['a string passed to copy()', () => graph.driveItem('/me/drive/items/01ABC').copy('Copy of it' as never), TypeError, /copy request must be an object/],
    ['an unknown conflictBehavior', () => graph.driveItem('/me/drive/items/01ABC').copy({ conflictBehavior: 'overwrite' as never }), RangeError, /conflictBehavior/],
    ['a conflictBehavior smuggling a query', () => graph.driveItem('/me/drive/items/01ABC').copy({ conflictBehavior: 'fail&x=1' as never }), RangeError, /conflictBehavior/],
    ['a parentReference that is a string', () => graph.driveItem('/me/drive/items/01ABC').copy({ parentReference: 'root' as never }), TypeError, /parentReference/],
    ['a drive id that is a dot segment', () => graph.driveItem('/me/drive/items/01ABC').copy({ parentReference: { driveId: '..' } }), TypeError, /driveId/],
  ])('%s', (_, call, type, message) => {
    expect(call).toThrow(type);
    expect(call).toThrow(message);
    expect(apiRequests()).toHaveLength(0);
  });

  const Status = t.type({ status: t.string });
  const good = {
    request: { method: 'POST' as const, url: '/teams/T1/clone', body: { displayName: 'x' } },
    status: { codec: Status, describe: (s: { status: string }) => ({ status: s.status }), state: () => 'running' as const },
  };
  it.each<[string, unknown, RegExp]>([
    ['no spec', undefined, /operation spec must be an object/],
    ['no request', { ...good, request: undefined }, /operation spec\.request must be an object/],
    ['a status model that is not one', { ...good, status: 'teams' }, /operation spec\.status must be an object/],
    ['a status model without describe', { ...good, status: { codec: Status, state: () => 'running' } }, /operation spec\.status\.describe must be a function/],
    ['a codec that is not one', { ...good, status: { ...good.status, codec: {} } }, /operation spec\.status\.codec must be an io-ts codec, a Standard Schema validator/],
    ['a method Graph does not take', { ...good, request: { ...good.request, method: 'FETCH' } }, /request\.method/],
    ['a resultUrl without a resultCodec', { ...good, resultUrl: () => 'x' }, /resultCodec/],
    ['a misspelt field', { ...good, resultURL: () => 'x' }, /no option 'resultURL'/],
  ])('graph.operation with %s fails at subscription, before the start request', async (_, spec, message) => {
    const call = graph.operation(spec as never);
    expect(apiRequests()).toHaveLength(0);
    const error = await failure(call);
    expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(apiRequests()).toHaveLength(0);
  });
});

describe('token sources', () => {
  it('a BehaviorSubject holding the current token is a token source', async () => {
    const current = new BehaviorSubject('integration-token-7f3a9c');
    const client = createGraphClient({ baseUrl: sim.baseUrl, token: current, poll: { intervalMs: 5 } });
    await lastValueFrom(client.workbook('/me/drive/items/a').createSession({ persistChanges: true }).pipe(result()));
    current.next('integration-token-rotated');
    await lastValueFrom(client.workbook('/me/drive/items/b').createSession({ persistChanges: true }).pipe(result()));
    expect(apiRequests().every((r) => r.authorization === 'valid')).toBe(true);
  });

  it.each([
    ['a line break', 'abc\r\nx-injected: 1'],
    ['a space', 'abc def'],
    ['a non-ASCII character', 'abcé'],
  ])('a token with %s is an AuthenticationError that does not quote it, and nothing is sent', async (_, bad) => {
    for (const token of [bad, () => bad, async () => bad] as const) {
      const client = createGraphClient({ baseUrl: sim.baseUrl, token, retry: { maxRetries: 0 } });
      const error = (await failure(client.workbook('/me/drive/items/a').createSession({ persistChanges: true }))) as Error;
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(`${error.message} ${error.stack} ${String(error.cause)}`).not.toContain(bad);
    }
    expect(apiRequests()).toHaveLength(0);
  });

  it('a token source that never answers fails after requestTimeoutMs with an AuthenticationError', async () => {
    const client = createGraphClient({ baseUrl: sim.baseUrl, token: () => NEVER as Observable<string>, requestTimeoutMs: 50, retry: { maxRetries: 0 } });
    const error = await failure(client.workbook('/me/drive/items/a').createSession({ persistChanges: true }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/did not answer within 50 ms/);
    expect(apiRequests()).toHaveLength(0);
  });
});
