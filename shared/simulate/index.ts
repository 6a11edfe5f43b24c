export { simulateSequence, formatLocal } from './simulateSequence';
export type { SimulateOptions, SimulatedTouch, Simulation } from './simulateSequence';
