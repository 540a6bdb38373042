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
