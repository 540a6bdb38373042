// The app of the Angular guide's walk (examples/angular) in a real headless
// Chromium, against the simulator:
//  1. as the guide says to run it: the guide's simulator.mjs started as a
//     process, the app opened at the URL it prints, signed in, operations run;
//  2. checked in detail against a simulator in this process: MSAL Angular
//     signs in (authorization code + PKCE, by redirect), the operations run
//     through HttpClient with MsalInterceptor's token and reach succeeded in
//     the DOM, Cancel (the resources' params unset) and leaving the page (the
//     component destroyed) abort the polls in flight and stop every request,
//     and the copy's monitor origin never receives a token.
// Screenshots go to artifacts/angular/. Needs the app built (npm run
// test:browser does it) and Debian's chromium at /usr/bin/chromium.
//
// node test/browser/angular.browser.mjs <the app's directory>
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { GraphSimulator } from 'rx-graph-lro/testing';

const appDir = resolve(process.argv[2] ?? fileURLToPath(new URL('../../examples/angular', import.meta.url)));
const built = join(appDir, 'dist/graph-app/browser');
const artifacts = fileURLToPath(new URL('../../artifacts/angular/', import.meta.url));
mkdirSync(artifacts, { recursive: true });
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ico': 'image/x-icon' };
const results = [];
const check = (name, pass, detail = '') => {
  results.push({ name, pass });
  console.log(`${pass ? '✓' : '✗'} ${name}${detail ? ` (${detail})` : ''}`);
};

