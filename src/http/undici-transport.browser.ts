import type { UndiciTransport, UndiciTransportOptions } from './undici-options.js';

// The browser build's undici-transport.js (scripts/build.mjs swaps it in):
// undici is Node's HTTP client, so browser bundles get neither it nor
// node:zlib, only this stub that says so.

export type { UndiciTransport, UndiciTransportOptions };

/** Not in a browser: there the transport is `fetchTransport()`, over the browser's own fetch. */
export function undiciTransport(_options?: UndiciTransportOptions): UndiciTransport {
  throw new Error('undiciTransport is for Node (undici is its HTTP client): in a browser, use fetchTransport()');
}
