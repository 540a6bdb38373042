// Embedded Graph simulator (Node only)
export { GraphSimulator } from './GraphSimulator.js';
export type { GraphSimulatorOptions, SimulatorRequest, OperationScript, OperationInfo, SimulatorNetworkClient } from './GraphSimulator.js';
export type { Fault, FaultAction, ChaosOptions } from './faults.js';
