import { createContext, useContext } from 'react';
import { validateSequence, type Diagnostic } from '../../../shared/lint';
import type { SequenceTemplate } from '../../../shared/schema';
import { chainOrder, graphToTemplate } from '../graph/graphToTemplate';
import type { DesignerDoc } from '../graph/types';

/** Designer-only finding: a step the chain never reaches would still be exported, in the wrong order. */
export const UNCONNECTED_STEP = 'UNCONNECTED_STEP';

export interface Checked {
  template: SequenceTemplate;
  diagnostics: Diagnostic[];
  byStep: Map<string, Diagnostic[]>;
  errorCount: number;
  warningCount: number;
}

/** The template a document stands for, with the shared lint's findings and the designer's own. */
export function checkDoc(doc: DesignerDoc): Checked {
  const template = graphToTemplate(doc);
  const floating = chainOrder(doc).floating;
  const diagnostics: Diagnostic[] = [
    ...floating.map((n) => ({ code: UNCONNECTED_STEP, severity: 'error' as const, stepId: n.id, message: `"${n.data.step.name ?? n.id}" is not connected to the sequence: connect it below the missed call or another step.` })),
    ...validateSequence(template),
  ];
  const byStep = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) if (d.stepId) byStep.set(d.stepId, [...(byStep.get(d.stepId) ?? []), d]);
  return {
    template,
    diagnostics,
    byStep,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

export const DiagnosticsContext = createContext<Map<string, Diagnostic[]>>(new Map());
export const useStepDiagnostics = (stepId: string) => useContext(DiagnosticsContext).get(stepId) ?? [];
