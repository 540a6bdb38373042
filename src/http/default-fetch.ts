import crossFetch from 'cross-fetch';
import type { FetchLike } from './transport.js';

/**
 * The fetch used when the caller gives none: cross-fetch in Node. Browser
 * bundles resolve the package's `browser` export condition to dist/browser,
 * where this module is `defaultFetch.browser.ts`: the browser's own fetch,
 * so cross-fetch is not bundled.
 */
export const defaultFetch: FetchLike = crossFetch as unknown as FetchLike;
