// rx-graph-lro/instrumentation: what observers of the library are told. The structured
// events of the client's onEvent hook, and the interface an instrumentation implements
// (rx-graph-lro/opentelemetry's openTelemetry() is one). Types only.
export type { GraphLroEvent, GraphLroEventBase, GraphLroRequestEventBase, GraphLroEventError } from '../lro/event-hook.js';
export type { Instrumentation, OperationTrace, OperationOutcome, TraceEvent } from '../lro/instrumentation.js';
export type { AttemptTrace, RequestAttemptInfo, RequestAttemptOutcome } from '../http/request-trace.js';
