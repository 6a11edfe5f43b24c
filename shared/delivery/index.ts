export { deliveryState, isFinalDelivery, supersedes, type DeliveryState } from './deliveryState';
export { deliveryProblem, type DeliveryProblem } from './deliveryProblem';
