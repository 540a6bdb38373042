// rx-graph-lro/http: how requests travel. The transports the client can use, and the
// shape of a transport of your own (the testing entry's marble kit is one).
export { fetchTransport } from './fetch-transport.js';
// Node only: the browser build swaps in a stub (scripts/build.mjs), so browser bundles never see undici.
export { undiciTransport } from './undici-transport.js';
export type { UndiciTransport, UndiciTransportOptions } from './undici-options.js';
export type { FetchLike, HttpTransport, HttpRequest, HttpResponse, HttpMethod } from './transport.js';
