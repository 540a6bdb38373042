// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with its own
// declarations and a package.json marking its module kind, so Node, bundlers
// and TypeScript (node16 and bundler resolution) all read each half right;
// then dist/browser, the ESM build whose default fetch is the browser's own
// (the `browser` condition of the `.` export), so cross-fetch, a CommonJS
// package, is never bundled for browsers, and whose default transport is
// fetch and undiciTransport a stub, so neither is undici.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Nothing to do when dist/ is newer than every input (npm run demo builds first).
const STAMP = 'dist/.build-stamp';
const newest = (path) => {
  const stat = statSync(path);
  return stat.isDirectory() ? Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name)))) : stat.mtimeMs;
};
const inputs = ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];
if (!process.argv.includes('--force') && existsSync(STAMP) && statSync(STAMP).mtimeMs > Math.max(...inputs.map(newest))) {
  console.log('dist/ is up to date (node scripts/build.mjs --force rebuilds anyway)');
  process.exit(0);
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
for (const [dir, moduleKind, type] of [
  ['dist/esm', 'ESNext', 'module'],
  ['dist/cjs', 'CommonJS', 'commonjs'],
]) {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--module', moduleKind, '--outDir', dir], {
    stdio: 'inherit',
  });
  mkdirSync(dir, { recursive: true });
  // The nearest package.json is what bundlers read sideEffects from: say it here too, or nothing tree-shakes.
  writeFileSync(`${dir}/package.json`, JSON.stringify({ type, sideEffects: false }, null, 2) + '\n');
}

cpSync('dist/esm', 'dist/browser', { recursive: true, filter: (path) => !/[\\/](testing|msal|bullmq)$/.test(path) });
// Node-only modules, each with a browser twin: cross-fetch, the default transport (undici in Node, fetch in
// browsers), undici itself (and node:zlib), AsyncLocalStorage.
for (const [dir, name] of [['http', 'default-fetch'], ['http', 'default-transport'], ['http', 'undici-transport'], ['core', 'async-context']]) {
  for (const ext of ['js', 'd.ts']) copyFileSync(`dist/esm/${dir}/${name}.browser.${ext}`, `dist/browser/${dir}/${name}.${ext}`);
}
writeFileSync(STAMP, `${new Date().toISOString()}\n`);
