import type { AsyncContext } from './async-context.js';

// The browser build's async-context.js (scripts/build.mjs swaps it in):
// browsers have no AsyncLocalStorage, so there is no caller context to capture.

export type { AsyncContext };

/** Nothing to hand over in a browser. */
export function provideAsyncContextSnapshot(_snapshot: () => AsyncContext): void {}

/** Always `undefined` in a browser: requests ask for their tokens as they go. */
export function captureAsyncContext(): AsyncContext | undefined {
  return undefined;
}

/** Nothing to refuse in a browser: there is no caller context to lose. */
export function checkAsyncContextKept(_deferring: 'batch' | 'requestBudget' | undefined): void {}

/** Nothing to capture in a browser (only a Node-only entry calls this). */
export function asyncResourceSnapshot(_resource: unknown): () => AsyncContext {
  return () => (fn) => fn();
}
