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
 *
 * Each extra must be a bare origin (`https://host[:port]`, a trailing `/`
 * allowed). Refused with a `TypeError` naming the entry: user info
 * (`https://graph.microsoft.com@127.0.0.2` is the host `127.0.0.2`, not
 * Graph), and a path, query or fragment (trust is per origin: a path would
 * read as if only that path were trusted).
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
    const why =
      url.username || url.password
        ? `it has user info (so its host is ${url.host})`
        : url.pathname !== '/' || url.search || url.hash || /[?#]/.test(entry)
          ? 'an origin has no path, query or fragment'
          : undefined;
    if (why) throw new TypeError(`trustedOrigins: ${JSON.stringify(withoutPassword(url))} is refused: ${why}; give ${JSON.stringify(url.origin)}`);
    origins.add(url.origin);
  }
  return origins;
}

/** A URL as it may be quoted in an error: a password in it is replaced by `***`. */
export function withoutPassword(url: URL): string {
  if (!url.password) return url.href;
  const shown = new URL(url.href);
  shown.password = '***';
  return shown.href;
}

/**
 * What the library may do with one URL: talk to it at all (`refusal` says
 * why not), and send it the token and the headers that are credentials too
 * (`trusted`).
 */
export interface OriginVerdict {
  readonly origin: string;
  /** The origin is trusted with the token. */
  readonly trusted: boolean;
  /** Why the library will not talk to this URL at all, or `undefined`. */
  readonly refusal: string | undefined;
}

/**
 * The one trust decision: whether `url` is on an origin trusted with the
 * token, and whether it may be talked to at all. `null` when `url` is not an
 * absolute URL.
 *
 * Most URLs are on a trusted origin (Graph's), and start with that origin
 * and a `/`: that prefix settles the origin without parsing (nothing can
 * follow an authority that a `/` has closed), and a trusted origin was
 * checked when the client was made. Anything else is parsed.
 */
export function originVerdict(url: string, trusted: ReadonlySet<string>): OriginVerdict | null {
  const origin = trustedPrefix(url, trusted);
  if (origin !== undefined) return { origin, trusted: true, refusal: undefined };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return { origin: parsed.origin, trusted: trusted.has(parsed.origin), refusal: refusalReason(parsed) };
}

/** Whether the token may go to `url`: {@link originVerdict}, as a yes or no. */
export function isTrustedUrl(url: string, trusted: ReadonlySet<string>): boolean {
  return trustedPrefix(url, trusted) !== undefined || originVerdict(url, trusted)?.trusted === true;
}

/** The trusted origin `url` starts with, followed by a `/`, if any. */
function trustedPrefix(url: string, trusted: ReadonlySet<string>): string | undefined {
  for (const origin of trusted) {
    if (url.length > origin.length && url.charCodeAt(origin.length) === 47 /* / */ && url.startsWith(origin)) return origin;
  }
  return undefined;
}
