import { Observable, type Observer, type SchedulerLike, type Subscriber } from 'rxjs';
import type { ChainRequest, HttpHandler } from './http-interceptor.js';
import type { HttpRequest, HttpResponse, HttpTransport } from '../transport.js';
import { hopRequest, type HopDefaults } from './trust-and-token.js';
import { isRedirect } from './redirects.js';
import { toHttpError } from '../to-http-error.js';
import { GraphLroError } from '../../core/errors/graph-lro-error.js';
import { NetworkError } from '../../core/errors/network-error.js';
import { ProtocolError } from '../../core/errors/protocol-error.js';
import { redactedCause } from '../../core/errors/redaction.js';
import type { OperationSignal } from '../operation-signal.js';

/**
 * The end of the chain, Angular's `HttpBackend`: one hop on the transport.
 * The hop is what trust allows for its origin ({@link hopRequest}); its
 * answer is a 2xx response, a 3xx with a `Location` (for the redirect step
 * to follow), or a typed error: `GraphHttpError` for any other status,
 * `NetworkError` (its cause cleared of the token) when no answer came,
 * `ProtocolError` for a URL the library may not talk to, an answer it
 * cannot handle, or a transport that completed without answering.
 */
export function transportBackend(transport: HttpTransport, trustedOrigins: ReadonlySet<string>, scheduler: SchedulerLike, defaults: HopDefaults = {}): HttpHandler {
  return (request) =>
    new Observable<HttpResponse>((subscriber) => {
      // The operation's one signal, when the transport aborts through one: held while this hop is in flight.
      const shared = request.operationSignal;
      const signal = shared?.take();
      let outgoing: HttpRequest;
      try {
        outgoing = hopRequest(request, trustedOrigins, defaults, signal);
      } catch (refused) {
        shared?.release();
        throw refused;
      }
      const answer = new Answer(request, outgoing, subscriber, scheduler, signal ? shared : undefined);
      const sent = transport(outgoing).subscribe(answer);
      if (!signal) return sent;
      return () => {
        sent.unsubscribe();
        // Unsubscribed before its answer, or failed (a body over the limit is left unread): aborted
        // through the signal, as the transport has no controller of its own. (Answered, it let go of it.)
        if (!answer.answered) shared!.abort();
      };
    });
}

/**
 * The transport's observer for one hop: an object with methods, not closures
 * (every request of every poll comes here). Its answer reaches the caller in
 * the caller's context when the request carries one (a token source that
 * reads whose request it is): a transport may call back in another context
 * (undici's dispatcher answers in the context of whoever opened the
 * connection), and what the caller does next (its next poll, and that
 * poll's token) must happen in its own.
 */
class Answer implements Observer<HttpResponse> {
  /** Transport answers and completions so far: a completion beyond the answers is a transport that never answered (one response per request). */
  private answers = 0;
  private completions = 0;
  /** The transport answered (a failure is not an answer). */
  answered = false;

  constructor(
    private readonly request: ChainRequest,
    private readonly outgoing: HttpRequest,
    private readonly subscriber: Subscriber<HttpResponse>,
    private readonly scheduler: SchedulerLike,
    private readonly shared: OperationSignal | undefined,
  ) {}

  next(response: HttpResponse): void {
    this.answers++;
    if (!this.answered) {
      this.answered = true;
      // Let go of the operation's signal before the answer goes on: what the operation sends next
      // because of it (the result read after the last poll) takes the same one.
      this.shared?.release();
    }
    const { context } = this.request;
    if (context) context(() => this.answer(response));
    else this.answer(response);
  }

  error(error: unknown): void {
    const { context } = this.request;
    if (context) context(() => this.failed(error));
    else this.failed(error);
  }

  complete(): void {
    if (++this.completions <= this.answers) return;
    const { context } = this.request;
    const fail = () => this.fail(new ProtocolError({ method: this.request.method, url: this.request.url }, { reason: 'the transport completed without a response' }));
    if (context) context(fail);
    else fail();
  }

  private answer(response: HttpResponse): void {
    // Any exception while handling a response (a hostile body, a bug) reaches
    // the subscriber typed, rather than escaping from the transport's callback.
    try {
      this.handle(response);
    } catch (error) {
      this.subscriber.error(
        error instanceof GraphLroError
          ? error
          : new ProtocolError({ method: this.request.method, url: this.request.url, status: response.status }, { reason: 'the response could not be handled', cause: error }),
      );
    }
  }

  private failed(error: unknown): void {
    // Some fetch implementations quote a header value they refuse: errors never carry the token this hop carried.
    const authorization = this.outgoing.headers['authorization'];
    this.fail(authorization === undefined ? error : redactedCause(error, [authorization.slice('Bearer '.length)]));
  }

  private fail(error: unknown): void {
    this.subscriber.error(error instanceof GraphLroError ? error : new NetworkError({ method: this.request.method, url: this.request.url }, { cause: error }));
  }

  private handle(response: HttpResponse): void {
    const { status } = response;
    if ((status >= 200 && status < 300) || (isRedirect(status) && response.headers['location'])) {
      this.subscriber.next(response);
      this.subscriber.complete();
      return;
    }
    const context = { method: this.request.method, url: this.request.url };
    if (status === 0) {
      this.subscriber.error(new ProtocolError(context, { reason: 'a redirect that this environment will not let the library follow' }));
      return;
    }
    this.subscriber.error(toHttpError(response, context, this.scheduler.now()));
  }
}
