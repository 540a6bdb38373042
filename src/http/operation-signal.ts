/**
 * One abort signal for the requests of one operation, for a transport that
 * aborts through a signal (fetch): one `AbortController` per operation
 * instead of one per request. An operation's requests go one after another
 * (start, polls, result read), so the signal is held by one request at a
 * time; one that goes while another holds it gets none (its transport then
 * makes its own). When the request holding it is unsubscribed before its
 * answer (the operation is cancelled, the request timed out), the library
 * aborts it through the signal, and the operation's next request gets a new
 * one.
 */
export class OperationSignal {
  private controller: AbortController | undefined;
  private held = false;

  /** The signal for a request about to go, or `undefined` when another request of this operation holds it. */
  take(): AbortSignal | undefined {
    if (this.held) return undefined;
    this.held = true;
    return (this.controller ??= new AbortController()).signal;
  }

  /** The request that held it was answered or failed: the next one may take it. */
  release(): void {
    this.held = false;
  }

  /** The request that held it was unsubscribed before its answer: it is aborted, and the signal is spent. */
  abort(): void {
    this.held = false;
    const { controller } = this;
    this.controller = undefined;
    controller?.abort();
  }
}
