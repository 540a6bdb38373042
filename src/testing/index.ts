// Embedded Graph simulator (Node only)
export { GraphSimulator } from './graph-simulator.js';
export type { GraphSimulatorOptions, SimulatorRequest, SimulatorWarning, SimulatorNetworkClient } from './graph-simulator.js';
export type { OperationScript, OperationInfo, DurationDistribution } from './operation-script.js';
export type { CustomOperationDefinition } from './simulator-families.js';
export type { Fault, FaultAction, ChaosOptions } from './faults.js';

// Marble-testing kit (virtual time, no server)
export { marbleTransport, scriptedTransport, graphJson, graphAccepted, graphError } from './marble-transport.js';
export type { MarbleAnswer, MarbleResponse, MarbleRequest } from './marble-transport.js';
