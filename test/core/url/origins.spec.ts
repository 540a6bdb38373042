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
    const set = trustedOriginSet('https://graph.microsoft.com/v1.0', ['https://contoso.sharepoint.com', 'HTTPS://Other.Example.com:443/']);
    expect([...set].sort()).toEqual(['https://contoso.sharepoint.com', 'https://graph.microsoft.com', 'https://other.example.com']);
  });

  // Each entry must be a bare origin: anything else would trust a host the caller did not mean, or read as narrower trust than it is.
  it.each([
    ['https://graph.microsoft.com@127.0.0.2', /"https:\/\/graph\.microsoft\.com@127\.0\.0\.2\/" is refused: it has user info \(so its host is 127\.0\.0\.2\); give "https:\/\/127\.0\.0\.2"/],
    ['https://graph.microsoft.com:443@evil.example', /user info \(so its host is evil\.example\)/],
    ['https://user:hunter2@contoso.sharepoint.com', /user info/],
    ['https://:hunter2@contoso.sharepoint.com', /user info/],
    ['https://contoso.sharepoint.com/sites/team', /"https:\/\/contoso\.sharepoint\.com\/sites\/team" is refused: an origin has no path, query or fragment; give "https:\/\/contoso\.sharepoint\.com"/],
    ['https://contoso.sharepoint.com/?x=1', /no path, query or fragment/],
    ['https://contoso.sharepoint.com?', /no path, query or fragment/],
    ['https://contoso.sharepoint.com#top', /no path, query or fragment/],
    ['https://contoso.sharepoint.com#', /no path, query or fragment/],
    ['contoso.sharepoint.com', /is not an origin/],
    ['http://contoso.com', /plain http is allowed only to loopback/],
  ])('refuses %p, naming it', (entry, message) => {
    expect(() => trustedOriginSet('https://graph.microsoft.com/v1.0', [entry])).toThrow(TypeError);
    expect(() => trustedOriginSet('https://graph.microsoft.com/v1.0', [entry])).toThrow(message);
  });

  it('never quotes a password it refuses', () => {
    expect(() => trustedOriginSet('https://graph.microsoft.com/v1.0', ['https://user:hunter2@contoso.sharepoint.com'])).toThrow(/user:\*\*\*@contoso/);
    try {
      trustedOriginSet('https://graph.microsoft.com/v1.0', ['https://user:hunter2@contoso.sharepoint.com/x']);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('hunter2');
    }
  });
});
