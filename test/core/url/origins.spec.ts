import { isLoopbackHost, refusalReason, trustedOriginSet } from '../../../src/core/url/origins';

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['[::1]', true],
    ['graph.microsoft.com', false],
    ['127.0.0.1.evil.com', false],
    ['10.0.0.1', false],
  ])('%p → %p', (host, expected) => expect(isLoopbackHost(host)).toBe(expected));
});

describe('refusalReason', () => {
  it.each([
    ['https://graph.microsoft.com/v1.0', false],
    ['https://api.onedrive.com/monitor/x', false],
    ['http://127.0.0.1:8080/x', false],
    ['http://localhost/x', false],
    ['http://[::1]:3000/x', false],
    ['http://graph.microsoft.com/v1.0', true],
    ['javascript:alert(1)', true],
    ['file:///etc/passwd', true],
    ['ftp://example.com/x', true],
  ])('%p refused: %p', (url, refused) => expect(refusalReason(new URL(url)) !== undefined).toBe(refused));
});

describe('trustedOriginSet', () => {
  it('holds the API root origin and the extras, normalized', () => {
    const set = trustedOriginSet('https://graph.microsoft.com/v1.0', ['https://contoso.sharepoint.com/some/path']);
    expect([...set].sort()).toEqual(['https://contoso.sharepoint.com', 'https://graph.microsoft.com']);
  });
});
