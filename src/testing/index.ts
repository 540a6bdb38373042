// Embedded Graph simulator (Node only)
export { GraphSimulator } from './GraphSimulator.js';
export type { GraphSimulatorOptions, SimulatorRequest, OperationScript, OperationInfo, SimulatorNetworkClient } from './GraphSimulator.js';
export type { Fault, FaultAction, ChaosOptions } from './faults.js';

// Marble-testing kit (virtual time, no server)
export { marbleTransport, graphJson, graphAccepted, graphError } from './marbleTransport.js';
export type { MarbleAnswer, MarbleResponse, MarbleRequest } from './marbleTransport.js';
