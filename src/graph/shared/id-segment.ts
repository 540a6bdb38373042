import { describeValue } from '../../core/policy/validation.js';

/**
 * An id that becomes exactly one path segment: a non-empty string without
 * control characters, never `.` or `..`, percent-encoded. Anything else is
 * a `TypeError` naming the argument, before anything is sent.
 */
export function idSegment(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || /[\u0000-\u001f]/.test(value)) {
    throw new TypeError(`${name} must be a non-empty id string, not ${describeValue(value)}`);
  }
  if (value === '.' || value === '..') throw new TypeError(`${name} is not an id: ${describeValue(value)}`);
  return encodeURIComponent(value);
}
