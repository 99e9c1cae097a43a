export { UpholdSimulator } from './simulator';
export type { SimulatorOptions, RecordedRequest } from './sim-types';
export type { RouteFault, SimRoute } from './faults';
export type { SimStats } from './admin-routes';
