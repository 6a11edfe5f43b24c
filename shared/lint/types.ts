export type Severity = 'error' | 'warning' | 'info';

/** One finding of `validateSequence`. `stepId` is null for template-wide findings. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  stepId: string | null;
  message: string;
}
