// The Angular example in a real headless Chromium, against the simulator:
// MSAL Angular signs in (authorization code + PKCE, by redirect), operations
// run through HttpClient with MsalInterceptor's token and reach succeeded in
// the DOM, Cancel and closing the component stop every request, and the
// copy's monitor origin never receives a token. Needs examples/angular built
// (npm run test:browser does it) and Debian's chromium at /usr/bin/chromium.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { GraphSimulator } from 'rx-graph-lro/testing';

const app = fileURLToPath(new URL('../../examples/angular/dist/browser/', import.meta.url));
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const results = [];
const check = (name, pass, detail = '') => {
  results.push({ name, pass });
  console.log(`${pass ? '✓' : '✗'} ${name}${detail ? ` (${detail})` : ''}`);
};

// A static server for the built app, on loopback.
const server = createServer(async (req, res) => {
  const path = normalize(new URL(req.url, 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
  const file = join(app, path === '/' ? 'index.html' : path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(await readFile(join(app, 'index.html')));
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const appUrl = `http://127.0.0.1:${server.address().port}`;

const sim = new GraphSimulator();
await sim.start();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
/**
 * Waits until every operation shows a running status, then leaves the next
 * poll of each hanging (the simulator never answers it) and returns those
 * four requests once all are in flight.
 */
async function pollsInFlight(page = pageInUse) {
  await page.waitForFunction(() => [...document.querySelectorAll('li[data-status]')].every((li) => ['running', 'inProgress'].includes(li.dataset.status)), null, { timeout: 15_000 });
  const from = sim.requests.length;
  sim.inject({ method: 'GET', times: 4, action: { kind: 'hang' } });
  const deadline = Date.now() + 10_000;
  let polls = [];
  while (Date.now() < deadline) {
    polls = sim.requests.slice(from).filter((r) => r.method === 'GET');
    if (polls.length >= 4) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  sim.clearFaults();
  return polls;
}
let pageInUse;

const timeouts = setTimeout(() => {
  console.error('the browser test did not finish in time');
  process.exit(1);
}, 120_000);

try {
  const page = (pageInUse = await browser.newPage());
  const consoleErrors = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  await page.goto(`${appUrl}/?graph=${encodeURIComponent(sim.baseUrl)}`);

  // 0. Sign in with MSAL Angular: a redirect to the simulator's authorize endpoint and back, the code redeemed with PKCE.
  await page.click('[data-testid=sign-in]:not([disabled])');
  const signedIn = await page.waitForSelector('[data-testid=account]', { timeout: 20_000 }).then(() => true, () => false);
  const account = signedIn ? await page.textContent('[data-testid=account]') : '';
  check('MSAL Angular signed in against the simulator by redirect', /Adele Vance/.test(account ?? ''), account?.trim());
  const signIn = sim.requests.filter((r) => !r.path.startsWith('/v1.0') && r.method !== 'OPTIONS').map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);
  check(
    'the sign-in was an authorization-code redirect, then a token request, all on the simulator',
    signIn.includes('GET /organizations/oauth2/v2.0/authorize 302') && signIn.includes('POST /organizations/oauth2/v2.0/token 200'),
    signIn.join(', '),
  );
  const signInDone = sim.requests.length;

  // 1. Every operation reaches succeeded, shown in the DOM.
  await page.click('[data-testid=start]');
  await page.waitForFunction(() => document.querySelectorAll('li[data-status=succeeded]').length === 4, null, { timeout: 30_000 }).catch(() => undefined);
  const statuses = await page.$$eval('li[data-testid^=op-]', (items) => items.map((li) => `${li.dataset.testid}=${li.dataset.status}`));
  check('four operations reach succeeded in the DOM', statuses.every((s) => s.endsWith('=succeeded')) && statuses.length === 4, statuses.join(', '));
  const copyText = await page.textContent('[data-testid=op-copy]');
  check('the copy showed its progress', /\(\d+%\)/.test(copyText ?? ''), copyText?.trim());
  const monitor = sim.requests.filter((r) => r.origin === 'monitor');
  check('the monitor origin was polled from the browser and never received a token', monitor.length > 0 && monitor.every((r) => r.authorization === 'none'), `${monitor.length} monitor requests`);
  const graphCalls = sim.requests.slice(signInDone).filter((r) => r.origin === 'graph' && r.method !== 'OPTIONS');
  check(
    "every Graph call carried MsalInterceptor's token for the signed-in user and Files.ReadWrite (through HttpClient)",
    graphCalls.length > 0 && graphCalls.every((r) => r.authorization === 'valid' && r.tokenUser === 'adele@contoso.test' && r.tokenScopes?.includes('Files.ReadWrite')),
    `${graphCalls.length} Graph calls`,
  );

  // 2. Cancel stops everything: operations that never finish, their next polls left hanging, then Cancel.
  sim.setScript(({ kind }) => (kind === 'copy' ? { statuses: ['inProgress'], percentages: [10] } : { statuses: ['running'] }));
  const before = sim.requests.length;
  await page.click('[data-testid=start]');
  const hanging = await pollsInFlight();
  await page.click('[data-testid=cancel]');
  const atCancel = sim.requests.length;
  await page.waitForTimeout(1500);
  const after = sim.requests.length;
  const shown = await page.$$eval('li[data-testid^=op-]', (items) => items.map((li) => li.dataset.status));
  check('Cancel shows every operation cancelled', shown.every((s) => s === 'cancelled'), shown.join(', '));
  check('Cancel aborts the polls in flight (the simulator saw each connection closed unanswered)', hanging.length === 4 && hanging.every((r) => r.aborted), hanging.map((r) => `${r.origin} aborted=${r.aborted}`).join(', '));
  check('after Cancel the simulator receives no request', after === atCancel && atCancel > before, `${atCancel - before} before Cancel, ${after - atCancel} after`);

  // 3. Destroying the component cancels its operations (graphOperation ties them to its DestroyRef).
  const beforeRun = sim.requests.length;
  await page.click('[data-testid=start]');
  const hangingAtClose = await pollsInFlight();
  await page.click('[data-testid=close]');
  const atClose = sim.requests.length;
  await page.waitForTimeout(1500);
  const listed = await page.$$('li[data-testid^=op-]');
  check(
    'closing the component removes it, aborts its polls in flight, and the simulator receives no request after',
    listed.length === 0 && hangingAtClose.length === 4 && hangingAtClose.every((r) => r.aborted) && sim.requests.length === atClose && atClose > beforeRun,
    `${hangingAtClose.filter((r) => r.aborted).length} of ${hangingAtClose.length} aborted, ${sim.requests.length - atClose} requests after`,
  );
  check('the page logged no error', consoleErrors.length === 0, consoleErrors.join(' | '));
} finally {
  clearTimeout(timeouts);
  await browser.close();
  await sim.stop();
  await new Promise((resolve) => server.close(resolve));
}

const failed = results.filter((r) => !r.pass).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
