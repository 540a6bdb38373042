// The documentation site, as a reader sees it, in a real headless Chromium (Debian's, at
// /usr/bin/chromium; no browser download): the built site (docs/.vitepress/dist, `npm run
// docs:build`) served by a small static server on loopback that this test starts and stops;
// the home page, one guide, and the local search (typed into, a result opened). The browser may
// reach only that server: any other request is refused and fails the test. Screenshots go to
// artifacts/docs/.
//
// node test/browser/docs.browser.mjs [the built site's folder]
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const site = resolve(process.argv[2] ?? fileURLToPath(new URL('../../docs/.vitepress/dist', import.meta.url)));
const artifacts = fileURLToPath(new URL('../../artifacts/docs/', import.meta.url));
mkdirSync(artifacts, { recursive: true });
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png', '.ico': 'image/x-icon' };

const failures = [];
let passed = 0;
const check = (name, pass, detail = '') => {
  if (pass) passed++;
  else failures.push(name);
  console.log(`${pass ? '✓' : '✗'} ${name}${detail ? ` (${detail})` : ''}`);
};

// The static server: a path names a file of the site (or its .html, or its folder's index.html), as
// VitePress's own `preview` serves it; anything else is a 404.
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  for (const candidate of path.endsWith('/') ? [`${path}index.html`] : [path, `${path}.html`, `${path}/index.html`]) {
    const file = join(site, candidate);
    if (!file.startsWith(site)) break;
    try {
      if (!(await stat(file)).isFile()) continue;
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(await readFile(file));
      return;
    } catch {
      // next candidate
    }
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
const deadline = setTimeout(() => {
  console.error('the docs browser test did not finish in 120 s');
  process.exit(1);
}, 120_000);

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const offSite = [];
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(origin)) return route.continue();
    offSite.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(String(error)));

  // 1. The home page: the library's name and its one paragraph, and the way into the guide.
  await page.goto(`${origin}/`);
  const hero = await page.textContent('.VPHero .name', { timeout: 10_000 });
  check('the home page shows the library', hero?.includes('rx-graph-lro') ?? false, hero?.trim());
  const intro = await page.textContent('.vp-doc');
  check('the home page says what the library is', /cold RxJS\s+Observables/.test(intro ?? ''));
  await page.screenshot({ path: join(artifacts, 'home.png'), fullPage: true });

  // 2. One guide, reached from the home page's "Get started", with its sidebar.
  await page.click('.VPHero .VPButton.brand');
  await page.waitForURL(/\/guide\/getting-started/, { timeout: 10_000 });
  const title = await page.textContent('.vp-doc h1');
  check('"Get started" opens the getting-started guide', /Getting started/.test(title ?? ''), title?.trim());
  const sidebar = await page.$$eval('.VPSidebar a.VPLink', (links) => links.map((link) => link.textContent?.trim()));
  check('the guide has the sidebar of every guide', sidebar.includes('Workbook') && sidebar.includes('Architecture and contributing'), `${sidebar.length} links`);
  const code = await page.$$('.vp-doc div[class*="language-"]');
  check('the guide shows its code blocks', code.length > 0, `${code.length} blocks`);
  await page.screenshot({ path: join(artifacts, 'guide.png'), fullPage: false });

  // 3. The local search: typed into, results listed, the first opened.
  await page.click('.VPNavBarSearch button');
  await page.fill('.VPLocalSearchBox input', 'createSession');
  await page.waitForSelector('.VPLocalSearchBox .result', { timeout: 10_000 });
  const results = await page.$$eval('.VPLocalSearchBox .result', (items) => items.map((item) => item.getAttribute('href')));
  check('the search finds createSession', results.length > 0, `${results.length} results, first ${results[0]}`);
  await page.screenshot({ path: join(artifacts, 'search.png'), fullPage: false });
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => results[0] !== null && url.pathname === new URL(results[0], origin).pathname, { timeout: 10_000 });
  // The site is a single-page app: the URL changes first, the page's content after it.
  const opened = await page
    .waitForFunction(
      () => {
        // The result's heading (the URL's #anchor), else the page's title, names createSession.
        const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : document.querySelector('.vp-doc h1');
        return /createSession/i.test(target?.textContent ?? '');
      },
      null,
      { timeout: 10_000 },
    )
    .then(() => true, () => false);
  check('the first result opens the section about createSession', opened, new URL(page.url()).pathname + new URL(page.url()).hash);

  check('no errors in the console', errors.length === 0, errors.join('; '));
  check('nothing requested off the site', offSite.length === 0, offSite.join(', '));
} catch (error) {
  check('the site could be driven', false, String(error));
} finally {
  clearTimeout(deadline);
  await browser.close();
  server.close();
}

console.log(`screenshots in ${artifacts}`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
