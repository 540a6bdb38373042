import { refusalReason, withoutPassword } from './origins.js';
import { checkOneOf, describeValue } from '../policy/validation.js';

/** The API versions Graph serves. */
export const API_VERSIONS = ['v1.0', 'beta'] as const;

/**
 * The one rule for "a URL under the API root", for every address the
 * library is given or told: an absolute URL stays as it is; a path that
 * already starts with the root's own path (`/v1.0/teams/…`) is taken from
 * the origin; any other path (`/teams/…`, `teams/…`, Graph's OData-key
 * `/teams('…')/operations('…')`) goes under the root.
 */
export function apiUrl(apiRoot: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  const { origin, rootPath } = splitRoot(apiRoot);
  const absolute = path.startsWith('/') ? path : `/${path}`;
  if (rootPath && (absolute === rootPath || absolute.startsWith(`${rootPath}/`) || absolute.startsWith(`${rootPath}?`))) return `${origin}${absolute}`;
  return `${origin}${rootPath}${absolute}`;
}

// A client has one API root: parse it once, not for every operation.
let lastRoot: { readonly apiRoot: string; readonly origin: string; readonly rootPath: string } | undefined;
function splitRoot(apiRoot: string): { readonly origin: string; readonly rootPath: string } {
  if (lastRoot?.apiRoot !== apiRoot) {
    const root = new URL(apiRoot);
    lastRoot = { apiRoot, origin: root.origin, rootPath: root.pathname.replace(/\/+$/, '') };
  }
  return lastRoot;
}

/**
 * The API root from the client's options: the base URL with its version.
 * A base URL without a version gets `apiVersion` (default `v1.0`); with
 * `apiVersion` given, a trailing `/v1.0` or `/beta` is replaced by it.
 * National clouds: `https://graph.microsoft.us`, `https://dod-graph.microsoft.us`,
 * `https://microsoftgraph.chinacloudapi.cn`. Refused (naming the option):
 * a base URL that does not parse, has a scheme the library does not talk to,
 * a query, fragment or credentials, or a path after the version
 * (`…/v1.0/me` would send `/v1.0/me/me/drive/…`); an `apiVersion` other than
 * `v1.0` and `beta`.
 */
export function resolveApiRoot(baseUrl: unknown, apiVersion?: unknown): string {
  if (typeof baseUrl !== 'string') throw new TypeError(`baseUrl must be a URL string, not ${describeValue(baseUrl)}`);
  checkOneOf('apiVersion', apiVersion, API_VERSIONS);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl is not an absolute URL: ${describeValue(baseUrl)}`);
  }
  const refusal = refusalReason(url);
  if (refusal) throw new TypeError(`baseUrl is refused: ${refusal}`);
  if (url.username || url.password) {
    // Named without its password: an error message must not carry a secret.
    throw new TypeError(`baseUrl must not carry credentials: ${JSON.stringify(withoutPassword(url))}`);
  }
  if (url.search || url.hash || /[?#]/.test(baseUrl)) {
    throw new TypeError(`baseUrl must not carry a query or a fragment: ${describeValue(baseUrl)}`);
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const versionAt = segments.findIndex((s) => /^(v\d+(\.\d+)?|beta)$/i.test(s));
  if (versionAt >= 0 && versionAt < segments.length - 1) {
    throw new RangeError(
      `baseUrl must end at the API version, not go on past it (${describeValue(baseUrl)} would prefix every address with /${segments.slice(versionAt + 1).join('/')}); give addresses per call instead`,
    );
  }
  if (versionAt >= 0 && !(API_VERSIONS as readonly string[]).includes(segments[versionAt]!.toLowerCase())) {
    throw new RangeError(`baseUrl names the API version '${segments[versionAt]}'; Graph serves ${API_VERSIONS.join(' and ')}`);
  }
  const prefix = (versionAt >= 0 ? segments.slice(0, versionAt) : segments).map((s) => `/${s}`).join('');
  const version = (apiVersion as string | undefined) ?? (versionAt >= 0 ? segments[versionAt]!.toLowerCase() : 'v1.0');
  return `${url.origin}${prefix}/${version}`;
}
