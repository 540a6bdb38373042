import type { FetchLike } from './transport.js';

/** The browser's own fetch, looked up per call so a polyfill installed later is used. */
export const defaultFetch: FetchLike = (input, init) => (globalThis.fetch as unknown as FetchLike)(input, init);

/** The browser's fetch keeps each request's abort listener on its signal: a controller per request. */
export const DEFAULT_FETCH_RELEASES_SIGNALS = false;

/** The fetch a file download uses when the client has none: the browser's own, as for everything else. */
export const defaultDownloadFetch: FetchLike = defaultFetch;
