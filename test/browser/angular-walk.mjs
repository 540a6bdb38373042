// The Angular guide's walk (docs/guide/angular.md), its file step: after `ng new` and the
// guide's `npm install`, writes every file the guide shows for examples/angular/ into
// the new app, as the guide shows it, and proves that the result is the
// example: the guide's files are the example's, and every file `ng new` made
// that the guide leaves alone is the example's too, byte for byte
// (package.json: the same dependencies). The example's own tests, which the
// guide does not show, are copied in so `ng test` runs them.
//
// node test/browser/angular-walk.mjs <the app ng new made>
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const example = join(root, 'examples/angular');
const app = process.argv[2];
if (!app || !existsSync(join(app, 'angular.json'))) throw new Error('usage: node test/browser/angular-walk.mjs <the app ng new made>');

// Not part of an app's sources: what installs and builds make, and the example's in-repository install setting.
const skip = new Set(['node_modules', '.angular', 'dist', 'vendor', 'package-lock.json', '.npmrc']);
const files = (dir, base = dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skip.has(entry.name) || entry.name.endsWith('.tgz')) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path, base) : [relative(base, path)];
  });

const problems = [];
const made = files(app); // what ng new made
const guide = readFileSync(join(root, 'docs/guide/angular.md'), 'utf8');
const shown = [...guide.matchAll(/<!-- file: examples\/angular\/(\S+) -->\s*```\w*\n([\s\S]*?)```/g)].map(([, path, code]) => ({ path, code }));
if (shown.length === 0) problems.push('the guide shows no file of examples/angular');

// 1. The guide's files, written into the app as a reader would.
for (const { path, code } of shown) {
  mkdirSync(dirname(join(app, path)), { recursive: true });
  writeFileSync(join(app, path), code);
  if (!existsSync(join(example, path))) problems.push(`the guide shows ${path}, which examples/angular does not have`);
  else if (readFileSync(join(example, path), 'utf8') !== code) problems.push(`the guide's ${path} is not examples/angular/${path}`);
}
const shownPaths = new Set(shown.map((f) => f.path));

// 2. What ng new made and the guide leaves alone is the example's, unchanged.
for (const path of made) {
  if (shownPaths.has(path)) continue;
  if (!existsSync(join(example, path))) {
    problems.push(`ng new makes ${path}; examples/angular has no such file`);
    continue;
  }
  if (path === 'README.md') continue; // the example's own README: how to run it
  if (path.endsWith('.spec.ts')) continue; // the example's tests of its own code, copied in below
  if (path === 'package.json') {
    const names = (file) => {
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      return JSON.stringify([Object.keys(pkg.dependencies ?? {}).sort(), Object.keys(pkg.devDependencies ?? {}).sort(), pkg.scripts]);
    };
    if (names(join(app, path)) !== names(join(example, path))) problems.push('package.json: the example has not the dependencies or scripts of ng new plus the guide\'s npm install');
    continue;
  }
  if (!readFileSync(join(app, path)).equals(readFileSync(join(example, path)))) problems.push(`${path} is not what ng new makes (and the guide does not show it)`);
}

// 3. The rest of the example may only be its tests (ng new's app.spec.ts among them, rewritten): copied in for ng test.
for (const path of files(example)) {
  if (shownPaths.has(path) || (made.includes(path) && !path.endsWith('.spec.ts'))) continue;
  if (!path.endsWith('.spec.ts')) {
    problems.push(`examples/angular/${path} is neither made by ng new, nor shown in the guide, nor a test`);
    continue;
  }
  mkdirSync(dirname(join(app, path)), { recursive: true });
  cpSync(join(example, path), join(app, path));
}

if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`);
  process.exit(1);
}
console.log(`✓ the walk's app is examples/angular: ${made.length} files from ng new, ${shown.length} from the guide, the example's tests added`);
