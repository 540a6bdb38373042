import { lastValueFrom, switchMap } from 'rxjs';
import { inflateRawSync } from 'node:zlib';
import { inspect } from 'node:util';
import crossFetch from 'cross-fetch';
import { createGraphClient } from '../../src/client';
import type { FetchLike } from '../../src/http/transport';
import { result } from '../../src/lro/operators/result';
import type { GraphSimulator } from '../../src/testing';
import { failure, startSimulator, TOKEN, until } from '../helpers/simulator';

let sim: GraphSimulator;
let graph: Awaited<ReturnType<typeof startSimulator>>['graph'];

beforeEach(async () => ({ sim, graph } = await startSimulator()));
afterEach(async () => sim.stop());

/** An export run to its end: its download URL (a SAS URL on the simulator's second origin, as on blob storage). */
const exportedUrl = () => lastValueFrom(graph.deviceManagement.exportReport({ reportName: 'Devices', format: 'csv' }).pipe(result()));
const blobRequests = () => sim.requests.filter((r) => r.path.startsWith('/blobs/'));

/** The one file of a stored (uncompressed) or deflated zip: its name and text. */
function onlyFile(zip: Uint8Array): { name: string; text: string } {
  const bytes = Buffer.from(zip);
  expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
  const method = bytes.readUInt16LE(8);
  const size = bytes.readUInt32LE(18);
  const nameLength = bytes.readUInt16LE(26);
  const extra = bytes.readUInt16LE(28);
  const start = 30 + nameLength + extra;
  const data = bytes.subarray(start, start + size);
  return { name: bytes.subarray(30, 30 + nameLength).toString('utf8'), text: (method === 8 ? inflateRawSync(data) : data).toString('utf8') };
}

