import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The README links into the site's pages as files of the repository (docs/guide/*.md), which
// VitePress does not build; every such link must name a page that exists and, with an
// #anchor, a heading of that page (as VitePress makes its ids: lower case, words joined by '-').
const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const links = [...readme.matchAll(/\]\(((?!https?:)[^)#\s]+)(?:#([^)\s]+))?\)/g)].map((m) => ({ path: m[1]!, anchor: m[2] }));

const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');

describe("the README's links into the site", () => {
  it('keeps the README short: under 300 lines, the rest is on the site', () => {
    expect(readme.split('\n').length).toBeLessThan(300);
  });

  it('links every guide', () => {
    expect(new Set(links.filter((l) => l.path.startsWith('docs/guide/')).map((l) => l.path)).size).toBe(13);
  });

  it.each(links.map((l) => [`${l.path}${l.anchor ? `#${l.anchor}` : ''}`, l] as const))('%s exists', (_, { path, anchor }) => {
    expect(existsSync(join(root, path))).toBe(true);
    if (anchor) {
      const headings = [...readFileSync(join(root, path), 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!));
      expect(headings).toContain(anchor);
    }
  });
});
