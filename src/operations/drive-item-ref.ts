/**
 * The absolute URL of a drive item from any address Graph accepts for one:
 * `/me/drive/items/{id}`, `/me/drive/root:/{path}:`, `/drives/{d}/items/{i}`,
 * `/users/{u}/drive/items/{i}`, `/sites/{s}/drive/items/{i}`,
 * `/groups/{g}/drive/items/{i}` (and their `root:` path forms), or an
 * absolute URL. A trailing `/workbook` or `/` is dropped; a `root:` path
 * without its closing colon gets one; `#` and `?` in item paths are encoded
 * (a `%` is taken as already encoded).
 */
export function driveItemUrl(apiRoot: string, ref: string): string {
  if (typeof ref !== 'string' || ref.trim() === '') {
    throw new TypeError('a drive item address is required, e.g. "/me/drive/items/{id}"');
  }
  let path = ref.trim();
  if (/^https?:\/\//i.test(path)) {
    return trimItemPath(path);
  }
  if (!path.startsWith('/')) path = `/${path}`;
  path = trimItemPath(path);
  if (/\/root:\/./.test(path) && !path.endsWith(':')) path = `${path}:`;
  path = path.replace(/[#?]/g, (c) => encodeURIComponent(c));
  return `${apiRoot.replace(/\/+$/, '')}${path}`;
}

function trimItemPath(path: string): string {
  return path.replace(/\/+$/, '').replace(/\/workbook$/i, '').replace(/\/+$/, '');
}

/**
 * The API root from the client's options: the base URL with its version.
 * A base URL without a path gets `apiVersion` (default `v1.0`); with
 * `apiVersion` given, a trailing `/v1.0` or `/beta` in the base URL is
 * replaced by it. National clouds: `https://graph.microsoft.us`,
 * `https://dod-graph.microsoft.us`, `https://microsoftgraph.chinacloudapi.cn`.
 */
export function resolveApiRoot(baseUrl: string, apiVersion?: string): string {
  const url = new URL(baseUrl);
  let path = url.pathname.replace(/\/+$/, '');
  if (apiVersion !== undefined) {
    path = `${path.replace(/\/(v1\.0|beta)$/i, '')}/${apiVersion.replace(/^\/+|\/+$/g, '')}`;
  } else if (path === '') {
    path = '/v1.0';
  }
  return `${url.origin}${path}`;
}
