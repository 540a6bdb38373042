import { joinChunks } from './body-stream.js';
/**
 * Largest response body read, in bytes. Graph's status documents and results
 * are small; a larger body is refused with a `ResponseTooLargeError` as soon
 * as the bytes that have arrived pass it, rather than held in memory.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The response headers the library reads. Copying only these (instead of
 * every header) is a measurable share of a poll's CPU with node-fetch,
 * whose `Headers.forEach` sorts and copies the whole list.
 */
export const RESPONSE_HEADERS: readonly string[] = ['location', 'operation-location', 'retry-after', 'content-length', 'content-encoding'];

/** The chunks as text, decoded once (most bodies are a single chunk); a leading BOM is dropped, as fetch's `text()` does. */
export function decodeUtf8(chunks: readonly Uint8Array[], bytes: number): string {
  return chunks.length === 0 ? '' : utf8.decode(joinChunks({ chunks, bytes }));
}

const utf8 = new TextDecoder();
