import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The check `npm run api:check` ends with (scripts/check-api-documented.mjs): it passes the
// repository's reports, and fails, naming the member, on a report with an undocumented one.
const script = join(__dirname, '..', '..', 'scripts', 'check-api-documented.mjs');
const run = (folder?: string) => {
  const result = spawnSync(process.execPath, folder ? [script, folder] : [script], { encoding: 'utf8', timeout: 10_000 });
  return { status: result.status, output: result.stdout + result.stderr };
};

describe('the TSDoc check of the API reports', () => {
  it("passes the repository's reports (etc/)", () => {
    expect(run()).toMatchObject({ status: 0 });
  });

  it('fails on an undocumented member or function, naming each', () => {
    const folder = mkdtempSync(join(tmpdir(), 'reports-'));
    try {
      const report = [
        '## API Report File for "x"',
        '// @public',
        'export interface Workbook {',
        '    // (undocumented)',
        '    readonly itemUrl: string;',
        '}',
        '// @public (undocumented)',
        'export function helper(): void;',
      ].join('\n');
      writeFileSync(join(folder, 'x.api.md'), report);
      const { status, output } = run(folder);
      expect(status).toBe(1);
      expect(output).toContain('x.api.md:5: Workbook.itemUrl has no TSDoc');
      expect(output).toContain('x.api.md:8: helper has no TSDoc');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
