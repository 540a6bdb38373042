import { describeValue } from '../../core/policy/validation.js';
import { apiUrl } from '../../core/url/api-root.js';

const FORMS =
  '/me/drive/items/{id}, /me/drive/root:/{path}:, /drives/{drive-id}/items/{id}, /users/{user}/drive/items/{id}, ' +
  '/sites/{site}/drive/items/{id}, /groups/{group}/drive/items/{id} (each also with root:/{path}:), or an absolute URL under the API root';

/** A drive item address, resolved: the item's absolute URL and the drive it lives in. */
export interface DriveItemAddress {
  /** Absolute URL of the item, e.g. `https://graph.microsoft.com/v1.0/me/drive/items/01ABC`. */
  readonly itemUrl: string;
  /** Absolute URL of its drive, e.g. `https://graph.microsoft.com/v1.0/me/drive`. */
  readonly driveUrl: string;
  /** Its drive as a path under the API root, e.g. `/me/drive` or `/drives/b!x`: what a copy's handle records. */
  readonly drivePath: string;
}

const DRIVE = /^\/(?:me\/drive|drives\/[^/]+|(?:users|sites|groups)\/[^/]+\/drive)(?=\/|$)/i;

/**
 * A drive, as a path under the API root: `/me/drive`, `/drives/{id}`,
 * `/users|sites|groups/{id}/drive`, each id one segment that cannot move
 * the request (no `?`, `#`, backslash, encoded separator, dot segment, control
 * character). What a copy's handle may name as the drive to read the new
 * item from.
 */
export function isDrivePath(path: string): boolean {
  const drive = DRIVE.exec(path);
  if (drive === null || drive[0] !== path) return false;
  if (/[?#\\\u0000-\u001f\u007f]|%2f|%5c/i.test(path)) return false;
  return !path.split('/').some(isDotSegment);
}

function isDotSegment(segment: string): boolean {
  const decoded = segment.replace(/%2e/gi, '.');
  return decoded === '.' || decoded === '..';
}

const ITEM = /^\/(?:items\/([^/]+)|root(?::(\/.*?):?)?)$/i;

/**
 * The absolute URL of a drive item from any address Graph accepts for one
 * (see `FORMS`), and of its drive. A trailing `/workbook` or `/` is
 * dropped; a `root:` path without its closing colon gets one. In a `root:`
 * path, `#` and `?` are part of the file name and are encoded, and a `%`
 * not followed by two hex digits is encoded too (one that is, is taken as
 * already encoded).
 *
 * Refused with a `TypeError` naming the accepted forms: a bare item id, a
 * query string or fragment (`?` or `#` outside a `root:` path), dot
 * segments (`..`, `.`, also percent-encoded), backslashes, control
 * characters, and an absolute URL that is not under the client's API
 * root — each would send a token-bearing request somewhere the caller did
 * not aim it.
 */
export function parseDriveItemRef(apiRoot: string, ref: unknown): DriveItemAddress {
  if (typeof ref !== 'string' || ref.trim() === '') {
    throw new TypeError(`a drive item address is required (${FORMS}), not ${describeValue(ref)}`);
  }
  const refuse = (why: string): never => {
    throw new TypeError(`the drive item address ${describeValue(ref)} is refused: ${why}. Accepted forms: ${FORMS}`);
  };
  let path = ref.trim();
  if (/[\u0000-\u001f\u007f\\]/.test(path)) refuse('it contains a backslash or a control character');
  const root = apiRoot.replace(/\/+$/, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    const base = root.replace(/\/(v1\.0|beta)$/i, '');
    const under = new RegExp(`^${escapeRegExp(base)}/(v1\\.0|beta)(?=/)`, 'i').exec(path);
    if (!under) return refuse(`an absolute address must be under the API root ${root}`);
    return parseRelative(`${base}/${under[1]}`, path.slice(under[0].length), refuse);
  }
  if (!path.startsWith('/')) path = `/${path}`;
  return parseRelative(root, path, refuse);
}

function parseRelative(root: string, rawPath: string, refuse: (why: string) => never): DriveItemAddress {
  const path = rawPath.replace(/\/+$/, '').replace(/\/workbook$/i, '').replace(/\/+$/, '');
  path.split('/').slice(1).forEach((segment) => checkSegment(segment, refuse));
  const drive = DRIVE.exec(path);
  if (!drive) return refuse('it does not name a drive (a bare item id needs one, e.g. /me/drive/items/{id})');
  // Only a root: path may hold '?' and '#' (as name characters); in the drive part they would end the path.
  if (/[?#]/.test(drive[0])) refuse('a query string or fragment does not belong in an address');
  if (/%2f|%5c/i.test(drive[0])) refuse('an encoded / or \\ in a drive id would move the request to another path');
  const rest = path.slice(drive[0].length);
  const item = ITEM.exec(rest);
  if (!item) return refuse(/[?#]/.test(rest) ? 'a query string or fragment does not belong in an address' : 'it does not name an item of the drive');
  if (item[1] !== undefined && /[?#]/.test(item[1])) refuse('a query string or fragment does not belong in an address');
  let itemPath = rest;
  if (item[2] !== undefined) {
    const filePath = item[2];
    if (filePath === '/' || filePath === '') refuse('a root: path needs a file or folder name');
    itemPath = `/root:${encodeNameCharacters(filePath)}:`;
  }
  return { driveUrl: apiUrl(root, drive[0]), drivePath: drive[0], itemUrl: apiUrl(root, `${drive[0]}${itemPath}`) };
}

/** A path segment that cannot move the request: not empty, not `.` or `..` in any encoding. */
function checkSegment(segment: string, refuse: (why: string) => never): void {
  if (segment === '') refuse('it has an empty path segment');
  const decoded = segment.replace(/%2e/gi, '.').replace(/%2f|%5c/gi, '/');
  if (decoded.split('/').some((part) => part === '.' || part === '..')) refuse('dot segments (.., .) would move it to another path');
}

/** `#`, `?` and a `%` that starts no escape are characters of a file name here, not URL syntax. */
function encodeNameCharacters(path: string): string {
  return path.replace(/%(?![0-9a-f]{2})|[#?]/gi, (c) => encodeURIComponent(c));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An address this parser made, as the path under the API root a handle keeps (`/me/drive`). */
export function pathUnderRoot(apiRoot: string, url: string): string {
  const root = apiRoot.replace(/\/+$/, '');
  return url.startsWith(`${root}/`) ? url.slice(root.length) : new URL(url).pathname;
}
