import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { lastValueFrom, of } from 'rxjs';
import { createGraphClient } from '../../src/client';
import { result } from '../../src/lro/operators/result';
import { progress } from '../../src/lro/operators/progress';
import { openTelemetry } from '../../src/opentelemetry';
import type { GraphSimulator } from '../../src/testing';
import { startSimulator, TOKEN, until } from '../helpers/simulator';
import { accepted, graphError, json } from '../helpers/fake-transport';
import { ROOT, runVirtual, virtualClient } from '../helpers/virtual-client';

// The real OpenTelemetry SDK, exporting to memory: the span tree each
// operation leaves, and nothing secret in it.
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  trace.setGlobalTracerProvider(provider);
});
afterAll(() => {
  trace.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

let sim: GraphSimulator;
afterEach(() => sim?.stop());

/** The exported spans as an indented tree: `name attributes…`. */
function tree(spans: readonly ReadableSpan[], keys: readonly string[]): string[] {
  const byParent = new Map<string | undefined, ReadableSpan[]>();
  const ids = new Set(spans.map((s) => s.spanContext().spanId));
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent && ids.has(parent) ? parent : undefined;
    byParent.set(key, [...(byParent.get(key) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    for (const span of [...(byParent.get(parent) ?? [])].sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1])) {
      const attributes = keys.filter((k) => span.attributes[k] !== undefined).map((k) => `${k}=${String(span.attributes[k])}`);
      lines.push(`${'  '.repeat(depth)}${span.name} ${attributes.join(' ')}`.trimEnd());
      walk(span.spanContext().spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines;
}

const KEYS = ['graph_lro.outcome', 'graph_lro.polls', 'graph_lro.retries', 'http.response.status_code', 'http.request.resend_count', 'graph_lro.retry_in_ms'];

describe('OpenTelemetry spans, with the real SDK', () => {
  it('a createSession with a 504 retry, nested under the caller\'s span', async () => {
    ({ sim } = await startSimulator({}, { instrumentation: openTelemetry(), retry: { baseDelayMs: 5, random: () => 1 } }));
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, poll: { intervalMs: 5, backoffFactor: 1 }, retry: { baseDelayMs: 5, random: () => 1 }, instrumentation: openTelemetry() });
    sim.inject({ method: 'POST', path: 'createSession', action: { kind: 'status', status: 504 } });
    const tracer = trace.getTracer('my-service');
    await tracer.startActiveSpan('handle request', async (parent) => {
      await lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));
      parent.end();
    });
    expect(tree(exporter.getFinishedSpans(), KEYS)).toEqual([
      'handle request',
      '  graph_lro workbook.createSession graph_lro.outcome=succeeded graph_lro.polls=3 graph_lro.retries=1',
      '    POST http.response.status_code=504 http.request.resend_count=0 graph_lro.retry_in_ms=5',
      '    POST http.response.status_code=202 http.request.resend_count=1',
      '    GET http.response.status_code=200 http.request.resend_count=0',
      '    GET http.response.status_code=200 http.request.resend_count=0',
      '    GET http.response.status_code=200 http.request.resend_count=0',
      '    GET http.response.status_code=200 http.request.resend_count=0',
    ]);
    const operation = exporter.getFinishedSpans().find((s) => s.name.startsWith('graph_lro'))!;
    expect(operation.events.filter((e) => e.name === 'status').map((e) => e.attributes?.['graph_lro.status'])).toEqual(['notStarted', 'running', 'succeeded']);
    expect(operation.status.code).toBe(1); // OK
  });

  it('a monitor URL with tempAuth in its query: no span carries it', async () => {
    ({ sim } = await startSimulator());
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, poll: { intervalMs: 5, backoffFactor: 1 }, instrumentation: openTelemetry() });
    sim.inject({ method: 'POST', path: '/copy', action: { kind: 'location', location: `${sim.monitorOrigin}/monitor/copy-1?tempAuth=SECRET-TEMPAUTH` } });
    // Whether this monitor id exists or not, the copy ends; what matters is what the spans carry.
    await lastValueFrom(graph.driveItem('/me/drive/items/01FOLDER').copy({ name: 'Copy' }).pipe(progress())).catch(() => undefined);
    const spans = exporter.getFinishedSpans();
    expect(JSON.stringify(spans.map((s) => [s.name, s.attributes, s.events]))).not.toContain('SECRET-TEMPAUTH');
    const monitor = spans.find((s) => String(s.attributes['url.full']).includes('/monitor/'))!;
    expect(monitor.attributes['url.full']).toBe(`${sim.monitorOrigin}/monitor/copy-1`);
  });

  it('a copy with progress reports each percentage as a span event', async () => {
    ({ sim } = await startSimulator());
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, poll: { intervalMs: 5, backoffFactor: 1 }, instrumentation: openTelemetry() });
    await lastValueFrom(graph.driveItem('/me/drive/items/01FOLDER').copy({ name: 'Copy' }).pipe(result()));
    const operation = exporter.getFinishedSpans().find((s) => s.name === 'graph_lro driveItem.copy')!;
    expect(operation.events.filter((e) => e.name === 'status').map((e) => e.attributes?.['graph_lro.percentage_complete'])).toEqual([0, 25, 50, 75, 100]);
    expect(operation.attributes['graph_lro.outcome']).toBe('succeeded');
  });

  it('a cancelled operation: its span and the aborted request span end, marked cancelled', () => {
    const { scheduler, graph } = virtualClient(
      (req) => (req.method === 'POST' ? of(accepted(`${ROOT}/me/drive/items/A/workbook/operations/op1`)) : new (require('rxjs').Observable)(() => undefined)),
      { instrumentation: openTelemetry() },
    );
    runVirtual(scheduler, graph.workbook('/me/drive/items/A').createSession({ persistChanges: true }), 150);
    const spans = exporter.getFinishedSpans();
    expect(tree(spans, ['graph_lro.outcome', 'graph_lro.cancelled', 'http.response.status_code'])).toEqual([
      'graph_lro workbook.createSession graph_lro.outcome=cancelled',
      '  POST http.response.status_code=202',
      '  GET graph_lro.cancelled=true',
    ]);
  });

  it('a failure is recorded with its typed name and Graph code', () => {
    const { scheduler, graph } = virtualClient(() => of(graphError(404, 'itemNotFound')), { instrumentation: openTelemetry() });
    runVirtual(scheduler, graph.workbook('/me/drive/items/A').createSession({ persistChanges: true }));
    const operation = exporter.getFinishedSpans().find((s) => s.name.startsWith('graph_lro'))!;
    expect(operation.attributes).toMatchObject({ 'graph_lro.outcome': 'failed', 'error.type': 'GraphHttpError', 'graph_lro.error_code': 'itemNotFound' });
    expect(operation.status).toMatchObject({ code: 2, message: 'GraphHttpError' });
  });

  it('redaction: no token, session id or tempAuth anywhere in the exported spans', async () => {
    ({ sim } = await startSimulator());
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, poll: { intervalMs: 5, backoffFactor: 1 }, instrumentation: openTelemetry() });
    const sessionIds: string[] = [];
    await lastValueFrom(
      graph.workbook('/me/drive/items/01ABC').withSession({ persistChanges: true }, (s) => {
        sessionIds.push(s.id);
        return s.addTableRow('Sales', [['north', 1]]).pipe(result());
      }),
    );
    // The session is closed after the body completes: let that request finish before the simulator stops,
    // or its retries against a stopped server outlive the test.
    await until(() => sim.requests.some((r) => r.path.endsWith('/closeSession') && r.status !== undefined));
    const exported = JSON.stringify(exporter.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })));
    expect(exported).toContain('workbook.addTableRow');
    expect(exported).not.toContain(TOKEN);
    for (const id of sessionIds) expect(exported).not.toContain(id);
    expect(json(200, {}).status).toBe(200);
  });
});
