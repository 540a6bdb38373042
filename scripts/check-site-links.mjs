// Checks the built site (docs/.vitepress/dist) for broken internal links: every <a href>, and every
// local <link href>/<script src>/<img src>, must name a file of the site, and every #anchor must be
// an id on the page it names. External links are counted, not fetched (no network here).
// VitePress's own build already refuses a link to a missing page; this also checks anchors, which it
// does not, and checks the HTML as served, the generated API reference included.
//
// node scripts/check-site-links.mjs [the built site's folder]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const site = resolve(process.argv[2] ?? fileURLToPath(new URL('../docs/.vitepress/dist', import.meta.url)));
if (!existsSync(join(site, 'index.html'))) {
  console.error(`${site} has no index.html: build the site first (npm run docs:build)`);
  process.exit(1);
}

const pages = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.html')) pages.push(path);
  }
})(site);

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };
const decode = (text) => text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name) => entities[name]);
/** The page's URL path, from its file: dist/guide/workbook.html → /guide/workbook.html. */
const urlOf = (file) => '/' + relative(site, file).split(sep).join('/');

const html = new Map(pages.map((file) => [urlOf(file), readFileSync(file, 'utf8')]));
const ids = new Map();
const idsOf = (url) => {
  if (!ids.has(url)) ids.set(url, new Set([...html.get(url).matchAll(/\sid="([^"]*)"/g)].map((m) => decode(m[1]))));
  return ids.get(url);
};

/** The site's file for a URL path, as a static server (and the Chromium test's) serves it; undefined if none. */
function fileFor(pathname) {
  const candidates = pathname.endsWith('/') ? [`${pathname}index.html`] : [pathname, `${pathname}.html`, `${pathname}/index.html`];
  return candidates.find((candidate) => html.has(candidate) || existsSync(join(site, ...candidate.split('/'))));
}

const broken = [];
let internal = 0;
let external = 0;
for (const [page, text] of html) {
  // Tags' href/src values; VitePress writes them double-quoted. <pre> code blocks are spans, not links.
  for (const match of text.matchAll(/<(a|link|script|img)\b[^>]*?\s(href|src)="([^"]*)"/g)) {
    const value = decode(match[3]);
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) {
      external++;
      continue;
    }
    internal++;
    const [pathPart, hash] = value.split('#', 2);
    const pathname = pathPart === '' ? page : posix.normalize(pathPart.startsWith('/') ? pathPart : posix.join(posix.dirname(page), pathPart));
    const target = fileFor(pathname.split('?')[0]);
    if (target === undefined) {
      broken.push(`${page}: ${match[2]}="${value}" names no file of the site`);
      continue;
    }
    if (hash !== undefined && hash !== '' && html.has(target) && !idsOf(target).has(decodeURIComponent(hash))) {
      broken.push(`${page}: href="${value}" names no id "${decodeURIComponent(hash)}" on ${target}`);
    }
  }
}

console.log(`${pages.length} pages, ${internal} internal links and assets checked, ${external} external links not fetched`);
if (broken.length > 0) {
  console.error(`${broken.length} broken:\n${broken.join('\n')}`);
  process.exit(1);
}