// A static server for the built app, on loopback (unknown paths get index.html, as for any single-page app).
const served = [];
const server = createServer(async (req, res) => {
  const path = normalize(new URL(req.url, 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
  served.push(path);
  const file = join(built, path === '/' ? 'index.html' : path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(await readFile(join(built, 'index.html')));
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
let readmeSimulator;

const timeouts = setTimeout(() => {
  console.error('the browser test did not finish in time');
  process.exit(1);
}, 180_000);

/** A fresh tab (its own sessionStorage, so MSAL's cache and the ?graph= choice start empty) that records console errors. */
async function tab() {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(String(error)));
  return { page, errors };
}

/** Signs in on the simulator by MSAL's redirect, then opens the operations page; resolves to the account line. */
async function signInAndOpen(page, graphBaseUrl) {
  await page.goto(`${appUrl}/?graph=${encodeURIComponent(graphBaseUrl)}`);
  await page.click('[data-testid=sign-in]:not([disabled])', { timeout: 20_000 });
  const account = await page
    .waitForSelector('[data-testid=account]', { timeout: 20_000 })
    .then((line) => line.textContent())
    .catch(() => '');
  if (account) await page.click('[data-testid=open]');
  await page.waitForSelector('[data-testid=start]', { timeout: 20_000 }).catch(() => undefined);
  return account?.trim() ?? '';
}

const statusesIn = (page) => page.$$eval('li[data-testid^=op-]', (items) => items.map((li) => `${li.dataset.testid}=${li.dataset.status}`));
const allSucceeded = (page) => page.waitForFunction(() => [...document.querySelectorAll('li[data-status]')].filter((li) => li.dataset.status === 'succeeded').length === 4, null, { timeout: 30_000 }).catch(() => undefined);

/**
 * Waits until every operation shows a running status, then leaves the next
 * poll of each hanging (the simulator never answers it) and returns those
 * four requests once all are in flight.
 */
async function pollsInFlight(page) {
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

/** Starts the guide's `node simulator.mjs` in the app's directory; resolves to the process and the simulator's Graph URL it prints. */
function startReadmeSimulator() {
  const child = spawn(process.execPath, ['simulator.mjs'], { cwd: appDir, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`simulator.mjs printed no URL: ${out}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`simulator.mjs exited (${code}): ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /Graph simulator at (\S+)/.exec(out)?.[1];
      if (url && /Open http:\/\/localhost:4200\/\?graph=/.test(out)) {
        clearTimeout(timer);
        resolve({ child, url, printed: out });
      }
    });
  });
}

try {
  // 0. The first download is the app's shell; the Graph part (MSAL, rx-graph-lro) loads with its route.
  {
    const { page } = await tab();
    await page.goto(`${appUrl}/?graph=${encodeURIComponent(sim.baseUrl)}`);
    await page.waitForSelector('[data-testid=sign-in]', { timeout: 20_000 });
    const index = await readFile(join(built, 'index.html'), 'utf8');
    const lazy = served.filter((p) => /^\/chunk-.*\.js$/.test(p) && !index.includes(p.slice(1)));
    check('the app shell renders, then loads the Graph part as a lazy chunk', lazy.length > 0, `loaded after the shell: ${lazy.join(', ')}`);
    await page.close();
  }

  // 1. The guide's way: `node simulator.mjs`, open the URL it prints (here with the app's own origin), sign in, Start.
  {
    readmeSimulator = await startReadmeSimulator();
    const { page, errors } = await tab();
    const account = await signInAndOpen(page, readmeSimulator.url);
    check("the guide's simulator.mjs: MSAL Angular signs in against it", /Adele Vance/.test(account), account);
    await page.click('[data-testid=start]');
    await allSucceeded(page);
    const statuses = await statusesIn(page);
    await page.screenshot({ path: join(artifacts, '1-readme-walk-succeeded.png'), fullPage: true });
    check("the guide's simulator.mjs: the four operations reach succeeded", statuses.length === 4 && statuses.every((s) => s.endsWith('=succeeded')), statuses.join(', '));
    check("the guide's walk logged no error in the page", errors.length === 0, errors.join(' | '));
    await page.close();
    const exited = new Promise((resolve) => readmeSimulator.child.once('exit', (code, signal) => resolve(code ?? signal)));
    readmeSimulator.child.kill('SIGINT');
    check('simulator.mjs stops on Ctrl-C', (await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 5000))])) === 0);
    readmeSimulator = undefined;
  }

  // 2. In detail, against a simulator whose log this test reads.
  const { page, errors } = await tab();
  const account = await signInAndOpen(page, sim.baseUrl);
  check('MSAL Angular signed in against the simulator by redirect', /Adele Vance/.test(account), account);
  const signIn = sim.requests.filter((r) => !r.path.startsWith('/v1.0') && r.method !== 'OPTIONS').map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);
  check(
    'the sign-in was an authorization-code redirect, then a token request, all on the simulator',
    signIn.includes('GET /organizations/oauth2/v2.0/authorize 302') && signIn.includes('POST /organizations/oauth2/v2.0/token 200'),
    signIn.join(', '),
  );
  await page.screenshot({ path: join(artifacts, '2-signed-in.png'), fullPage: true });
  const signInDone = sim.requests.length;
  const before = await statusesIn(page);
  check('nothing starts before Start: each resource is idle', before.length === 4 && before.every((s) => s.endsWith('=idle')), before.join(', '));

  // 2a. Every operation reaches succeeded, shown in the DOM.
  await page.click('[data-testid=start]');
  await allSucceeded(page);
  const statuses = await statusesIn(page);
  check('four operations reach succeeded in the DOM', statuses.every((s) => s.endsWith('=succeeded')) && statuses.length === 4, statuses.join(', '));
  const copyText = await page.textContent('[data-testid=op-copy]');
  check('the copy showed its progress', /\(\d+%\)/.test(copyText ?? ''), copyText?.trim());
  await page.screenshot({ path: join(artifacts, '3-succeeded.png'), fullPage: true });
  const monitor = sim.requests.filter((r) => r.origin === 'monitor');
  check('the monitor origin was polled from the browser and never received a token', monitor.length > 0 && monitor.every((r) => r.authorization === 'none'), `${monitor.length} monitor requests`);
  const graphCalls = sim.requests.slice(signInDone).filter((r) => r.origin === 'graph' && r.method !== 'OPTIONS');
  check(
    "every Graph call carried MsalInterceptor's token for the signed-in user and Files.ReadWrite (through HttpClient)",
    graphCalls.length > 0 && graphCalls.every((r) => r.authorization === 'valid' && r.tokenUser === 'adele@contoso.test' && r.tokenScopes?.includes('Files.ReadWrite')),
    `${graphCalls.length} Graph calls`,
  );

  // 2b. Cancel (the resources' params unset) stops everything: operations that never finish, their next polls left hanging, then Cancel.
  sim.setScript(({ kind }) => (kind === 'copy' ? { statuses: ['inProgress'], percentages: [10] } : { statuses: ['running'] }));
  const beforeRun = sim.requests.length;
  await page.click('[data-testid=start]');
  const hanging = await pollsInFlight(page);
  await page.screenshot({ path: join(artifacts, '4-running.png'), fullPage: true });
  await page.click('[data-testid=cancel]');
  const atCancel = sim.requests.length;
  await page.waitForTimeout(1500);
  const after = sim.requests.length;
  const shown = await statusesIn(page);
  await page.screenshot({ path: join(artifacts, '5-cancelled.png'), fullPage: true });
  check('Cancel leaves every resource idle', shown.length === 4 && shown.every((s) => s.endsWith('=idle')), shown.join(', '));
  check('Cancel aborts the polls in flight (the simulator saw each connection closed unanswered)', hanging.length === 4 && hanging.every((r) => r.aborted), hanging.map((r) => `${r.origin} aborted=${r.aborted}`).join(', '));
  check('after Cancel the simulator receives no request', after === atCancel && atCancel > beforeRun, `${atCancel - beforeRun} before Cancel, ${after - atCancel} after`);

  // 2c. Leaving the page destroys the component, which cancels its resources.
  const beforeLeave = sim.requests.length;
  await page.click('[data-testid=start]');
  const hangingAtClose = await pollsInFlight(page);
  await page.click('[data-testid=close]');
  const atClose = sim.requests.length;
  await page.waitForTimeout(1500);
  const listed = await page.$$('li[data-testid^=op-]');
  check(
    'leaving the page removes the component, aborts its polls in flight, and the simulator receives no request after',
    listed.length === 0 && hangingAtClose.length === 4 && hangingAtClose.every((r) => r.aborted) && sim.requests.length === atClose && atClose > beforeLeave,
    `${hangingAtClose.filter((r) => r.aborted).length} of ${hangingAtClose.length} aborted, ${sim.requests.length - atClose} requests after`,
  );
  check('the page logged no error', errors.length === 0, errors.join(' | '));
} catch (error) {
  check(`the run went through (${error.message})`, false);
} finally {
  clearTimeout(timeouts);
  readmeSimulator?.child.kill('SIGKILL');
  await browser.close();
  await sim.stop();
  await new Promise((resolve) => server.close(resolve));
}

const failed = results.filter((r) => !r.pass).length;
console.log(`${results.length - failed} passed, ${failed} failed; screenshots in artifacts/angular/`);
process.exitCode = failed ? 1 : 0;
