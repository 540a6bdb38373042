import { driveItemUrl, resolveApiRoot } from '../../src/operations/drive-item-ref';

describe('driveItemUrl', () => {
  const root = 'https://graph.microsoft.com/v1.0';
  it.each([
    ['/me/drive/items/01ABC', `${root}/me/drive/items/01ABC`],
    ['me/drive/items/01ABC/', `${root}/me/drive/items/01ABC`],
    ['/me/drive/items/01ABC/workbook', `${root}/me/drive/items/01ABC`],
    ['/me/drive/root:/Reports/Q1.xlsx:', `${root}/me/drive/root:/Reports/Q1.xlsx:`],
    ['/me/drive/root:/Reports/Q1.xlsx', `${root}/me/drive/root:/Reports/Q1.xlsx:`],
    ['/me/drive/root:/A #1?.xlsx:', `${root}/me/drive/root:/A %231%3F.xlsx:`],
    ['/drives/b!d/items/01ABC', `${root}/drives/b!d/items/01ABC`],
    ['/users/u@contoso.com/drive/items/01ABC', `${root}/users/u@contoso.com/drive/items/01ABC`],
    ['/sites/s1/drive/items/01ABC', `${root}/sites/s1/drive/items/01ABC`],
    ['/groups/g1/drive/items/01ABC', `${root}/groups/g1/drive/items/01ABC`],
    ['https://graph.microsoft.com/beta/me/drive/items/01ABC', 'https://graph.microsoft.com/beta/me/drive/items/01ABC'],
  ])('%p → %p', (ref, expected) => expect(driveItemUrl(root, ref)).toBe(expected));

  it('rejects an empty address at once', () => {
    expect(() => driveItemUrl(root, ' ')).toThrow(TypeError);
  });
});

describe('resolveApiRoot', () => {
  it.each([
    ['https://graph.microsoft.com/v1.0', undefined, 'https://graph.microsoft.com/v1.0'],
    ['https://graph.microsoft.com/v1.0/', undefined, 'https://graph.microsoft.com/v1.0'],
    ['https://graph.microsoft.com', undefined, 'https://graph.microsoft.com/v1.0'],
    ['https://graph.microsoft.us', 'beta', 'https://graph.microsoft.us/beta'],
    ['https://dod-graph.microsoft.us/v1.0', 'beta', 'https://dod-graph.microsoft.us/beta'],
    ['http://127.0.0.1:4000/v1.0', undefined, 'http://127.0.0.1:4000/v1.0'],
    ['https://proxy.contoso.com/graph', 'v1.0', 'https://proxy.contoso.com/graph/v1.0'],
  ])('%p with version %p → %p', (base, version, expected) => expect(resolveApiRoot(base, version)).toBe(expected));
});
