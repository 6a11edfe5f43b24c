export { deliveryState, isFinalDelivery, supersedes, type DeliveryState } from './deliveryState';
export { deliveryProblem, type DeliveryProblem } from './deliveryProblem';
export { bounceSuppresses, suppressionCode, type BounceEvidence, type BounceSuppression, type BounceSuppressionReason } from './bounceSuppresses';
