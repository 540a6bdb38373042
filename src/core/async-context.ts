/**
 * The caller's asynchronous context (Node's `AsyncLocalStorage` stores),
 * captured so that work done later on its behalf runs in it.
 *
 * Why: a token source may read per-request context to decide whose token
 * it gives (a web API's on-behalf-of `userAssertion` from
 * `AsyncLocalStorage`). A request that waits for the request budget, or
 * travels in a `$batch`, is sent from a timer that another request started,
 * in that request's context: without this, it would be sent with the token
 * of whoever started the timer. Browsers have no such context: there this
 * captures nothing and costs nothing.
 */
export type AsyncContext = <R>(fn: () => R) => R;

type Snapshot = () => AsyncContext;

interface NodeProcess {
  getBuiltinModule?: (id: string) => { AsyncLocalStorage?: { snapshot?: Snapshot } } | undefined;
}

let registered: Snapshot | undefined;
let found: Snapshot | null | undefined;

/**
 * Lets a Node-only entry hand over `AsyncLocalStorage.snapshot` where the
 * core cannot reach it by itself (Node before 20.16, which has no
 * `process.getBuiltinModule`).
 */
export function provideAsyncContextSnapshot(snapshot: Snapshot): void {
  registered = snapshot;
}

/** Captures the current asynchronous context, or `undefined` where there is none to capture. */
export function captureAsyncContext(): AsyncContext | undefined {
  const snapshot = registered ?? lookUp();
  return snapshot ? snapshot() : undefined;
}

/**
 * Whether work deferred to a timer another request started (a request
 * budget's queue, a `$batch` flush) can still run in its own caller's
 * context: only when `AsyncLocalStorage.snapshot` is at hand, found (Node
 * 20.16 and later) or handed over by an entry.
 */
export function asyncContextIsKept(): boolean {
  return (registered ?? lookUp()) !== undefined;
}

/** `AsyncLocalStorage.snapshot` found without a static import, so browser bundles never see `node:async_hooks`. */
function lookUp(): Snapshot | undefined {
  if (found === undefined) {
    const processLike = (globalThis as { process?: NodeProcess }).process;
    const storage = processLike?.getBuiltinModule?.('node:async_hooks')?.AsyncLocalStorage;
    found = typeof storage?.snapshot === 'function' ? storage.snapshot.bind(storage) : null;
  }
  return found ?? undefined;
}
