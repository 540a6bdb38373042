// rx-graph-lro/http: how requests travel. The transports the client can use, and the
// shape of a transport of your own (the testing entry's marble kit is one).
export { fetchTransport } from './fetch-transport.js';
export type { FetchLike, HttpTransport, HttpRequest, HttpResponse, HttpMethod } from './transport.js';