describe('deviceManagement.downloadReport: the export\'s file, over loopback HTTP', () => {
  it('export, then download in one pipe: the zip\'s bytes, fetched once, on the blob origin, without the Graph token', async () => {
    const zip = await lastValueFrom(
      graph.deviceManagement.exportReport({ reportName: 'Devices', format: 'csv' }).pipe(
        result(),
        switchMap((url) => graph.deviceManagement.downloadReport(url)),
      ),
    );
    expect(zip).toBeInstanceOf(Uint8Array);
    expect(onlyFile(zip)).toEqual({ name: 'Devices.csv', text: expect.stringMatching(/^DeviceName,OS,ComplianceState\n/) });
    expect(blobRequests()).toEqual([expect.objectContaining({ method: 'GET', origin: 'monitor', authorization: 'none', status: 200 })]);
  });

  it('is cold: nothing is fetched until it is subscribed', async () => {
    const url = await exportedUrl();
    const download$ = graph.deviceManagement.downloadReport(url);
    await new Promise((r) => setTimeout(r, 50));
    expect(blobRequests()).toHaveLength(0);
    await lastValueFrom(download$);
    expect(blobRequests()).toHaveLength(1);
  });

  it('a refused signature is a GraphHttpError 403 that does not show the signature; it is not retried', async () => {
    const url = await exportedUrl();
    const forged = url.replace(/sig=[^&]+/, 'sig=forged0123456789');
    const error = (await failure(graph.deviceManagement.downloadReport(forged))) as Error & { status: number; url: string };
    expect(error).toMatchObject({ name: 'GraphHttpError', status: 403, url: expect.stringMatching(/\/blobs\/reports\/Devices_[^?]+\.zip$/) });
    const shown = `${error.message}\n${error.stack}\n${JSON.stringify(error)}`;
    expect(shown).not.toMatch(/sig=|forged0123456789/);
    expect(blobRequests()).toHaveLength(1);
  });

  it('503 and a dropped connection are retried by the client\'s policy; the file comes on the third attempt', async () => {
    const url = await exportedUrl();
    sim.inject({ path: '/blobs/', times: 1, action: { kind: 'status', status: 503, retryAfter: '0' } });
    sim.inject({ path: '/blobs/', times: 1, action: { kind: 'reset' } });
    const zip = await lastValueFrom(graph.deviceManagement.downloadReport(url));
    expect(onlyFile(zip).name).toBe('Devices.csv');
    expect(blobRequests().map((r) => r.authorization)).toEqual(['none', 'none', 'none']);
  });

  it('a connection that keeps failing is a NetworkError whose message, stack, inspection and cause chain never show the signature', async () => {
    // cross-fetch quotes the whole URL in its own error: "request to https://…?…&sig=… failed".
    const url = await exportedUrl();
    const sig = new URL(url).searchParams.get('sig')!;
    sim.inject({ path: '/blobs/', times: 5, action: { kind: 'reset' } }); // every attempt the policy allows
    const overCrossFetch = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, retry: { baseDelayMs: 5, maxDelayMs: 20 }, fetch: crossFetch as unknown as FetchLike });
    const error = (await failure(overCrossFetch.deviceManagement.downloadReport(url))) as Error & { url: string; cause: Error };
    expect(error).toMatchObject({ name: 'NetworkError', url: expect.stringMatching(/\/blobs\/reports\/Devices_[^?]+\.zip$/) });
    expect(error.cause).toBeInstanceOf(Error);
    const shown = `${error.message}\n${error.stack}\n${inspect(error, { depth: 10 })}\n${JSON.stringify(error)}\n${error.cause.message}\n${error.cause.stack}`;
    expect(shown).toContain('/blobs/reports/Devices_'); // still says which file
    expect(shown).not.toMatch(/sig=(?!\[redacted\])/);
    for (const form of [sig, encodeURIComponent(sig)]) expect(shown).not.toContain(form);
  });

  it('a file over maxBytes is a ResponseTooLargeError, the download cut at the limit', async () => {
    sim.inject({ path: '/blobs/', times: 1, action: { kind: 'stream', totalBytes: 50 * 1024 * 1024 } });
    const url = await exportedUrl();
    const error = await failure(graph.deviceManagement.downloadReport(url, { maxBytes: 1024 * 1024 }));
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', limitBytes: 1024 * 1024 });
    await until(() => blobRequests()[0]?.aborted === true || (blobRequests()[0]?.bodyBytes ?? 0) < 50 * 1024 * 1024);
    expect(blobRequests()[0]!.bodyBytes ?? 0).toBeLessThan(50 * 1024 * 1024);
  });

  it('a redirect is not followed (it would carry the signature elsewhere): a ProtocolError', async () => {
    const url = await exportedUrl();
    sim.inject({ path: '/blobs/', times: 1, action: { kind: 'status', status: 302 } });
    const error = await failure(graph.deviceManagement.downloadReport(url));
    expect(error).toMatchObject({ name: 'ProtocolError', status: 302, message: expect.stringMatching(/redirect, which is not followed/) });
    expect(blobRequests()).toHaveLength(1);
  });

  it('leaving a download aborts its request, and nothing more is sent', async () => {
    const url = await exportedUrl();
    sim.inject({ path: '/blobs/', action: { kind: 'hang' } });
    const subscription = graph.deviceManagement.downloadReport(url).subscribe();
    await until(() => blobRequests().length === 1);
    subscription.unsubscribe();
    await until(() => blobRequests()[0]!.aborted);
    await new Promise((r) => setTimeout(r, 100));
    expect(blobRequests()).toHaveLength(1);
  });

  it('bad input is refused when called, before anything is sent, with a typed error that says what is wrong', () => {
    const dm = graph.deviceManagement;
    expect(() => dm.downloadReport('http://blob.example/r.zip?sig=x')).toThrow(new TypeError('downloadReport refuses http://blob.example: plain http is allowed only to loopback hosts, not blob.example'));
    expect(() => dm.downloadReport('file:///etc/passwd')).toThrow(/^downloadReport refuses null: the scheme file: is not allowed$/);
    expect(() => dm.downloadReport('/reports/r.zip')).toThrow(new TypeError("downloadReport needs an absolute URL (the export's download url), not a relative or malformed one"));
    expect(() => dm.downloadReport(undefined as never)).toThrow(new TypeError("downloadReport needs the export's download url, a string, not undefined"));
    expect(() => dm.downloadReport('https://user:pw@blob.example/r.zip')).toThrow(/user name/);
    expect(() => dm.downloadReport('https://blob.example/r.zip', { maxBytes: 0 })).toThrow(RangeError);
    expect(() => dm.downloadReport('https://blob.example/r.zip', { maxBytes: 2 ** 31 })).toThrow(RangeError);
    expect(() => dm.downloadReport('https://blob.example/r.zip', { timeoutMs: NaN })).toThrow(RangeError);
    expect(() => dm.downloadReport('https://blob.example/r.zip', { maxbytes: 5 } as never)).toThrow(/has no option 'maxbytes'/);
    expect(sim.requests).toHaveLength(0);
  });

  it('never carries the Graph token, even to the Graph origin itself', async () => {
    await lastValueFrom(graph.deviceManagement.downloadReport(`${sim.baseUrl}/me`)).catch(() => undefined);
    expect(sim.requests).toEqual([expect.objectContaining({ origin: 'graph', authorization: 'none' })]);
    expect(JSON.stringify(sim.requests)).not.toContain(TOKEN);
  });
});
