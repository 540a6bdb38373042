import type { HttpTransport } from './transport.js';
import { fetchTransport } from './fetch-transport.js';
import { undiciTransport } from './undici-transport.js';

/**
 * The transport a client sends with when it is given neither `transport`
 * nor `fetch`: in Node, {@link undiciTransport} (undici's dispatcher, a
 * keep-alive `Agent` per client, requests bounded by undici's own timeouts,
 * no `AbortController` and no timer per request); where undici cannot run
 * (Node before 20.18.1), {@link fetchTransport} over cross-fetch. Browser
 * bundles get `default-transport.browser.ts` instead: the browser's fetch,
 * and never undici.
 */
export function defaultTransport(): HttpTransport {
  try {
    return undiciTransport();
  } catch {
    return fetchTransport();
  }
}
