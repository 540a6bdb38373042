import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { Instrumentation, OperationOutcome } from 'rx-graph-lro/instrumentation';

/**
 * Options of {@link openTelemetry}.
 *
 * @public
 */
export interface OpenTelemetryOptions {
  /** The tracer to use. @defaultValue `trace.getTracer('rx-graph-lro')` from the global provider */
  readonly tracer?: Tracer;
}

/**
 * OpenTelemetry tracing for rx-graph-lro, through `@opentelemetry/api`
 * alone (an optional peer dependency; without a registered SDK every span
 * is a no-op). One span per operation, `graph_lro <kind>`, child of the
 * span active where the operation was subscribed; one client span per HTTP
 * attempt beneath it; a span event per status change. With no SDK
 * registered (or an operation sampled out) the operation runs untraced, as
 * without this instrumentation. Never a token, a
 * session id or a query string (a monitor's `tempAuth`) in any attribute.
 *
 * Operation span attributes: `graph_lro.kind`, `graph_lro.status_url`
 * (without query), `graph_lro.status` (the last one), `graph_lro.outcome`
 * (`succeeded`, `failed`, `timedOut`, `cancelled`), `graph_lro.polls`,
 * `graph_lro.retries`, and on failure `error.type` (the typed error's
 * name) and `graph_lro.error_code` (Graph's code). Request span
 * attributes: `http.request.method`, `url.full` (without query),
 * `http.response.status_code`, `http.request.resend_count`, and when it
 * was retried `graph_lro.retry_in_ms` and `graph_lro.retry_after_ms`.
 *
 * @example
 * ```ts
 * import { createGraphClient } from 'rx-graph-lro';
 * import { openTelemetry } from 'rx-graph-lro/opentelemetry';
 * const graph = createGraphClient({ token, instrumentation: openTelemetry() });
 * ```
 * @public
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): Instrumentation {
  // Taken once: the API's tracer delegates to whichever SDK is registered, even one registered later.
  const tracer = options.tracer ?? trace.getTracer('rx-graph-lro');
  return {
    operation: ({ kind }) => {
      // Called as the operation is subscribed: the caller's active context is the parent.
      const span = tracer.startSpan(`graph_lro ${kind}`, { kind: SpanKind.INTERNAL, attributes: { 'graph_lro.kind': kind } }, context.active());
      // No SDK registered (or sampled out): nothing would be recorded, so trace nothing at all.
      if (!span.isRecording()) {
        span.end();
        return undefined;
      }
      const inside: Context = trace.setSpan(context.active(), span);
      let polls = 0;
      let retries = 0;
      let statusUrl: string | undefined;
      return {
        event: (event) => {
          if (event.type === 'accepted') {
            statusUrl = event.location;
            span.setAttribute('graph_lro.status_url', event.location);
            span.addEvent('accepted');
          } else if (event.type === 'status') {
            span.setAttribute('graph_lro.status', event.status);
            const attributes: Attributes = { 'graph_lro.status': event.status };
            if (event.percentageComplete !== undefined) attributes['graph_lro.percentage_complete'] = event.percentageComplete;
            span.addEvent('status', attributes);
          }
        },
        attempt: (info) => {
          if (info.attempt > 0) retries++;
          if (info.method === 'GET' && info.url === statusUrl) polls++;
          const request: Span = tracer.startSpan(
            info.method,
            { kind: SpanKind.CLIENT, attributes: { 'http.request.method': info.method, 'url.full': info.url, 'http.request.resend_count': info.attempt } },
            inside,
          );
          return {
            end: (outcome) => {
              if (outcome.status !== undefined) request.setAttribute('http.response.status_code', outcome.status);
              if (outcome.retryInMs !== undefined) request.setAttribute('graph_lro.retry_in_ms', outcome.retryInMs);
              if (outcome.retryAfterMs !== undefined) request.setAttribute('graph_lro.retry_after_ms', outcome.retryAfterMs);
              if (outcome.cancelled) request.setAttribute('graph_lro.cancelled', true);
              if (outcome.error) {
                request.setAttribute('error.type', outcome.error);
                if (outcome.code) request.setAttribute('graph_lro.error_code', outcome.code);
                request.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error });
              }
              request.end();
            },
          };
        },
        end: (outcome: OperationOutcome, error?: unknown) => {
          span.setAttributes({ 'graph_lro.outcome': outcome, 'graph_lro.polls': polls, 'graph_lro.retries': retries });
          if (outcome === 'succeeded') span.setStatus({ code: SpanStatusCode.OK });
          else if (outcome !== 'cancelled') {
            const e = error as { name?: unknown; code?: unknown } | undefined;
            const name = typeof e?.name === 'string' ? e.name : 'Error';
            span.setAttribute('error.type', name);
            if (typeof e?.code === 'string') span.setAttribute('graph_lro.error_code', e.code);
            // The name and code only: an error's message names URLs, never more, but a span keeps to less.
            span.setStatus({ code: SpanStatusCode.ERROR, message: name });
          }
          span.end();
        },
      };
    },
  };
}
