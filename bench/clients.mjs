// The three clients compared by `npm run bench`, each doing the same job:
// async createSession (Prefer: respond-async), poll the Location at a fixed
// interval until succeeded, then GET resourceLocation.
import crossFetch from 'cross-fetch';
import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { createHttpPoller as createHttpPoller33 } from '@azure/core-lro';

/**
 * The HTTP clients each client can run on: cross-fetch, Node's fetch, and
 * undici. On undici, rx-graph-lro uses its own undiciTransport(); the
 * hand-written loop and core-lro get the thinnest fetch a user would write
 * over undici's request() on one keep-alive Agent (loaded only when asked for).
 */
export const fetches = { cross: async () => crossFetch, native: async () => globalThis.fetch, undici: undiciFetch };

async function undiciFetch() {
  const { Agent } = await import('undici');
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const header = (headers) => (name) => {
    const value = headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  return async (url, init = {}) => {
    const { origin, pathname, search } = new URL(url);
    const response = await agent.request({ origin, path: `${pathname}${search}`, method: init.method ?? 'GET', headers: init.headers, body: init.body });
    const { statusCode: status, headers, body } = response;
    return {
      status,
      ok: status >= 200 && status < 300,
      headers: { get: header(headers), forEach: (fn) => Object.entries(headers).forEach(([k, v]) => fn(Array.isArray(v) ? v.join(', ') : v, k)) },
      json: () => body.json(),
      text: () => body.text(),
      arrayBuffer: () => body.arrayBuffer(),
    };
  };
}
const TOKEN = 'bench-token';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** rx-graph-lro as a user would configure it for a steady poll interval; on undici, with no transport option: its default (undiciTransport()). */
export function rxClient({ baseUrl, fetch, fetchName, intervalMs }) {
  const http = fetchName === 'undici' ? {} : { fetch };
  const graph = createGraphClient({ baseUrl, token: TOKEN, ...http, poll: { intervalMs, backoffFactor: 1 } });
  return (item) => lastValueFrom(graph.workbook(item).createSession({ persistChanges: true }).pipe(result()));
}

/** A careful hand-written loop: retries 504/429/503 on the start, polls, reads the result. */
export function handClient({ baseUrl, fetch, intervalMs }) {
  const auth = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };
  const getJson = async (url) => {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, { headers: auth });
      if ([429, 503, 504].includes(response.status) && attempt < 4) {
        await sleep(Number(response.headers.get('retry-after') ?? 0) * 1000 || 250 * 2 ** attempt);
        continue;
      }
      if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
      return response.json();
    }
  };
  return async (item) => {
    const url = `${baseUrl}${item}/workbook/createSession`;
    let response;
    for (let attempt = 0; ; attempt++) {
      response = await fetch(url, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', prefer: 'respond-async' },
        body: JSON.stringify({ persistChanges: true }),
      });
      if ([429, 503, 504].includes(response.status) && attempt < 4) {
        await sleep(250 * 2 ** attempt);
        continue;
      }
      break;
    }
    if (response.status === 201) return response.json();
    if (response.status !== 202) throw new Error(`createSession: ${response.status}`);
    await response.arrayBuffer();
    const location = new URL(response.headers.get('location'), url).href;
    for (;;) {
      await sleep(intervalMs);
      const operation = await getJson(location);
      const status = String(operation.status).toLowerCase();
      if (status === 'succeeded') return getJson(operation.resourceLocation);
      if (status === 'failed') throw new Error(operation.error?.message ?? 'failed');
    }
  };
}

/** @azure/core-lro's createHttpPoller over the same fetch; Graph's Location is its operation-location. */
export function coreLroClient({ baseUrl, fetch, intervalMs, createHttpPoller = createHttpPoller33 }) {
  const auth = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };
  const toRaw = async (response, method, url) => {
    const text = await response.text();
    const headers = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    const body = text ? JSON.parse(text) : undefined;
    return { flatResponse: body, rawResponse: { statusCode: response.status, request: { method, url }, headers, body } };
  };
  return async (item) => {
    const url = `${baseUrl}${item}/workbook/createSession`;
    const poller = createHttpPoller(
      {
        sendInitialRequest: async () => {
          const response = await fetch(url, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json', prefer: 'respond-async' },
            body: JSON.stringify({ persistChanges: true }),
          });
          const raw = await toRaw(response, 'POST', url);
          // Graph's Location behaves as an Azure operation-location: the body has status and resourceLocation.
          if (raw.rawResponse.headers.location) raw.rawResponse.headers['operation-location'] = new URL(raw.rawResponse.headers.location, url).href;
          return raw;
        },
        sendPollRequest: async (path) => toRaw(await fetch(path, { headers: auth }), 'GET', path),
      },
      { intervalInMs: intervalMs },
    );
    return poller.pollUntilDone();
  };
}

/** The same client on core-lro 3.4, the current release (it needs Node 22): loaded only when asked for. */
async function coreLro34Client(options) {
  const { createHttpPoller } = await import('core-lro-3.4');
  return coreLroClient({ ...options, createHttpPoller });
}

export const clients = { rx: rxClient, hand: handClient, 'core-lro': coreLroClient, 'core-lro-3.4': coreLro34Client };
