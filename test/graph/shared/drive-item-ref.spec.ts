import { parseDriveItemRef } from '../../../src/graph/shared/drive-item-ref';
import { apiUrl, resolveApiRoot } from '../../../src/core/url/api-root';

const root = 'https://graph.microsoft.com/v1.0';

describe('parseDriveItemRef', () => {
  it.each([
    ['/me/drive/items/01ABC', `${root}/me/drive/items/01ABC`, `${root}/me/drive`],
    ['me/drive/items/01ABC/', `${root}/me/drive/items/01ABC`, `${root}/me/drive`],
    ['/me/drive/items/01ABC/workbook', `${root}/me/drive/items/01ABC`, `${root}/me/drive`],
    ['/me/drive/root:/Reports/Q1.xlsx:', `${root}/me/drive/root:/Reports/Q1.xlsx:`, `${root}/me/drive`],
    ['/me/drive/root:/Reports/Q1.xlsx', `${root}/me/drive/root:/Reports/Q1.xlsx:`, `${root}/me/drive`],
    ['/me/drive/root:/A #1?.xlsx:', `${root}/me/drive/root:/A %231%3F.xlsx:`, `${root}/me/drive`],
    ['/me/drive/root:/100% sure.xlsx:', `${root}/me/drive/root:/100%25 sure.xlsx:`, `${root}/me/drive`],
    ['/me/drive/root:/Caf%C3%A9.xlsx:', `${root}/me/drive/root:/Caf%C3%A9.xlsx:`, `${root}/me/drive`],
    ['/me/drive/root', `${root}/me/drive/root`, `${root}/me/drive`],
    ['/drives/b!d/items/01ABC', `${root}/drives/b!d/items/01ABC`, `${root}/drives/b!d`],
    ['/drives/b!d/root:/x.xlsx:', `${root}/drives/b!d/root:/x.xlsx:`, `${root}/drives/b!d`],
    ['/users/u@contoso.com/drive/items/01ABC', `${root}/users/u@contoso.com/drive/items/01ABC`, `${root}/users/u@contoso.com/drive`],
    ['/sites/s1/drive/items/01ABC', `${root}/sites/s1/drive/items/01ABC`, `${root}/sites/s1/drive`],
    ['/groups/g1/drive/root:/x:', `${root}/groups/g1/drive/root:/x:`, `${root}/groups/g1/drive`],
    ['https://graph.microsoft.com/beta/me/drive/items/01ABC', 'https://graph.microsoft.com/beta/me/drive/items/01ABC', 'https://graph.microsoft.com/beta/me/drive'],
  ])('%p → %p in %p', (ref, itemUrl, driveUrl) =>
    expect(parseDriveItemRef(root, ref)).toEqual({ itemUrl, driveUrl, drivePath: driveUrl.replace(/^https:\/\/graph\.microsoft\.com\/(v1\.0|beta)/, '') }));

  // Each of these would send a token-bearing request somewhere the caller did not aim it, or nowhere useful.
  it.each([
    ['empty', ' ', /required/],
    ['not a string', 42, /required/],
    ['a bare item id', '01ABCDEF', /does not name a drive.*Accepted forms/],
    ['a drive without an item', '/me/drive', /does not name an item/],
    ['dot segments in an item path', '/me/drive/root:/a/../../../users/victim/drive/root:/x:', /dot segments/],
    ['a dot-segment item id', '/me/drive/items/..', /dot segments/],
    ['encoded dot segments', '/me/drive/items/%2e%2E', /dot segments/],
    ['encoded dot segments in a path', '/me/drive/root:/a/%2e%2e/b:', /dot segments/],
    ['an encoded slash hiding dot segments', '/me/drive/root:/a%2f..%2fb:', /dot segments/],
    ['dot segments in the drive part', '/drives/../users/x/drive/items/1', /dot segments/],
    ['a backslash', '/me/drive/items/a\\..\\b', /backslash/],
    ['a control character', '/me/drive/items/a\r\nx', /control character/],
    ['a query string', '/me/drive/items/01ABC?$select=id', /query string/],
    ['a fragment', '/me/drive/items/01ABC#x', /query string/],
    ['a query string in the drive id', '/drives/abc?x=1/items/01', /query string/],
    ['a fragment in the user id', '/users/a#b/drive/items/01', /query string/],
    ['an encoded slash in the drive id', '/drives/a%2Fb/items/01', /encoded \/ or \\/],
    ['an encoded backslash in the site id', '/sites/a%5cb/drive/items/01', /encoded \/ or \\/],
    ['more path after the item', '/me/drive/items/01ABC/children', /does not name an item/],
    ['an absolute URL on another origin', 'https://evil.example/v1.0/me/drive/items/1', /under the API root/],
    ['an absolute URL with another prefix', 'https://graph.microsoft.com/me/drive/items/1', /under the API root/],
  ])('refuses %s with a TypeError naming the accepted forms', (_, ref, message) => {
    expect(() => parseDriveItemRef(root, ref)).toThrow(TypeError);
    expect(() => parseDriveItemRef(root, ref)).toThrow(message);
  });
});

