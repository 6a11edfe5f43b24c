import type { Diagnostic } from '../../../shared/lint';
import { mentionsPath } from '../lib/mentionsPath';

/** Schema, lint and designer findings about one part of the template (by path), shown next to its editor. */
export function PathDiagnostics({ diagnostics, path, testId }: { diagnostics: readonly Diagnostic[]; path: string; testId: string }) {
  const mine = diagnostics.filter((d) => mentionsPath(d.message, path));
  if (!mine.length) return null;
  return (
    <ul className="diag-list" data-testid={testId}>
      {mine.map((d, i) => <li key={i} className={`diag diag-${d.severity}`} data-code={d.code}><strong>{d.code}</strong> {d.message}</li>)}
    </ul>
  );
}
