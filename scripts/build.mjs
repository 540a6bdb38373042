// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with its own
// declarations and a package.json marking its module kind, so Node, bundlers
// and TypeScript (node16 and bundler resolution) all read each half right.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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
  writeFileSync(`${dir}/package.json`, JSON.stringify({ type }, null, 2) + '\n');
}
