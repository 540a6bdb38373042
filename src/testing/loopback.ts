import { isIPv4, isIPv6 } from 'node:net';

/** `localhost`, `127.0.0.0/8`, `::1` (any spelling) and `::ffff:127.x.y.z`: addresses no other machine reaches. */
export function isLoopbackAddress(host: string): boolean {
  if (host.toLowerCase() === 'localhost') return true;
  if (isIPv4(host)) return host.startsWith('127.');
  if (!isIPv6(host)) return false;
  let normal: string;
  try {
    normal = new URL(`http://[${host}]`).hostname;
  } catch {
    return false; // a zone id (fe80::1%eth0): a link, not loopback
  }
  return normal === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(normal);
}
