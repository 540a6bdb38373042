import type { HttpTransport } from './transport.js';
import { fetchTransport } from './fetch-transport.js';

/** The browser build's default transport (scripts/build.mjs swaps it in): the browser's own fetch; undici is never reached. */
export function defaultTransport(): HttpTransport {
  return fetchTransport();
}
