export { simulateSequence } from './simulateSequence';
export { formatLocal } from './formatLocal';
export type { SimulateOptions, SimulatedTouch, Simulation } from './simulateSequence';
export { enrollmentRefusal, type EnrollmentRefusal } from './enrollmentRefusal';
export { answeringStepIds, firstTouches } from './firstTouches';
