// the business-hours logic lives in shared/hours (the sender's {{nextOpening}} reads it too)
export { isOpenAt } from '../../../shared/hours';
