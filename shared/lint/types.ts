export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding of `validateSequence`. `stepId` is null for template-wide findings. `message` is for
 * people (it names fields as the designer labels them); `path` is the template field it is about,
 * e.g. `steps[2].delay` or `consent.required`, for tools and for placing the finding next to its
 * field. No `path` when the finding is about the sequence as a whole.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  stepId: string | null;
  message: string;
  path?: string;
}
