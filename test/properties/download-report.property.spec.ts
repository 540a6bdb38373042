import fc from 'fast-check';
import { reportDownload } from '../../src/graph/device-management/download-report';
import { isLoopbackHost } from '../../src/core/url/origins';

// Whatever a caller (or a tampered export job's url) gives downloadReport, it is either a checked download
// (https, or http on loopback; no user name; bounds in range) or a TypeError/RangeError: never anything else.
const urls = fc.oneof(
  fc.string(),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.tuple(fc.constantFrom('http', 'https', 'file', 'javascript', 'data', 'ftp', 'HTTPS', 'blob'), fc.constantFrom('://', ':', ':///', '://user:pw@'), fc.domain(), fc.webPath()).map(([a, b, c, d]) => `${a}${b}${c}${d}`),
  fc.constantFrom('http://127.0.0.1:1/x', 'http://localhost/x', 'http://[::1]/x', 'http://127.1/x', 'http://0x7f.1/x', 'http://2130706433/x'),
);
const options = fc.oneof(
  fc.constant(undefined),
  fc.record({ maxBytes: fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 31)), timeoutMs: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: [] }),
  fc.anything(),
);

test('downloadReport takes only a checked https (or loopback http) URL and bounds in range, or says why', () => {
  fc.assert(
    fc.property(urls, options, (url, given) => {
      let file: ReturnType<typeof reportDownload>;
      try {
        file = reportDownload(url, given);
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
        expect(['TypeError', 'RangeError']).toContain((error as Error).name);
        return;
      }
      const parsed = new URL(file.url);
      expect(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname))).toBe(true);
      expect(parsed.username + parsed.password).toBe('');
      expect(Number.isInteger(file.maxBytes) && file.maxBytes >= 1 && file.maxBytes < 2 ** 31).toBe(true);
      expect(Number.isFinite(file.timeoutMs) && file.timeoutMs > 0).toBe(true);
    }),
    { numRuns: 3000 },
  );
});
