import { ProtocolError } from '../errors/protocol-error.js';
import type { RequestContext } from '../errors/graph-lro-error.js';
import { refusalReason } from './origins.js';
import { apiUrl } from './api-root.js';

/**
 * The absolute URL a `Location` (or `resourceLocation`) names.
 *
 * - Absolute URLs are taken as they are (then checked by scheme).
 * - A path from the root such as `/teams('…')/operations('…')` is Graph's
 *   way of naming a resource under the API root, so it resolves against
 *   `apiRoot` (base URL with version), unless it already starts with the
 *   API root's own path (`/v1.0/…`), which resolves against the origin.
 * - Any other relative form resolves against the URL of the request that
 *   returned it, as RFC 9110 says.
 *
 * Throws `ProtocolError` for a missing, repeated or unparsable value and for
 * a scheme the library does not talk to (`javascript:`, `file:`, plain
 * `http` off loopback).
 */
export function resolveLocation(raw: string | null | undefined, requestUrl: string, apiRoot: string, context: RequestContext): string {
  const value = raw?.trim();
  if (!value) throw new ProtocolError(context, { reason: 'the response has no Location header' });
  // fetch joins repeated headers with ", "; a second absolute URL or path after it means two Locations.
  if (/,\s*(?:[a-z][a-z0-9+.-]*:|\/)/i.test(value)) {
    throw new ProtocolError(context, { reason: 'the response has more than one Location' });
  }
  let url: URL;
  try {
    if (value.startsWith('/') && !value.startsWith('//')) {
      url = new URL(apiUrl(apiRoot, value));
    } else {
      url = new URL(value, requestUrl);
    }
  } catch {
    throw new ProtocolError(context, { reason: `the Location is not a URL: ${JSON.stringify(value.slice(0, 100))}` });
  }
  const refusal = refusalReason(url);
  if (refusal) throw new ProtocolError(context, { reason: `refusing the Location ${url.protocol}//${url.host}: ${refusal}` });
  return url.href;
}
