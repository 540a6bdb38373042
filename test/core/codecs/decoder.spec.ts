import { z } from 'zod';
import * as v from 'valibot';
import * as t from 'io-ts';
import { of } from 'rxjs';
import { decodeOrThrow } from '../../../src/core/codecs/decode';
import { isDecoder, toIoDecoder, type StandardSchemaV1 } from '../../../src/core/codecs/decoder';
import { accepted, json } from '../../helpers/fake-transport';
import { ROOT, runVirtual, virtualClient } from '../../helpers/virtual-client';

const Status = { zod: z.object({ status: z.string(), n: z.number() }), valibot: v.object({ status: v.string(), n: v.number() }) };

describe('a Decoder may be io-ts, a Standard Schema (zod, valibot) or a function', () => {
  it.each([
    ['io-ts', t.type({ status: t.string, n: t.number })],
    ['zod', Status.zod],
    ['valibot', Status.valibot],
    ['a function', (u: unknown) => {
      const o = u as { status?: unknown; n?: unknown };
      if (typeof o?.status !== 'string' || typeof o.n !== 'number') throw new Error('not a status');
      return { status: o.status, n: o.n };
    }],
  ] as const)('%s: decodes a good value, and a bad one is a DecodeError with a path', (_name, decoder) => {
    expect(isDecoder(decoder)).toBe(true);
    expect(decodeOrThrow(toIoDecoder(decoder), { status: 'ok', n: 1 }, {})).toEqual({ status: 'ok', n: 1 });
    expect(() => decodeOrThrow(toIoDecoder(decoder), { status: 'ok', n: 'one' }, {})).toThrow(expect.objectContaining({ name: 'DecodeError' }));
  });

  it('Standard Schema issues keep their path and message', () => {
    const error = (() => {
      try {
        decodeOrThrow(toIoDecoder(z.object({ a: z.object({ b: z.array(z.number()) }) })), { a: { b: [1, 'x'] } }, {});
      } catch (e) {
        return e as { path: string; problems: string[] };
      }
      throw new Error('expected a DecodeError');
    })();
    expect(error.path).toBe('$.a.b.1');
    expect(error.problems[0]).toMatch(/^\$\.a\.b\.1: /);
  });

  it('an asynchronous schema is refused with a DecodeError saying why (statuses are read synchronously)', () => {
    const asyncSchema: StandardSchemaV1<unknown, string> = { '~standard': { version: 1, vendor: 'acme', validate: async (u) => ({ value: String(u) }) } };
    expect(() => decodeOrThrow(toIoDecoder(asyncSchema), 'x', {})).toThrow(/asynchronous/);
  });

  it('an asynchronous schema that rejects leaves no unhandled rejection behind', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const rejecting: StandardSchemaV1<unknown, string> = { '~standard': { version: 1, vendor: 'acme', validate: () => Promise.reject(new Error('remote check failed')) } };
      expect(() => decodeOrThrow(toIoDecoder(rejecting), 'x', {})).toThrow(/asynchronous/);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });

  it('a schema whose validate throws is a DecodeError carrying its message, not an untyped crash', () => {
    const throwing: StandardSchemaV1<unknown, string> = { '~standard': { version: 1, vendor: 'acme', validate: () => { throw new Error('refinement blew up'); } } };
    expect(() => decodeOrThrow(toIoDecoder(throwing), 'x', {})).toThrow(expect.objectContaining({ name: 'DecodeError', message: expect.stringContaining('refinement blew up') }));
  });

  it('is not fooled by values that are none of the three', () => {
    expect([undefined, null, 3, 'codec', {}, { '~standard': {} }, { decode: 1 }].map(isDecoder)).toEqual([false, false, false, false, false, false, false]);
  });

  it('graph.operation takes zod for status and result; a mismatch in the result is a DecodeError naming the field', () => {
    const { scheduler, graph } = virtualClient((req) =>
      req.method === 'POST' ? of(accepted(`${ROOT}/ops/1`)) : req.url.endsWith('/ops/1') ? of(json(200, { status: 'done', href: `${ROOT}/things/1` })) : of(json(200, { id: 7 })),
    );
    const run = runVirtual(
      scheduler,
      graph.operation({
        request: { method: 'POST', url: '/things' },
        status: { codec: z.object({ status: z.string(), href: z.string() }), describe: (s) => ({ status: s.status }), state: (s) => (s.status === 'done' ? 'succeeded' : 'running') },
        resultUrl: (s) => s.href,
        resultCodec: v.object({ id: v.string() }),
      }),
    );
    expect(run.error).toMatchObject({ name: 'DecodeError', path: '$.id' });
  });
});
