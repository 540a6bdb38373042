// Packaging checks, run by .ci/run after the build:
//  1. publint, strict: any warning or suggestion fails.
//  2. arethetypeswrong: ESM and CommonJS entries of ., ./msal, ./testing, ./opentelemetry (node16, bundler).
//  3. npm pack holds only what a user needs.
//  4. A consumer type-checks against the packed package under node16 (ESM and CJS) and bundler.
//  5. The core entry bundles for the browser with no Node built-in, within its size budget,
//     and nothing in dist/browser loads undici (its undiciTransport is a stub).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, options = {}) => execFileSync(cmd, args, { cwd: root, stdio: 'pipe', encoding: 'utf8', ...options });
const fail = (message) => {
  console.error(`✗ ${message}`);
  process.exitCode = 1;
};
const ok = (message) => console.log(`✓ ${message}`);

// 1. publint
let lint;
try {
  lint = run(bin('publint'), ['--strict', '--level', 'suggestion']);
} catch (error) {
  lint = `${error.stdout}${error.stderr}`;
}
/(Suggestions|Warnings|Errors):/.test(lint) ? fail(`publint:\n${lint}`) : ok('publint: no problems');

// 2. arethetypeswrong
try {
  run(bin('attw'), ['--pack', '.', '--profile', 'node16', '--format', 'table-flipped', '--exclude-entrypoints', './angular']);
  // Angular's own packages are ESM-only, and so is the entry built on them.
  run(bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped', '--entrypoints', './angular']);
  ok('arethetypeswrong: ., ./msal, ./testing, ./opentelemetry, ./bullmq resolve for node16 (ESM, CJS) and bundler; ./angular for ESM (as Angular itself)');
} catch (error) {
  fail(`arethetypeswrong:\n${error.stdout}`);
}

// 3. what npm pack would ship
const [pack] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']));
const stray = pack.files.map((f) => f.path).filter((p) => !/^(README\.md|LICENSE|package\.json|dist\/(esm|cjs|browser)\/.+\.(js|d\.ts)|dist\/(esm|cjs|browser)\/package\.json)$/.test(p));
stray.length ? fail(`npm pack would ship files a user does not need: ${stray.join(', ')}`) : ok(`npm pack: ${pack.files.length} files, ${pack.size} bytes, only dist/, README.md, LICENSE, package.json`);

// 4. a consumer, against the packed tarball
const work = mkdtempSync(join(tmpdir(), 'rx-graph-lro-consumer-'));
try {
  const tarball = run('npm', ['pack', '--pack-destination', work, '--ignore-scripts']).trim().split('\n').pop();
  const installed = join(work, 'node_modules', 'rx-graph-lro');
  mkdirSync(installed, { recursive: true });
  run('tar', ['-xzf', join(work, tarball), '-C', installed, '--strip-components=1']);
  for (const dep of ['rxjs', 'io-ts', 'fp-ts', 'cross-fetch', 'undici', '@azure', '@types', '@opentelemetry', 'bullmq', 'ioredis', '@ioredis', 'zod']) {
    symlinkSync(join(root, 'node_modules', dep), join(work, 'node_modules', dep), 'dir');
  }
  const use = `import { createGraphClient, result, type OperationEvent } from 'rx-graph-lro';
import { GraphSimulator, marbleTransport } from 'rx-graph-lro/testing';
import { msalTokenSource } from 'rx-graph-lro/msal';
import { openTelemetry } from 'rx-graph-lro/opentelemetry';
import { createGraphWorker, redisRequestLimiter, type GraphJobData } from 'rx-graph-lro/bullmq';
const graph = createGraphClient({ token: 't', instrumentation: openTelemetry(), onEvent: (e) => e.operationId });
const events: import('rxjs').Observable<OperationEvent<{ id: string }>> = graph.workbook('/me/drive/items/1').createSession({ persistChanges: true });
const job: GraphJobData = { operation: 'driveItem.copy', args: ['/me/drive/items/1', {}] };
export const all = [events.pipe(result()), GraphSimulator, marbleTransport, msalTokenSource, graph, createGraphWorker, redisRequestLimiter, job];
`;
  writeFileSync(join(work, 'esm.mts'), use);
  writeFileSync(join(work, 'cjs.cts'), use.replace(/^import (.*) from '(.*)';$/gm, 'import $1 from "$2";'));
  writeFileSync(join(work, 'bundler.ts'), use);
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const base = ['--noEmit', '--strict', '--skipLibCheck', '--types', 'node', '--typeRoots', join(work, 'node_modules', '@types')];
  for (const [label, args] of [
    ['node16 (ESM)', ['--module', 'node16', '--moduleResolution', 'node16', 'esm.mts']],
    ['node16 (CJS)', ['--module', 'node16', '--moduleResolution', 'node16', 'cjs.cts']],
    ['bundler', ['--module', 'esnext', '--moduleResolution', 'bundler', 'bundler.ts']],
  ]) {
    try {
      execFileSync(process.execPath, [tsc, ...base, ...args], { cwd: work, stdio: 'pipe', encoding: 'utf8' });
      ok(`a consumer type-checks under ${label}`);
    } catch (error) {
      fail(`a consumer does not type-check under ${label}:\n${error.stdout}`);
    }
  }
  // 4a. The documentation's examples as a reader's ESM project has them: every test/readme file the
  // README or a guide shows (<!-- file: -->), as an .mts module under node16, against the packed
  // package: an import the reader would lack, or one that only a bundler resolves, fails here.
  const pages = ['README.md', ...readdirSync(join(root, 'docs', 'guide')).map((name) => join('docs', 'guide', name))];
  const shown = [...new Set(pages.flatMap((page) => [...readFileSync(join(root, page), 'utf8').matchAll(/<!-- file: (test\/readme\/\S+\.ts) -->/g)].map((m) => m[1])))];
  mkdirSync(join(work, 'snippets'));
  const snippets = shown.map((path) => {
    const target = join('snippets', path.replace(/^test\/readme\//, '').replaceAll('/', '-').replace(/\.ts$/, '.mts'));
    writeFileSync(join(work, target), readFileSync(join(root, path), 'utf8'));
    return target;
  });
  try {
    execFileSync(process.execPath, [tsc, ...base.map((arg) => (arg === 'node' ? 'node,jest' : arg)), '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022', ...snippets], { cwd: work, stdio: 'pipe', encoding: 'utf8' });
    ok(`the ${snippets.length} examples the documentation shows from test/readme/ type-check in an ESM project (node16) against the packed package`);
  } catch (error) {
    fail(`an example the documentation shows does not type-check in an ESM project (node16) against the packed package:\n${error.stdout}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// 4b. under pnpm's strict layout (no hoisting): a zod user's custom operation type-checks
// without skipLibCheck and runs against the simulator, with nothing but what it installed itself.
const strict = mkdtempSync(join(tmpdir(), 'rx-graph-lro-pnpm-'));
try {
  const tarball = run('npm', ['pack', '--pack-destination', strict, '--ignore-scripts']).trim().split('\n').pop();
  writeFileSync(join(strict, 'package.json'), JSON.stringify({ name: 'pnpm-consumer', version: '1.0.0', type: 'module', private: true }));
  const pnpm = (args) => execFileSync('npx', ['-y', 'pnpm@9', ...args], { cwd: strict, stdio: 'pipe', encoding: 'utf8' });
  pnpm(['add', `./${tarball}`, 'zod@^4', 'rxjs@^7.8', 'typescript@~6.0', '@types/node@^20']);
  const example = `import { z } from 'zod';
import { lastValueFrom } from 'rxjs';
import { createGraphClient, result, type StatusModel } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';
const Render = z.object({ state: z.string(), href: z.string().optional(), problem: z.object({ code: z.string(), message: z.string() }).optional() });
const model: StatusModel<z.infer<typeof Render>> = {
  codec: Render,
  describe: (s) => ({ status: s.state }),
  state: (s) => (s.state === 'done' ? 'succeeded' : s.state === 'failed' ? 'failed' : 'running'),
  error: (s) => s.problem,
};
const sim = await new GraphSimulator().start();
sim.defineOperation({ path: '/reports/7/render', steps: [{ body: { state: 'queued' } }, { body: { state: 'done', href: '{{result}}' } }], result: { id: 'r7', pages: 3 } });
const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 't', poll: { intervalMs: 5 } });
const report = await lastValueFrom(graph.operation({ request: { method: 'POST', url: '/reports/7/render' }, status: model, resultUrl: (s) => s.href, resultCodec: z.object({ id: z.string(), pages: z.number() }) }).pipe(result()));
const pages: number = report.pages;
console.log(report.id, pages);
await sim.stop();
`;
  writeFileSync(join(strict, 'main.mts'), example);
  const tsc = join(strict, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022', '--types', 'node', '--outDir', 'out', 'main.mts'], { cwd: strict, stdio: 'pipe', encoding: 'utf8' });
  const printed = execFileSync(process.execPath, [join(strict, 'out', 'main.mjs')], { cwd: strict, stdio: 'pipe', encoding: 'utf8', timeout: 30_000 });
  printed.trim() === 'r7 3' ? ok('under pnpm (strict, no hoisting), a zod-typed custom operation type-checks without skipLibCheck and runs') : fail(`the pnpm consumer printed ${printed}`);
} catch (error) {
  fail(`the pnpm consumer failed:\n${error.stdout ?? ''}${error.stderr ?? ''}${error.message}`);
} finally {
  rmSync(strict, { recursive: true, force: true });
}

// 5. the browser bundle
const budget = JSON.parse(readFileSync(join(root, 'size-budget.json'), 'utf8'));
const bundle = async (external, contents = "export * from 'rx-graph-lro';") => {
  const out = await build({
    // As a user's bundler sees the package: through its exports, browser condition.
    stdin: { contents, resolveDir: root, loader: 'js' },
    // Not the repository's tsconfig: its paths point rx-graph-lro at src/ for the tests.
    tsconfigRaw: {},
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    external,
    logLevel: 'silent',
  });
  // esbuild keeps `node:` imports as externals rather than failing: list every external it kept.
  const externals = Object.values(out.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return { bytes: gzipSync(out.outputFiles[0].contents).length, inputs: Object.keys(out.metafile.inputs), externals };
};
try {
  // The package's browser field swaps cross-fetch for the browser's fetch: it must not be bundled.
  const core = await bundle(['rxjs', 'io-ts', 'fp-ts']);
  const withFetch = core;
  if (core.inputs.some((p) => p.includes('cross-fetch'))) fail('the browser bundle includes cross-fetch; the browser field should swap it for the global fetch');
  // undiciTransport is Node's: the browser build swaps it for a stub, so neither undici nor node:zlib is bundled, or even named.
  const withUndici = [...core.inputs.filter((p) => /(^|\/)node_modules\/undici\//.test(p)), ...core.externals.filter((p) => /^(undici|node:zlib|zlib)(\/|$)/.test(p))];
  const jsFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
  const naming = jsFiles(join(root, 'dist', 'browser')).filter((f) => /(\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"](undici|node:zlib|zlib)['"/]/.test(readFileSync(f, 'utf8')));
  if (withUndici.length || naming.length) fail(`the browser build reaches undici: ${[...withUndici, ...naming.map((f) => f.slice(root.length + 1))].join(', ')}`);
  else ok('the browser build has no undici: dist/browser names neither undici nor node:zlib, and the bundle holds neither');
  const allowed = new Set(['rxjs', 'io-ts', 'fp-ts']);
  const node = [
    ...withFetch.inputs.filter((p) => /node-fetch|whatwg-url/.test(p)),
    ...core.externals.filter((p) => !allowed.has(p.split('/')[0])),
  ];
  if (node.length) fail(`the browser bundle pulls in Node code: ${node.join(', ')}`);
  else ok('the core entry bundles for the browser with no Node built-in');
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const line = `browser bundle, minified + gzipped, without rxjs, io-ts, fp-ts: ${kb(core.bytes)}; budget ${kb(budget.coreGzipBytes)}`;
  core.bytes > budget.coreGzipBytes ? fail(`over budget: ${line}`) : ok(line);
} catch (error) {
  fail(`the core entry does not bundle for the browser (a Node built-in?):\n${error.message}`);
}

// 6. the Angular entry: its own budget (it includes the core client), and tree-shaking
try {
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const external = ['rxjs', 'io-ts', 'fp-ts', '@angular/core', '@angular/common', '@angular/common/http'];
  const core = await bundle(['rxjs', 'io-ts', 'fp-ts']);
  const angular = await bundle(external, "export * from 'rx-graph-lro/angular';");
  const line = `Angular entry, minified + gzipped, without rxjs, io-ts, fp-ts, Angular: ${kb(angular.bytes)} (the client it provides included); budget ${kb(budget.angularGzipBytes)}`;
  angular.bytes > budget.angularGzipBytes ? fail(`over budget: ${line}`) : ok(line);
  const token = await bundle(external, "import { GRAPH_LRO_NO_TOKEN } from 'rx-graph-lro/angular'; console.log(GRAPH_LRO_NO_TOKEN);");
  token.bytes < 1024 ? ok(`tree-shakable: an app that imports only GRAPH_LRO_NO_TOKEN from it bundles ${token.bytes} bytes`) : fail(`the Angular entry does not tree-shake: GRAPH_LRO_NO_TOKEN alone bundles ${kb(token.bytes)}`);
} catch (error) {
  fail(`the Angular entry does not bundle for the browser:\n${error.message}`);
}

