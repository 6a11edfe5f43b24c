/**
 * True when `text` (a diagnostic's `path`) names `path` itself or something inside it: `reentry`
 * matches `reentry.days`, `business.departments[1]` does not match `business.departments[10]`.
 */
export function mentionsPath(text: string, path: string): boolean {
  for (let at = text.indexOf(path); at !== -1; at = text.indexOf(path, at + 1)) {
    const before = text[at - 1];
    const after = text[at + path.length];
    if ((before === undefined || !/[\w.\]]/.test(before)) && (after === undefined || !/\w/.test(after))) return true;
  }
  return false;
}
