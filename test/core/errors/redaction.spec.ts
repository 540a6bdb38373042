import { inspect } from 'node:util';
import { redactedCause, redactSecrets } from '../../../src/core/errors/redaction';

const JWT = 'eyJhbGciOiJub25lIn0.eyJ1cG4iOiJhQGIuYyJ9.c2ln';

describe('redactSecrets', () => {
  it.each([
    ['a monitor URL', 'GET https://x.sharepoint.com/_api/monitor?tempauth=v1.abc.def&x=1 failed', 'GET https://x.sharepoint.com/_api/monitor?tempauth=redacted&x=1 failed'],
    ['tempAuth in any case, quoted', `"https://m/x?a=1&TempAuth=SECRET"`, `"https://m/x?a=1&TempAuth=redacted"`],
    ['a JWT', `token ${JWT} expired`, 'token [redacted JWT] expired'],
    ['an unsigned JWT', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0. is not signed', '[redacted JWT] is not signed'],
    ['a Bearer header value', 'Authorization: Bearer 0123456789abcdef0123', 'Authorization: Bearer [redacted]'],
    ['a Bearer header value, base64 with padding', 'bearer QUJDREVGR0hJSktMTU5PUFFSU1RVVldY==', 'bearer [redacted]'],
    ['the word Bearer in prose', 'Bearer token is missing', 'Bearer token is missing'],
    ['nothing secret', 'socket hang up', 'socket hang up'],
  ])('%s', (_, text, expected) => expect(redactSecrets(text)).toBe(expected));

  it('takes out a known token of any shape, wherever it appears', () => {
    expect(redactSecrets('value "abc.def-1" refused; abc.def-1 again', ['abc.def-1'])).toBe('value "[redacted]" refused; [redacted] again');
  });
});

describe('redactedCause', () => {
  it('keeps a cause with nothing secret as it is (the same object)', () => {
    const cause = new TypeError('socket hang up', { cause: new Error('ECONNRESET') });
    expect(redactedCause(cause)).toBe(cause);
    expect(redactedCause(undefined)).toBeUndefined();
    expect(redactedCause(42)).toBe(42);
  });

  it('copies one that carries a secret: same prototype, name and properties, strings redacted, at every depth', () => {
    class FetchError extends Error {
      readonly type = 'system';
      constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = 'FetchError';
        Error.captureStackTrace(this, FetchError); // an accessor from Node 22 on
      }
    }
    const deep = new Error(`the token ${JWT}`);
    const original = new FetchError('request to https://m/x?tempauth=S3CRET failed', { cause: new AggregateError([deep], 'connect') });
    const copy = redactedCause(original) as FetchError;
    expect(copy).not.toBe(original);
    expect(copy).toBeInstanceOf(FetchError);
    expect(copy).toMatchObject({ name: 'FetchError', type: 'system', message: 'request to https://m/x?tempauth=redacted failed' });
    expect(copy.stack).toContain('tempauth=redacted');
    const text = inspect(copy, { depth: 10, showHidden: true });
    expect(text).not.toContain('S3CRET');
    expect(text).not.toContain(JWT);
    expect(text).toContain('[redacted JWT]');
    // The original is not touched: it may be the caller's own.
    expect(original.message).toContain('S3CRET');
  });

  it('a cycle in the chain leads back to the copy, never to the original', () => {
    const a = new Error('tempauth: ?tempauth=S3CRET') as Error & { self?: unknown };
    a.self = a;
    const b = new Error('outer', { cause: a });
    (a as { cause?: unknown }).cause = b;
    const copy = redactedCause(b) as Error;
    const inner = copy.cause as Error & { self?: unknown };
    expect(inner.self).toBe(inner);
    expect(inner.cause).toBe(copy);
    expect(inspect(copy, { depth: 10, showHidden: true })).not.toContain('S3CRET');
  });

  it('a string cause is redacted; other objects (a Map) are kept as they are', () => {
    expect(redactedCause(`Bearer ${JWT}`)).toBe('Bearer [redacted JWT]');
    const map = new Map([['k', 'v']]);
    expect(redactedCause(map)).toBe(map);
  });
});
