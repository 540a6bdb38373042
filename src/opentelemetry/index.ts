// OpenTelemetry tracing (through @opentelemetry/api, an optional peer dependency)
export { openTelemetry } from './open-telemetry.js';
export type { OpenTelemetryOptions } from './open-telemetry.js';
