import { resolveLocation } from '../../../src/core/url/location';
import { ProtocolError } from '../../../src/core/errors/protocol-error';

const ROOT = 'https://graph.microsoft.com/v1.0';
const REQUEST = 'https://graph.microsoft.com/v1.0/me/drive/items/X/workbook/createSession';
const ctx = { method: 'POST', url: REQUEST, status: 202 };

describe('resolveLocation', () => {
  it.each([
    ['an absolute URL as it is', 'https://graph.microsoft.com/v1.0/me/drive/items/X/workbook/operations/1', 'https://graph.microsoft.com/v1.0/me/drive/items/X/workbook/operations/1'],
    ['a foreign https origin (monitor)', 'https://api.onedrive.com/monitor/4A34', 'https://api.onedrive.com/monitor/4A34'],
    ['a path from the root under the API root', "/teams('t1')/operations('o1')", "https://graph.microsoft.com/v1.0/teams('t1')/operations('o1')"],
    ['a path that already names the version', '/v1.0/me/drive/items/X/workbook/operations/1', 'https://graph.microsoft.com/v1.0/me/drive/items/X/workbook/operations/1'],
    ['a relative path against the request URL', 'operations/7', 'https://graph.microsoft.com/v1.0/me/drive/items/X/workbook/operations/7'],
    ['a protocol-relative URL (https, foreign, so no token later)', '//monitor.example.com/m/1', 'https://monitor.example.com/m/1'],
    ['http on loopback (tests, the simulator)', 'http://127.0.0.1:9999/m/1', 'http://127.0.0.1:9999/m/1'],
  ])('resolves %s', (_what, location, expected) => {
    expect(resolveLocation(location, REQUEST, ROOT, ctx)).toBe(expected);
  });

  it.each([
    ['missing', undefined, /no Location/],
    ['empty', '  ', /no Location/],
    ['plain http off loopback', 'http://graph.microsoft.com/x', /plain http/],
    ['javascript:', 'javascript:alert(1)', /scheme javascript:/],
    ['file:', 'file:///etc/passwd', /scheme file:/],
    ['repeated', 'https://a.example/1, https://b.example/2', /more than one Location/],
  ])('refuses a Location that is %s with a ProtocolError', (_what, location, message) => {
    let error: unknown;
    try {
      resolveLocation(location, REQUEST, ROOT, ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toMatch(message);
    expect((error as ProtocolError).status).toBe(202);
    expect((error as ProtocolError).url).toBe(REQUEST);
  });
});

describe('error messages', () => {
  it('without a request context have no stray leading ": "', async () => {
    const { ProtocolError } = await import('../../../src/core/errors/protocol-error');
    const { DecodeError } = await import('../../../src/core/errors/decode-error');
    const { NetworkError } = await import('../../../src/core/errors/network-error');
    expect(new ProtocolError({}, { reason: 'the handle location is not an absolute URL' }).message).toBe('the handle location is not an absolute URL');
    expect(new DecodeError({}, { path: '$', problems: ['$: expected a JSON body'] }).message).toBe('unexpected payload: $: expected a JSON body');
    expect(new NetworkError({}, { cause: new Error('reset') }).message).toBe('network failure: reset');
    expect(new ProtocolError({ method: 'GET', url: 'https://x/y' }, { reason: 'boom' }).message).toBe('GET https://x/y: boom');
  });
});

describe('errors never carry a monitor URL\'s tempAuth', () => {
  it('in their url or their message', async () => {
    const { OperationTimeoutError } = await import('../../../src/core/errors/operation-timeout-error');
    const { GraphHttpError } = await import('../../../src/core/errors/graph-http-error');
    const url = 'https://contoso.sharepoint.com/_api/v2.0/monitor/1?tempAuth=SECRET-VALUE&x=1';
    for (const error of [new OperationTimeoutError({ method: 'GET', url }, { timeoutMs: 5, lastStatus: 'inProgress' }), new GraphHttpError({ method: 'GET', url, status: 423 })]) {
      expect(`${error.message} ${error.url}`).not.toContain('SECRET-VALUE');
      expect(error.url).toBe('https://contoso.sharepoint.com/_api/v2.0/monitor/1?tempAuth=redacted&x=1');
    }
  });
});
