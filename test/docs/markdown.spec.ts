import { codeBlocks } from './markdown';

// The block reader under the code-block proof: it must see every block a reader sees, or an
// unmarked example could slip past the proof.
describe('codeBlocks', () => {
  it('reads marked and unmarked blocks, any fence, indented ones in lists, with their lines', () => {
    const page = [
      '# Title', // 1
      '<!-- file: test/a.spec.ts -->', // 2
      '', // 3
      '```ts', // 4
      'const a = 1;', // 5
      '```', // 6
      '- a list item:', // 7
      '  ```sh', // 8
      '  npm test', // 9
      '  ```', // 10
      '~~~', // 11
      'output', // 12
      '```', // 13: not a closing fence for ~~~
      '~~~~', // 14
      '````md', // 15
      '```ts', // 16
      'nested', // 17
      '```', // 18
      '````', // 19
    ].join('\n');
    expect(codeBlocks(page)).toEqual([
      { line: 4, lang: 'ts', code: 'const a = 1;\n', file: 'test/a.spec.ts' },
      { line: 8, lang: 'sh', code: 'npm test\n' },
      { line: 11, lang: '', code: 'output\n```\n' },
      { line: 15, lang: 'md', code: '```ts\nnested\n```\n' },
    ]);
  });

  it('does not take a file marker that prose stands between', () => {
    expect(codeBlocks('<!-- file: test/a.spec.ts -->\nSome words.\n```ts\nx\n```\n')).toEqual([{ line: 3, lang: 'ts', code: 'x\n' }]);
  });
});
