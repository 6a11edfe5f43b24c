// the rule lives in shared/ so that the designer's simulator walks a sequence as the nodes do
export { nextStep, type NextStep } from '../../shared/schema/nextStep';
