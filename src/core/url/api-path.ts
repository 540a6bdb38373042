/**
 * A path a resume handle may carry: rooted at the API root, one slash, no
 * dot segment in any encoding, no query, fragment, backslash or control
 * character. Such a path, joined under the API root, stays under it: it
 * cannot aim a token-bearing request at another host or another part of
 * Graph than the one the library wrote.
 */
export function isApiPath(value: string): boolean {
  if (!value.startsWith('/') || value.startsWith('//') || /[?#\\\u0000-\u001f\u007f]/.test(value)) return false;
  if (/%(?![0-9a-f]{2})/i.test(value)) return false;
  return !value
    .replace(/%2e/gi, '.')
    .split(/\/|%2f|%5c/i)
    .some((segment) => segment === '.' || segment === '..');
}
