/** A body read to its end: its chunks as they came, and their total size in bytes. */
export interface BodyChunks {
  readonly chunks: readonly Uint8Array[];
  readonly bytes: number;
}

interface NodeReadable {
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  destroy?(error?: Error): unknown;
}

/**
 * A response body (a WHATWG `ReadableStream`, as browsers and Node's fetch
 * give, or a Node stream, as node-fetch gives) read chunk by chunk, its
 * bytes counted as they arrive: the moment they pass `maxBytes` the stream
 * is cancelled and the read fails with `tooLarge()`, so a body without
 * `Content-Length` is never buffered past the limit. `undefined` when the
 * body is no stream (the caller reads it whole).
 */
export function readBodyChunks(body: unknown, maxBytes: number, tooLarge: () => Error): Promise<BodyChunks> | undefined {
  const stream = body as { getReader?: unknown; on?: unknown } | null | undefined;
  if (stream && typeof stream.getReader === 'function') return readWebStream(stream as ReadableStream<Uint8Array>, maxBytes, tooLarge);
  if (stream && typeof stream.on === 'function') return readNodeStream(stream as NodeReadable, maxBytes, tooLarge);
  return undefined;
}

/** The chunks as one array of bytes (the chunk itself when there is one). */
export function joinChunks({ chunks, bytes }: BodyChunks): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

async function readWebStream(stream: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: () => Error): Promise<BodyChunks> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { chunks, bytes };
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
}

function readNodeStream(stream: NodeReadable, maxBytes: number, tooLarge: () => Error): Promise<BodyChunks> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    let done = false;
    const fail = (error: unknown) => {
      if (done) return;
      done = true;
      reject(error);
    };
    stream.on('data', (chunk) => {
      if (done) return;
      const data = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      bytes += data.byteLength;
      if (bytes > maxBytes) {
        const error = tooLarge();
        stream.destroy?.();
        return fail(error);
      }
      chunks.push(data);
    });
    stream.on('error', fail);
    stream.on('end', () => {
      if (done) return;
      done = true;
      resolve({ chunks, bytes });
    });
    // 'close' follows 'end' on every response: build the error only when it means something.
    stream.on('close', () => {
      if (!done) fail(new Error('the response body ended before it was complete'));
    });
  });
}
