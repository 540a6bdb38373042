// The fenced code blocks of a markdown page, as CommonMark and VitePress read them: a fence of
// three or more backticks or tildes, indented or not (inside a list item), closed by a fence of
// the same character at least as long. A block's file is the path of a `<!-- file: path -->`
// line right before it (blank lines between allowed).

/** One fenced block: its 1-based line, its language word, its text (the fence's indentation removed), and the file it claims to be. */
export interface CodeBlock {
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  readonly file?: string;
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang] = open as unknown as [string, string, string, string];
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end]!)) end++;
    const code = lines
      .slice(i + 1, end)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
      .map((line) => `${line}\n`)
      .join('');
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const file = before >= 0 ? /^\s*<!-- file: (\S+) -->\s*$/.exec(lines[before]!)?.[1] : undefined;
    blocks.push({ line: i + 1, lang, code, ...(file ? { file } : {}) });
    i = end;
  }
  return blocks;
}
