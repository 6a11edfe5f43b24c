/**
 * True when a diagnostic `message` names `path` itself or something inside it: `reentry` matches
 * `reentry.days: …`, `business.departments[1]` does not match `business.departments[10]`.
 */
export function mentionsPath(message: string, path: string): boolean {
  for (let at = message.indexOf(path); at !== -1; at = message.indexOf(path, at + 1)) {
    const before = message[at - 1];
    const after = message[at + path.length];
    if ((before === undefined || !/[\w.\]]/.test(before)) && (after === undefined || !/\w/.test(after))) return true;
  }
  return false;
}
