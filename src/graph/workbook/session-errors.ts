import { errorCodes } from '../../core/errors/error-chain.js';
import { GraphHttpError } from '../../core/errors/graph-http-error.js';
import { OperationFailedError } from '../../core/errors/operation-failed-error.js';
import { SessionExpiredError } from '../../core/errors/session-expired-error.js';
import { SessionInvalidError } from '../../core/errors/session-invalid-error.js';
import type { GraphLroError } from '../../core/errors/graph-lro-error.js';

/** What a failure means for the workbook session it happened in. */
export type SessionFailure = 'recreate' | 'expired' | 'invalid';

/**
 * Reads Graph's session codes (case-insensitive, any depth of the chain):
 * `invalidSessionReCreatable` → re-create and repeat once;
 * `invalidSessionNotFound` → expired; any other `invalidSession…` → invalid.
 * A 404 from a call that only exists for the session (refresh) means expired.
 */
export function classifySessionFailure(error: unknown, notFoundMeansExpired = false): SessionFailure | undefined {
  const codes = codesOf(error).map((c) => c.toLowerCase());
  if (codes.includes('invalidsessionrecreatable')) return 'recreate';
  if (codes.includes('invalidsessionnotfound')) return 'expired';
  if (codes.some((c) => c.startsWith('invalidsession'))) return 'invalid';
  if (notFoundMeansExpired && error instanceof GraphHttpError && error.status === 404) return 'expired';
  return undefined;
}

export function sessionError(kind: 'expired' | 'invalid', sessionId: string, cause: unknown): GraphLroError {
  const source = cause as Partial<GraphLroError>;
  const context = {
    ...(source.method ? { method: source.method } : {}),
    ...(source.url ? { url: source.url } : {}),
    ...(source.status !== undefined ? { status: source.status } : {}),
    ...(source.code ? { code: source.code } : {}),
  };
  return kind === 'expired' ? new SessionExpiredError(context, { sessionId, cause }) : new SessionInvalidError(context, { sessionId, cause });
}

function codesOf(error: unknown): string[] {
  if (error instanceof GraphHttpError) return [...errorCodes(error.graphError), ...(error.code ? [error.code] : [])];
  if (error instanceof OperationFailedError) return [...errorCodes(error.error), ...(error.code ? [error.code] : [])];
  return [];
}
