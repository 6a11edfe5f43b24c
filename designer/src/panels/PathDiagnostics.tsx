import type { Diagnostic } from '../../../shared/lint';
import { mentionsPath } from '../lib/mentionsPath';

/** Schema, lint and designer findings about one part of the template (by the finding's `path`, or any of several), shown next to its editor. */
export function PathDiagnostics({ diagnostics, path, testId }: { diagnostics: readonly Diagnostic[]; path: string | readonly string[]; testId: string }) {
  const paths = typeof path === 'string' ? [path] : path;
  const mine = diagnostics.filter((d) => paths.some((p) => mentionsPath(d.path ?? '', p)));
  if (!mine.length) return null;
  return (
    <ul className="diag-list" data-testid={testId}>
      {mine.map((d, i) => <li key={i} className={`diag diag-${d.severity}`} data-code={d.code}><strong>{d.code}</strong> {d.message}</li>)}
    </ul>
  );
}
