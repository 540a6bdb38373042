import { firstValueFrom } from 'rxjs';
import { fetchTransport, type FetchLike } from '../../src/http/fetch-transport';

function controllableFetch() {
  const calls: { url: string; init: Parameters<FetchLike>[1]; resolve: (r: Awaited<ReturnType<FetchLike>>) => void; reject: (e: unknown) => void }[] = [];
  const fetch: FetchLike = (url, init) =>
    new Promise((resolve, reject) => {
      calls.push({ url, init, resolve, reject });
      init.signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
  return { fetch, calls };
}

const response = (status: number, body: string, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  text: async () => body,
});

describe('fetchTransport', () => {
  it('is cold: nothing is fetched before subscription, and each subscription fetches', async () => {
    const { fetch, calls } = controllableFetch();
    const request$ = fetchTransport(fetch)({ method: 'GET', url: 'https://x/a', headers: { accept: 'application/json' } });
    expect(calls).toHaveLength(0);
    const first = firstValueFrom(request$);
    calls[0]!.resolve(response(200, '{"ok":true}', { 'Retry-After': '2' }));
    await expect(first).resolves.toEqual({ status: 200, headers: { 'retry-after': '2' }, body: '{"ok":true}' });
    const second = firstValueFrom(request$);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(response(204, ''));
    await expect(second).resolves.toMatchObject({ status: 204, body: '' });
  });

  it('aborts the fetch when unsubscribed before the answer, and reports nothing after', async () => {
    const { fetch, calls } = controllableFetch();
    const seen: unknown[] = [];
    const subscription = fetchTransport(fetch)({ method: 'POST', url: 'https://x/a', headers: {}, body: '{}' }).subscribe({
      next: (v) => seen.push(v),
      error: (e) => seen.push(e),
    });
    expect(calls[0]!.init.signal.aborted).toBe(false);
    subscription.unsubscribe();
    expect(calls[0]!.init.signal.aborted).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([]);
  });

  it('does not abort a request that has already answered', async () => {
    const { fetch, calls } = controllableFetch();
    const done = firstValueFrom(fetchTransport(fetch)({ method: 'GET', url: 'https://x/a', headers: {} }));
    calls[0]!.resolve(response(200, '{}'));
    await done;
    expect(calls[0]!.init.signal.aborted).toBe(false);
  });

  it('passes method, headers, body and redirect mode to fetch', async () => {
    const { fetch, calls } = controllableFetch();
    const done = firstValueFrom(
      fetchTransport(fetch)({ method: 'POST', url: 'https://x/a', headers: { prefer: 'respond-async' }, body: '{"a":1}', redirect: 'manual' }),
    );
    expect(calls[0]!.init).toMatchObject({ method: 'POST', headers: { prefer: 'respond-async' }, body: '{"a":1}', redirect: 'manual' });
    calls[0]!.resolve(response(202, ''));
    await done;
  });

  it('errors with the fetch error when there is no answer', async () => {
    const { fetch, calls } = controllableFetch();
    const done = firstValueFrom(fetchTransport(fetch)({ method: 'GET', url: 'https://x/a', headers: {} }));
    calls[0]!.reject(new TypeError('ECONNRESET'));
    await expect(done).rejects.toThrow('ECONNRESET');
  });
});
