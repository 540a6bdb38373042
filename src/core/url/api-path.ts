/**
 * A path a handle may carry, and a family may be given as an owner: rooted,
 * with one leading slash; no query, fragment, backslash or control
 * character; no dot segment (`.`, `..`) in any encoding (`%2e%2e`); no
 * encoded `/` or `\` (`%2F`, `%5C`), which a server may decode into a
 * separator; no `%` that starts no escape. Such a path, put under the API
 * root, stays under it: it cannot turn a token-bearing request into a read
 * of somewhere else.
 */
export function isApiPath(value: string): boolean {
  if (!value.startsWith('/') || value.startsWith('//') || /[?#\\\u0000-\u001f\u007f]|%2f|%5c/i.test(value)) return false;
  if (/%(?![0-9a-f]{2})/i.test(value)) return false;
  return !value
    .replace(/%2e/gi, '.')
    .split('/')
    .some((segment) => segment === '.' || segment === '..');
}
