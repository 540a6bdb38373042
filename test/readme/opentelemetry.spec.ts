import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { openTelemetry } from 'rx-graph-lro/opentelemetry';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => Promise.all([sim.stop(), trace.disable(), context.disable()]));

test('OpenTelemetry: a span per operation, under the span active where it was subscribed', async () => {
  // Your SDK, registered once. In a service: NodeTracerProvider (@opentelemetry/sdk-trace-node)
  // with a BatchSpanProcessor and an OTLPTraceExporter; here the SDK's in-memory exporter.
  const exporter = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: () => 'token', poll: { intervalMs: 10 }, instrumentation: openTelemetry() });
  await trace.getTracer('my-service').startActiveSpan('handle request', async (request) => {
    await lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));
    request.end();
  });

  const spans = exporter.getFinishedSpans();
  const operation = spans.find((span) => span.name === 'graph_lro workbook.createSession')!;
  expect(operation.attributes['graph_lro.outcome']).toBe('succeeded');
  expect(operation.parentSpanContext?.spanId).toBe(spans.find((span) => span.name === 'handle request')!.spanContext().spanId);
  expect(spans.filter((span) => span.parentSpanContext?.spanId === operation.spanContext().spanId).map((span) => span.name)).toEqual(['POST', 'GET', 'GET', 'GET', 'GET']);
});
