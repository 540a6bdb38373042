import crossFetch from 'cross-fetch';
import type { FetchLike } from './transport.js';

/**
 * The fetch used when the caller gives none: cross-fetch in Node. Browser
 * bundles resolve the package's `browser` export condition to dist/browser,
 * where this module is `defaultFetch.browser.ts`: the browser's own fetch,
 * so cross-fetch is not bundled.
 */
export const defaultFetch: FetchLike = crossFetch as unknown as FetchLike;

/**
 * cross-fetch in Node (node-fetch) takes its abort listener off a request's
 * signal when that request ends, so one signal can serve an operation's
 * requests one after another. Node's own fetch (and the WHATWG fetch of
 * browsers) keeps each request's listener until the request is collected:
 * on one signal, a long operation's polls pile them up (Node warns past
 * 1,500), so those get a controller per request.
 */
export const DEFAULT_FETCH_RELEASES_SIGNALS = true;

/**
 * The fetch a file download uses when the client has none: Node's own
 * (undici). cross-fetch's node-fetch 2 never ends a body whose connection
 * drops before its `Content-Length` (it pipes the response into a stream
 * that is told neither of the error nor of the close), so a download cut
 * midway would wait out its whole `timeoutMs` before it is retried; Node's
 * fetch fails it at once. Looked up per call, as in the browser build.
 */
export const defaultDownloadFetch: FetchLike = (input, init) => (globalThis.fetch as unknown as FetchLike)(input, init);
