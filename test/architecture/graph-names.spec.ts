import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATION_KINDS } from '../../src/graph/kinds';

// The engine (lro/) and what it builds on (core/) know no Graph operation:
// every kind lives under graph/<area>/ and reaches the engine as data. A
// kind's name (`teams.clone`), its area as a prefix (`'teams.'`), or a
// handle param a kind declares (`drive`, `team`) in their code means Graph
// knowledge leaked below graph/, where no dependency rule can see it.

const SOURCES = ['src/core', 'src/lro'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The code of a file, without its comments (which may name Graph things to explain them). */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const names = OPERATION_KINDS.map((kind) => kind.name);
const areas = [...new Set(names.map((name) => name.split('.')[0]!))];
const params = [...new Set(OPERATION_KINDS.flatMap((kind) => ('params' in kind && kind.params ? [...kind.params] : [])))];

describe('no Graph operation below graph/', () => {
  const sources = SOURCES.flatMap(files);

  it('finds the engine and core sources it checks', () => {
    expect(sources.length).toBeGreaterThan(40);
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  it.each(sources)('%s names no kind, no area and no kind param', (path) => {
    const text = code(path);
    const found = [
      ...names.filter((name) => text.includes(name)),
      ...areas.filter((area) => new RegExp(`['"\`]${area}\\.`).test(text)),
      ...params.filter((param) => new RegExp(`\\b(params\\??\\.${param}\\b|\\[['"\`]${param}['"\`]\\]|\\b${param}\\s*:)`).test(text)),
    ];
    expect(found).toEqual([]);
  });

  it('would catch a leak of each kind', () => {
    expect(names.every((name) => `if (kind === '${name}')`.includes(name))).toBe(true);
    expect(new RegExp(`['"\`]workbook\\.`).test("kind.startsWith('workbook.')")).toBe(true);
    expect(/\bparams\??\.drive\b/.test("handle.params?.drive")).toBe(true);
  });
});
