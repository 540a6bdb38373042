// Every public member has TSDoc: API Extractor marks a declaration that has none (or only tags,
// such as a lone @defaultValue) "(undocumented)" in the API reports, and this fails on any.
// Run by `npm run api:check` after the reports are checked against the code.
//
// node scripts/check-api-documented.mjs [the reports' folder]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = process.argv[2] ?? fileURLToPath(new URL('../etc', import.meta.url));

const found = [];
for (const name of readdirSync(folder).filter((file) => file.endsWith('.api.md'))) {
  const lines = readFileSync(join(folder, name), 'utf8').split('\n');
  let declaration = '';
  lines.forEach((line, index) => {
    const top = /^export (?:declare )?(?:abstract )?(?:interface|class|function|type|const|enum|namespace) (\w+)/.exec(line);
    if (top) declaration = top[1];
    if (!line.includes('(undocumented)')) return;
    const next = lines[index + 1] ?? '';
    const member = /^\s+(?:readonly |static |protected |declare )*['"]?([\w~$]+|\[)/.exec(next)?.[1];
    const own = /^export /.test(next) ? /^export (?:declare )?(?:abstract )?\w+ (\w+)/.exec(next)?.[1] : undefined;
    found.push({ where: `${name}:${index + 2}`, id: own ?? `${declaration}.${member}`, text: next.trim() });
  });
}

for (const entry of found) console.error(`✗ ${entry.where}: ${entry.id} has no TSDoc (${entry.text})`);
if (found.length > 0) process.exit(1);
console.log('✓ every public member has TSDoc');
