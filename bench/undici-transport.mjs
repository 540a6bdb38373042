// What a request costs on each transport, and the choices inside
// undiciTransport(), measured alone: client CPU per request against a
// loopback server in another process, 50 requests in flight, a Graph-sized
// JSON body (about 200 bytes). Variants run interleaved, each in its own
// process; medians and [min–max] over the rounds.
//   node bench/undici-transport.mjs [requests=20000] [rounds=5] [only=comma-separated parts of variant names]
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const argv = process.argv.slice(2);
const role = argv[0] === 'server' || argv[0] === 'client' ? argv[0] : 'driver';
const args = role === 'driver' ? argv : argv.slice(1);

const variants = {
  // The transports, as the client calls them.
  'fetchTransport(cross-fetch)': { transport: 'cross' },
  'fetchTransport(cross-fetch), a signal per operation': { transport: 'cross', signal: true },
  "fetchTransport(Node's fetch)": { transport: 'native' },
  "fetchTransport(Node's fetch), a signal per operation": { transport: 'native', signal: true },
  'undiciTransport()': { transport: 'undici' },
  'undiciTransport(), a signal per operation': { transport: 'undici', signal: true },
  'undiciTransport(), server gzips (inflated as a stream)': { transport: 'undici', gzip: true },
  // The fetches bare, as the hand-written loop calls them: what the transport adds around each.
  'bare cross-fetch (fetch, text())': { bare: 'cross' },
  "bare Node's fetch (fetch, text())": { bare: 'native' },
  // undici's two handler APIs, bare: the one the transport uses, and the deprecated one it does not.
  'dispatch(), onRequestStart… handler': { raw: 'controller' },
  'dispatch(), onConnect… handler (deprecated)': { raw: 'legacy' },
};

if (role === 'server') {
  const body = JSON.stringify({ id: 'op-123456', status: 'running', resourceLocation: 'http://127.0.0.1/v1.0/me/drive/items/x/workbook/sessionInfoResource(key=%27abc%27)', createdDateTime: '2024-01-01T00:00:00Z' });
  const gz = gzipSync(body);
  const headers = { 'content-type': 'application/json', 'cache-control': 'no-store', 'request-id': 'abcdef-0123', 'strict-transport-security': 'max-age=31536000' };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (/gzip/.test(req.headers['accept-encoding'] ?? '') && req.url.startsWith('/gz')) res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': gz.length }).end(gz);
      else res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) }).end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
} else if (role === 'client') {
  const [name, port, total] = args;
  const variant = variants[name];
  const origin = `http://127.0.0.1:${port}`;
  const one = await requester(variant, origin);
  const pool = async (count) => {
    let started = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        // A worker runs operations of 5 requests (a createSession: start, 3 polls, the result), one
        // after another; an operation's requests share its signal.
        let operation = new AbortController();
        for (let n = 0; started++ < count; n++) {
          if (n % 5 === 0) operation = new AbortController();
          if ((await one(operation.signal)).length < 10) throw new Error('short body');
        }
      }),
    );
  };
  await pool(2000);
  const cpu = process.cpuUsage();
  await pool(Number(total));
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ usPerRequest: (used.user + used.system) / Number(total) }));
  process.exit(0);
} else {
  const [total = '20000', rounds = '5', only] = args;
  const server = spawn(process.execPath, [self, 'server']);
  const port = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(String(d).trim())));
  const results = {};
  for (let round = 0; round < Number(rounds); round++) {
    for (const name of Object.keys(variants).filter((n) => !only || only.split(',').some((o) => n.includes(o)))) {
      const out = execFileSync(process.execPath, [self, 'client', name, port, total], { encoding: 'utf8' });
      (results[name] ??= []).push(JSON.parse(out.trim().split('\n').pop()).usPerRequest);
      process.stderr.write('.');
    }
  }
  server.kill();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`\nclient CPU per request, ${total} requests, 50 in flight, ${rounds} rounds, Node ${process.version}: median [min–max]\n`);
  console.log('| variant | CPU / request |\n|---|---|');
  for (const [name, xs] of Object.entries(results)) console.log(`| ${name} | ${median(xs).toFixed(1)} µs [${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}] |`);
}

/** `(signal) => Promise<body text>` for one variant. */
async function requester(variant, origin) {
  if (variant.raw) return rawDispatch(variant.raw, origin);
  if (variant.bare) {
    const fetch = variant.bare === 'cross' ? (await import('cross-fetch')).default : globalThis.fetch;
    const headers = { accept: 'application/json', authorization: 'Bearer bench' };
    return async () => (await fetch(`${origin}/op`, { headers })).text();
  }
  const { fetchTransport, undiciTransport } = await import('rx-graph-lro/http');
  const crossFetch = variant.transport === 'cross' ? (await import('cross-fetch')).default : undefined;
  const transport = variant.transport === 'undici' ? undiciTransport() : fetchTransport(crossFetch ?? globalThis.fetch);
  const request = {
    method: 'GET',
    url: `${origin}${variant.gzip ? '/gz/op' : '/op'}`,
    headers: { accept: 'application/json', authorization: 'Bearer bench', ...(variant.gzip ? { 'accept-encoding': 'gzip' } : {}) },
  };
  return (signal) =>
    new Promise((resolve, reject) => {
      transport(variant.signal ? { ...request, signal } : request).subscribe({ next: (r) => resolve(r.body), error: reject });
    });
}

/** undici's dispatch() with a minimal handler of either API: what the handler API itself costs. */
async function rawDispatch(api, origin) {
  const { Agent } = await import('undici');
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const decoder = new TextDecoder();
  const options = { origin, path: '/op', method: 'GET', headers: { accept: 'application/json', authorization: 'Bearer bench', 'accept-encoding': 'identity' }, headersTimeout: 100_000, bodyTimeout: 100_000 };
  const text = (chunks) => decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  if (api === 'controller') {
    return () =>
      new Promise((resolve, reject) => {
        const chunks = [];
        agent.dispatch(options, {
          onRequestStart() {},
          onResponseStart(_c, status, headers) {
            void status, headers['location'];
          },
          onResponseData(_c, chunk) {
            chunks.push(chunk);
          },
          onResponseEnd() {
            resolve(text(chunks));
          },
          onResponseError(_c, error) {
            reject(error);
          },
        });
      });
  }
  return () =>
    new Promise((resolve, reject) => {
      const chunks = [];
      agent.dispatch(options, {
        onConnect() {},
        onHeaders(status, raw) {
          // Only the names the library reads, found by length before being decoded.
          for (let i = 0; i < raw.length; i += 2) if (raw[i].length === 8 && raw[i].toString('latin1').toLowerCase() === 'location') void raw[i + 1].toString('latin1');
          return status > 0;
        },
        onData(chunk) {
          chunks.push(chunk);
          return true;
        },
        onComplete() {
          resolve(text(chunks));
        },
        onError(error) {
          reject(error);
        },
      });
    });
}
