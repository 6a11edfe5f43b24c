import { INNER, TOKEN } from '../template/placeholders';

export type SensitiveKind = 'health' | 'account' | 'case';

/**
 * Clear markers of a health, account (money owed) or case detail in a consumer text. Kept small and
 * precise: a text of a sensitive-industry business may say who is calling back and how to reach them,
 * never why (a lock screen shows it to anyone). Condition names are too open-ended to list.
 */
const MARKERS: readonly [SensitiveKind, RegExp][] = [
  ['health', /\bdiagnos(?:is|es|ed)\b/i],
  ['health', /\b(?:test|lab)\s+results?\b/i],
  ['health', /\bprescriptions?\b/i],
  ['health', /\bmedications?\b/i],
  ['health', /\btreatments?\b/i],
  ['account', /\bbalances?\b/i],
  ['account', /\bamounts?\s+(?:due|owed)\b/i],
  ['account', /\bpast[\s-]+due\b/i],
  ['account', /\boverdue\b/i],
  ['account', /\byou\s+owe\b/i],
  ['account', /\bdebts?\b/i],
  ['account', /\bpayments?\s+due\b/i],
  ['account', /\baccount\s+(?:number\b|#)/i],
  ['account', /\bcard\s+ending\b/i],
  ['case', /\bcase\s+(?:number\b|#)/i],
  ['case', /\bclaim\s+(?:number\b|#)/i],
  ['case', /\blawsuits?\b/i],
  ['case', /\bcourt\s+dates?\b/i],
  ['case', /\bcriminal\s+charges?\b/i],
  ['case', /\bcharged\s+with\b/i],
  // Spanish and French (translations); no `\b` next to an accented letter (JavaScript's `\b` is ASCII)
  ['health', /\bdiagn[oó]stico?s?\b/i],
  ['health', /\bresultados?\s+de\s+(?:laboratorio|an[aá]lisis|ex[aá]menes|(?:la\s+|las\s+)?pruebas?)/i],
  ['health', /\br[ée]sultats?\s+d(?:'|’|e\s+|u\s+)(?:analyses?|examens?|laboratoire|test)/i],
  ['health', /\brecetas?\b|\bordonnances?\b/i],
  ['health', /\bmedicamentos?\b|\bm[ée]dicaments?\b/i],
  ['health', /\btratamientos?\b|\btraitements?\b/i],
  ['account', /\bsaldos?\b|\bvotre\s+solde\b|\bsolde\s+(?:d[uû]|impay|restant)/i],
  ['account', /\bdeudas?\b|\bdettes?\b/i],
  ['account', /\bpagos?\s+(?:vencidos?|atrasados?|pendientes?)\b|\b(?:paiements?|factures?)\s+(?:en\s+retard|impay)/i],
  ['account', /\bmonto\s+(?:adeudado|pendiente|vencido)\b|\bmontant\s+(?:d[uû]|impay)/i],
  ['account', /\bn[uú]mero\s+de\s+cuenta\b|\bnum[ée]ro\s+de\s+compte\b/i],
  ['case', /\bn[uú]mero\s+de\s+(?:caso|expediente|reclamo|reclamaci[oó]n)\b|\bnum[ée]ro\s+de\s+(?:dossier|sinistre|r[ée]clamation)\b/i],
  ['case', /\bdemandas?\s+(?:judicial|legal)|\bproc[eè]s\b/i],
  ['case', /\bcargos?\s+(?:penales|criminales)\b/i],
  ['case', /\bfecha\s+(?:de\s+(?:la\s+)?)?(?:audiencia|juicio)\b|\bdate\s+d(?:'|’)audience\b/i],
];

export interface SensitiveDetail {
  kind: SensitiveKind;
  /** the words as written in the text */
  words: string;
}

/**
 * The first sensitive detail a consumer text states, or null. A placeholder is not a detail (its
 * value is the caller's name, a department…), but its `|fallback` is text the caller may read.
 * @example sensitiveDetail('{{businessName}}: your balance is past due.') // { kind: 'account', words: 'balance' }
 * @example sensitiveDetail('Our {{department|billing office}} will call you back.') // null
 */
export function sensitiveDetail(text: string): SensitiveDetail | null {
  const plain = text.replace(TOKEN, (raw, inner: string | undefined) => (inner === undefined ? raw : ` ${INNER.exec(inner)?.[2] ?? ''} `));
  let best: (SensitiveDetail & { at: number }) | null = null;
  for (const [kind, re] of MARKERS) {
    const m = re.exec(plain);
    if (m && (best === null || m.index < best.at)) best = { kind, words: m[0].replace(/\s+/g, ' '), at: m.index };
  }
  return best && { kind: best.kind, words: best.words };
}
