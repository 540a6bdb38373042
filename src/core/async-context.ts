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

/** The slice of `node:async_hooks` used here: an `AsyncResource` carries the context it was made in. */
interface AsyncResourceLike {
  runInAsyncScope<R>(fn: () => R): R;
}

interface NodeProcess {
  getBuiltinModule?: (id: string) => { AsyncResource?: new (type: string) => AsyncResourceLike } | undefined;
}

let registered: Snapshot | undefined;
let found: Snapshot | null | undefined;

/**
 * Lets a Node-only entry hand over the capture (`AsyncLocalStorage.snapshot`,
 * or {@link asyncResourceSnapshot}) where the core cannot reach
 * `node:async_hooks` by itself (Node before 20.16, which has no
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
 * Refuses what would send requests with another user's token: `deferring`
 * (`batch` or `requestBudget`) sends requests from timers other requests
 * started, so a token source that reads whose request it is from
 * `AsyncLocalStorage` must be asked inside each request's own context,
 * captured with `AsyncLocalStorage.snapshot`. Where that cannot be had (Node
 * before 20.16, which has no `process.getBuiltinModule`, unless an entry
 * handed it over), it would be asked in the context of whoever started the
 * timer: a `TypeError` that names the fix.
 */
export function checkAsyncContextKept(deferring: 'batch' | 'requestBudget' | undefined): void {
  if (deferring === undefined || (registered ?? lookUp()) !== undefined) return;
  throw new TypeError(
    `${deferring} with a token function, Observable or credential needs AsyncLocalStorage.snapshot, which this runtime does not give the library ` +
      `(it finds it through process.getBuiltinModule, Node.js 20.16 or later): without it a token source that reads the caller from AsyncLocalStorage ` +
      `would be asked in another request's context and send that user's token. Fix: run on Node.js 20.16 or later (the package's engines ask for 20.18.1), ` +
      `or take the token source from msalTokenSource() in rx-graph-lro/msal (it hands the snapshot over), or give token as a string, or leave out batch and requestBudget`,
  );
}

/**
 * The capture, found without a static import, so browser bundles never see
 * `node:async_hooks`: an `AsyncResource` made now, run in later. It is what
 * `AsyncLocalStorage.snapshot()` does, without the bound function that
 * snapshot defines properties on: about a hundred times cheaper (0.06 µs
 * against 8 µs a capture on Node 20), which matters once per request.
 */
function lookUp(): Snapshot | undefined {
  if (found === undefined) {
    const processLike = (globalThis as { process?: NodeProcess }).process;
    const Resource = processLike?.getBuiltinModule?.('node:async_hooks')?.AsyncResource;
    found = typeof Resource === 'function' ? asyncResourceSnapshot(Resource) : null;
  }
  return found ?? undefined;
}

/** A snapshot over `AsyncResource`: what a Node-only entry that can import it hands over too. */
export function asyncResourceSnapshot(Resource: new (type: string) => AsyncResourceLike): Snapshot {
  return () => {
    const resource = new Resource('rx-graph-lro.context');
    return (fn) => resource.runInAsyncScope(fn);
  };
}
