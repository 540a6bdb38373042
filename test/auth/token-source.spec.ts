import { EMPTY, firstValueFrom, lastValueFrom, Observable, of } from 'rxjs';
import { throwError } from 'rxjs';
import { toTokenProvider, type TokenProvider } from '../../src/auth/token-source';
import { AuthenticationError } from '../../src/core/errors/authentication-error';
import { createGraphClient } from '../../src/client';
import { result } from '../../src/lro/operators/result';
import { json } from '../helpers/fake-transport';
import type { HttpRequest } from '../../src/http/transport';

const scopes = ['https://graph.microsoft.us/.default'];

/** The token a provider gives, as an Observable whatever its kind. */
function tokenOf(provider: TokenProvider, forceRefresh = false): Observable<string> {
  switch (provider.kind) {
    case 'fixed':
      return of(provider.token);
    case 'source':
      return provider.token(forceRefresh);
    case 'refused':
      return throwError(() => new AuthenticationError({}, { reason: provider.reason }));
    case 'transport':
      return EMPTY;
  }
}

describe('token sources', () => {
  it('a fixed string is used as is and cannot be refreshed', async () => {
    const provider = toTokenProvider('abc', scopes);
    expect(provider).toEqual({ kind: 'fixed', token: 'abc' });
  });

  it('a function may return a string, a Promise or an Observable, and is told the scopes and forceRefresh', async () => {
    const asked: unknown[] = [];
    for (const answer of [() => 'plain', async () => 'promised', () => of('observed')]) {
      const provider = toTokenProvider((request) => {
        asked.push(request);
        return answer();
      }, scopes);
      expect(provider.kind).toBe('source');
      await firstValueFrom(tokenOf(provider, true));
    }
    expect(asked).toEqual([
      { scopes, forceRefresh: true },
      { scopes, forceRefresh: true },
      { scopes, forceRefresh: true },
    ]);
  });

  it("an Azure TokenCredential's getToken is asked for the scopes", async () => {
    const calls: unknown[] = [];
    const credential = { getToken: async (s: string | string[]) => (calls.push(s), { token: 'credential-token', expiresOnTimestamp: 0 }) };
    expect(await firstValueFrom(tokenOf(toTokenProvider(credential, scopes)))).toBe('credential-token');
    expect(calls).toEqual([scopes]);
  });

  it.each([
    ['an empty string', ''],
    ['a function that throws', () => { throw new Error('boom'); }],
    ['a rejected Promise', () => Promise.reject(new Error('interaction_required'))],
    ['an Observable that completes empty', () => EMPTY],
    ['a non-string', () => 42 as unknown as string],
    ['a credential answering null', { getToken: async () => null }],
  ])('%s is an AuthenticationError', async (_what, source) => {
    await expect(lastValueFrom(tokenOf(toTokenProvider(source as never, scopes)))).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('takes only the first value of an Observable and then lets it go', async () => {
    let unsubscribed = false;
    const source = () =>
      new Observable<string>((s) => {
        s.next('first');
        return () => (unsubscribed = true);
      });
    expect(await firstValueFrom(tokenOf(toTokenProvider(source, scopes)))).toBe('first');
    expect(unsubscribed).toBe(true);
  });

  it('the client asks for {base URL origin}/.default by default, or the scopes it is given', async () => {
    const asked: (readonly string[])[] = [];
    const transport = (_req: HttpRequest) => of(json(201, { id: 's', persistChanges: true }));
    const token = ({ scopes: s }: { scopes: readonly string[] }) => (asked.push(s), 't');
    await lastValueFrom(createGraphClient({ baseUrl: 'https://graph.microsoft.us', token, transport }).workbook('/me/drive/items/1').createSession({ persistChanges: true }).pipe(result()));
    await lastValueFrom(createGraphClient({ scopes: ['Files.ReadWrite'], token, transport }).workbook('/me/drive/items/1').createSession({ persistChanges: true }).pipe(result()));
    expect(asked).toEqual([['https://graph.microsoft.us/.default'], ['Files.ReadWrite']]);
  });

  it('strips a "Bearer " prefix a source may add, so it is not sent twice', async () => {
    expect(await firstValueFrom(tokenOf(toTokenProvider('Bearer abc', scopes)))).toBe('abc');
    expect(await firstValueFrom(tokenOf(toTokenProvider(async () => 'bearer  xyz ', scopes)))).toBe('xyz');
  });
});
