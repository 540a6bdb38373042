// Angular: the client through the app's HttpClient and interceptors, as providers and signals
// (@angular/core and @angular/common are optional peer dependencies)
export { provideGraphLro, withHttpClient, injectGraphLro, GRAPH_LRO } from './provide-graph-lro.js';
export type { GraphLroFeature } from './provide-graph-lro.js';
export { httpClientTransport, GRAPH_LRO_NO_TOKEN } from './http-client-transport.js';
export { graphOperation } from './graph-operation-signals.js';
export type { GraphOperationSignals } from './graph-operation-signals.js';
export { operationResource } from './operation-resource.js';
export type { OperationResourceOptions, OperationResourceRef } from './operation-resource.js';
