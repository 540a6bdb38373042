/** `localhost`, `127.0.0.0/8` and `[::1]`: the only hosts plain `http` may reach. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why the library refuses to talk to `url` at all, or `undefined` when it
 * may: `https` anywhere, plain `http` only on loopback (tests, the simulator).
 */
export function refusalReason(url: URL): string | undefined {
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  if (url.protocol === 'http:') return `plain http is allowed only to loopback hosts, not ${url.host}`;
  return `the scheme ${url.protocol} is not allowed`;
}

/**
 * The set of origins trusted with the bearer token: the API root's and the
 * caller's extras. Being allowed to talk to an origin is not being trusted.
 */
export function trustedOriginSet(apiRoot: string, extra: readonly string[] = []): ReadonlySet<string> {
  const origins = new Set([new URL(apiRoot).origin]);
  for (const entry of extra) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new TypeError(`trustedOrigins: ${JSON.stringify(entry)} is not an origin such as 'https://graph.microsoft.us'`);
    }
    const refusal = refusalReason(url);
    if (refusal) throw new TypeError(`trustedOrigins: ${url.origin} is refused: ${refusal}`);
    origins.add(url.origin);
  }
  return origins;
}
