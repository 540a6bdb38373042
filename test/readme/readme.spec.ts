import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Code in the README that claims to be a test file must be that file, verbatim,
// so the examples a user copies are the ones CI runs.
const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/<!-- file: (\S+) -->\s*```ts\n([\s\S]*?)```/g)];

describe('README', () => {
  it('has at least one example that CI runs', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((b) => [b[1]!, b[2]!]))('shows %s exactly as it is in the repository', (path, code) => {
    expect(code).toBe(readFileSync(join(root, path), 'utf8'));
  });

  it('gives the two commands a new user needs, and CI runs the same test command', () => {
    expect(readme).toContain('npm install && npm run demo');
    expect(readme).toContain('npm install && npm test');
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(/^npm test$/m);
  });
});