describe('resolveApiRoot', () => {
  it.each([
    ['https://graph.microsoft.com/v1.0', undefined, 'https://graph.microsoft.com/v1.0'],
    ['https://graph.microsoft.com/v1.0/', undefined, 'https://graph.microsoft.com/v1.0'],
    ['https://graph.microsoft.com', undefined, 'https://graph.microsoft.com/v1.0'],
    ['https://graph.microsoft.com/BETA', undefined, 'https://graph.microsoft.com/beta'],
    ['https://graph.microsoft.us', 'beta', 'https://graph.microsoft.us/beta'],
    ['https://dod-graph.microsoft.us/v1.0', 'beta', 'https://dod-graph.microsoft.us/beta'],
    ['http://127.0.0.1:4000/v1.0', undefined, 'http://127.0.0.1:4000/v1.0'],
    ['https://proxy.contoso.com/graph', 'v1.0', 'https://proxy.contoso.com/graph/v1.0'],
    ['https://proxy.contoso.com/graph/beta', undefined, 'https://proxy.contoso.com/graph/beta'],
  ])('%p with version %p → %p', (base, version, expected) => expect(resolveApiRoot(base, version)).toBe(expected));

  it.each([
    ['a path after the version', 'https://graph.microsoft.com/v1.0/me', undefined, RangeError, /baseUrl must end at the API version/],
    ['an unknown version', 'https://graph.microsoft.com/v2.0', undefined, RangeError, /baseUrl names the API version/],
    ['not a URL', 'graph.microsoft.com', undefined, TypeError, /baseUrl is not an absolute URL/],
    ['not a string', 42, undefined, TypeError, /baseUrl must be a URL string/],
    ['plain http off loopback', 'http://graph.microsoft.com', undefined, TypeError, /baseUrl is refused/],
    ['a query', 'https://graph.microsoft.com/v1.0?x=1', undefined, TypeError, /query/],
    ['credentials', 'https://user:pw@graph.microsoft.com/v1.0', undefined, TypeError, /credentials/],
    ['user info that reads like the host', 'https://graph.microsoft.com@127.0.0.2/v1.0', undefined, TypeError, /baseUrl must not carry credentials/],
    ['an empty query', 'https://graph.microsoft.com/v1.0?', undefined, TypeError, /query/],
    ['a fragment', 'https://graph.microsoft.com/v1.0#x', undefined, TypeError, /fragment/],
    ['an unknown apiVersion', 'https://graph.microsoft.com', 'v2', RangeError, /apiVersion must be one of 'v1.0', 'beta'/],
  ])('refuses %s', (_, base, version, type, message) => {
    expect(() => resolveApiRoot(base, version)).toThrow(type);
    expect(() => resolveApiRoot(base, version)).toThrow(message);
  });

  it('names a base URL with credentials without its password', () => {
    expect(() => resolveApiRoot('https://user:hunter2@graph.microsoft.com/v1.0')).toThrow(/"https:\/\/user:\*\*\*@graph\.microsoft\.com\/v1\.0"/);
  });
});

describe('apiUrl: the one rule for a URL under the API root', () => {
  it.each([
    ['/teams/T/clone', `${root}/teams/T/clone`],
    ['teams/T/clone', `${root}/teams/T/clone`],
    ['/v1.0/teams/T/clone', `${root}/teams/T/clone`],
    ["/teams('T')/operations('o')", `${root}/teams('T')/operations('o')`],
    ['https://graph.microsoft.us/beta/x', 'https://graph.microsoft.us/beta/x'],
  ])('%p → %p', (path, expected) => expect(apiUrl(root, path)).toBe(expected));

  it('under a proxy prefix too', () => {
    expect(apiUrl('https://proxy.contoso.com/graph/v1.0', '/graph/v1.0/me')).toBe('https://proxy.contoso.com/graph/v1.0/me');
    expect(apiUrl('https://proxy.contoso.com/graph/v1.0', '/me')).toBe('https://proxy.contoso.com/graph/v1.0/me');
  });
});
