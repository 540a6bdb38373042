import fc from 'fast-check';
import { decodeJson } from '../../src/core/codecs/decode';
import { WorkbookOperationCodec as WorkbookOperation } from '../../src/graph/workbook/workbook-operation';
import { WorkbookSessionInfoCodec as WorkbookSessionInfo } from '../../src/graph/workbook/workbook-session-info';
import { WorkbookTableRowCodec as WorkbookTableRow } from '../../src/graph/workbook/workbook-table-row';
import { AsyncJobStatusCodec as AsyncJobStatus } from '../../src/graph/drive/async-job-status';
import { DriveItemCodec as DriveItem } from '../../src/graph/drive/drive-item';
import { GraphErrorBody } from '../../src/core/codecs/graph-error-body';
import { DecodeError } from '../../src/core/errors/decode-error';
import { GraphHttpError } from '../../src/core/errors/graph-http-error';
import { ProtocolError } from '../../src/core/errors/protocol-error';
import { toHttpError } from '../../src/http/to-http-error';
import { parseRetryAfter } from '../../src/core/policy/retry-after';
import { resolveLocation } from '../../src/core/url/location';
import { parseDriveItemRef } from '../../src/graph/shared/drive-item-ref';
import { MAX_ERROR_DEPTH } from '../../src/core/codecs/graph-error-chain';
import { bodies, deepChain, headerValues, locations } from './arbitraries';

// Every place a response is decoded, fed hostile input: the only outcomes are
// a value or the documented typed error; never another exception, a hang or undefined.
const ROOT = 'https://graph.microsoft.com/v1.0';
const codecs = { WorkbookOperation, WorkbookSessionInfo, WorkbookTableRow, AsyncJobStatus, DriveItem, GraphErrorBody };

describe.each(Object.entries(codecs))('decoding a %s body', (_, codec) => {
  it('gives a value or a DecodeError, whatever the body', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        try {
          expect(decodeJson(codec as never, body, { method: 'GET', url: ROOT })).toBeDefined();
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
    );
  });
});

it('an error chain thousands of levels deep decodes to a bounded chain, in a status and in an error body', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 20_000 }), (depth) => {
      const chain = deepChain(depth);
      const op = decodeJson(WorkbookOperation, `{"status":"failed","error":${chain}}`, {});
      let levels = 0;
      for (let e = op.error; e; e = e.innerError) levels++;
      expect(levels).toBe(Math.min(depth, MAX_ERROR_DEPTH));
      const error = toHttpError({ status: 400, headers: {}, body: `{"error":${chain}}` }, { method: 'GET', url: ROOT }, 0);
      expect(error).toBeInstanceOf(GraphHttpError);
      expect(error.code).toBe(depth <= MAX_ERROR_DEPTH ? `c${depth - 1}` : `c${MAX_ERROR_DEPTH - 1}`);
    }),
    { numRuns: 30 },
  );
});

it('any non-2xx answer becomes a GraphHttpError, whatever its body and Retry-After', () => {
  fc.assert(
    fc.property(fc.integer({ min: 300, max: 599 }), bodies, headerValues, (status, body, retryAfter) => {
      const error = toHttpError({ status, headers: { 'retry-after': retryAfter }, body }, { method: 'GET', url: ROOT }, 1_700_000_000_000);
      expect(error).toBeInstanceOf(GraphHttpError);
      expect(error.status).toBe(status);
      if (error.retryAfterMs !== undefined) expect(error.retryAfterMs).toBeGreaterThanOrEqual(0);
    }),
  );
});

it('Retry-After is undefined or a non-negative number of milliseconds', () => {
  fc.assert(
    fc.property(headerValues, fc.integer({ min: 0, max: 4_000_000_000_000 }), (value, now) => {
      const ms = parseRetryAfter(value, now);
      if (ms !== undefined) expect(ms >= 0 && !Number.isNaN(ms)).toBe(true);
    }),
  );
});

it('a Location resolves to an https (or loopback http) URL, or is a ProtocolError', () => {
  fc.assert(
    fc.property(locations, (location) => {
      try {
        const url = new URL(resolveLocation(location, `${ROOT}/me/drive/items/A/workbook/createSession`, ROOT, {}));
        expect(url.protocol === 'https:' || (url.protocol === 'http:' && /^(127\.|localhost$|\[::1\]$)/.test(url.hostname))).toBe(true);
      } catch (error) {
        expect(error).toBeInstanceOf(ProtocolError);
      }
    }),
  );
});

it('a drive-item ref is refused, or resolves to a URL that stays inside its drive', () => {
  const segment = fc.oneof(fc.string(), fc.constantFrom('..', '.', '%2e%2e', '%2E.', 'a\\b', 'x?y', 'x#y', '01ABC', 'Q1.xlsx', ''));
  const ref = fc.oneof(
    fc.string(),
    fc.tuple(fc.constantFrom('/me/drive', '/drives/d1', '/users/u/drive', '/sites/s/drive', '/groups/g/drive', '/drives/..', ''), fc.constantFrom('/items/', '/root:/', '/root', '/'), fc.array(segment, { maxLength: 4 })).map(
      ([drive, kind, parts]) => `${drive}${kind}${parts.join('/')}`,
    ),
  );
  fc.assert(
    fc.property(ref, (raw) => {
      let address;
      try {
        address = parseDriveItemRef(ROOT, raw);
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
        return;
      }
      // What fetch will send, after the URL parser has normalised it, is still under the drive.
      expect(new URL(address.itemUrl).href.startsWith(new URL(address.driveUrl).href)).toBe(true);
      expect(new URL(address.itemUrl).search).toBe('');
      expect(new URL(address.itemUrl).hash).toBe('');
    }),
    { numRuns: 500 },
  );
});
