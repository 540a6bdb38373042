import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// The site's link checker (scripts/check-site-links.mjs, run by `npm run test:docs` on the built
// site) on small sites made here: it passes a site whose links and anchors all resolve, and names
// each link to a missing page, a missing anchor and a missing asset.
const script = join(__dirname, '..', '..', 'scripts', 'check-site-links.mjs');

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'site-'));
  for (const [path, html] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), html);
  }
  return dir;
}

function check(dir: string) {
  try {
    const run = spawnSync(process.execPath, [script, dir], { encoding: 'utf8', timeout: 10_000 });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const page = (body: string) => `<html><head><link rel="stylesheet" href="/assets/style.css"></head><body>${body}</body></html>`;

describe('the site link checker', () => {
  it('passes a site whose links, anchors and assets all resolve, and does not fetch external links', () => {
    const result = check(
      site({
        'index.html': page('<a href="/guide/start.html#install">start</a> <a href="./guide/start">clean URL</a> <a href="https://example.invalid/">out</a>'),
        'guide/start.html': page('<h2 id="install">Install</h2><a href="#install">here</a> <a href="../api/">api</a> <a href="other.html#a%20b">other</a>'),
        'guide/other.html': page('<h2 id="a b">A b</h2>'),
        'api/index.html': page('<a href="core/x.html">x</a>'),
        'api/core/x.html': page('<a href="../../index.html">home</a>'),
        'assets/style.css': 'body {}',
      }),
    );
    expect(result.output).toContain('1 external links not fetched');
    expect(result.status).toBe(0);
  });

  it('fails on a link to a missing page, a missing anchor and a missing asset, naming each', () => {
    const result = check(
      site({
        'index.html': page('<a href="/guide/gone.html">gone</a> <a href="/guide/start.html#nowhere">anchor</a> <img src="/assets/logo.png">'),
        'guide/start.html': page('<h2 id="install">Install</h2><a href="#instal">typo</a>'),
        'assets/style.css': 'body {}',
      }),
    );
    expect(result.status).toBe(1);
    expect(result.output).toContain('/index.html: href="/guide/gone.html" names no file of the site');
    expect(result.output).toContain('/index.html: href="/guide/start.html#nowhere" names no id "nowhere" on /guide/start.html');
    expect(result.output).toContain('/index.html: src="/assets/logo.png" names no file of the site');
    expect(result.output).toContain('/guide/start.html: href="#instal" names no id "instal" on /guide/start.html');
    expect(result.output).toContain('4 broken');
  });
});
