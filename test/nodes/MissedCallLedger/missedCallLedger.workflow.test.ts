import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { parseCsv } from '../../../nodes/MissedCallLedger/csv';
import { embeddedLedgerFile, loadHarness, useFreshUserFolder, type Harness, type RunResult } from '../harness';
import { callEvent, enrollCaller } from '../harness/fixtures';
import { afterHours } from '../../../shared/templates';

// Monday 2027-01-11 10:00 in Miami (EST)
const T0 = Date.UTC(2027, 0, 11, 15, 0);
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();

let h: Harness;
let ledger: Ledger;
let n = 0;
const nextPhone = () => `+1305555${String(3000 + ++n).padStart(4, '0')}`;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
  ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
});
afterAll(async () => ledger.close());

function ledgerNode(parameters: Record<string, unknown>, now = T0, items: object[] = [{}]) {
  return h.runWorkflow({
    nodes: [{ name: 'Ledger', type: 'missedCallLedger', parameters: { currentTime: iso(now), ...parameters } }],
    connections: [],
    startNode: 'Ledger',
    triggerItems: items as never,
  });
}

/** The CSV text of the first output item's binary `data`. */
function csvOf(r: RunResult, node = 'Ledger'): string {
  const item = r.run.data.resultData.runData[node]![0]!.data!.main[0]![0]!;
  expect(item.binary?.data?.mimeType).toBe('text/csv');
  return Buffer.from(item.binary!.data!.data, 'base64').toString('utf8');
}

async function claimed(now: number): Promise<string[]> {
  const r = await h.runWorkflow({
    nodes: [{ name: 'Scheduler', type: 'sequenceScheduler', parameters: { currentTime: iso(now), batchSize: 500 } }],
    connections: [],
    startNode: 'Scheduler',
  });
  return (r.outputs('Scheduler')[0] ?? []).map((j) => (j.touch as { id: string }).id);
}

describe('Missed Call Ledger: contacts and templates', () => {
  it('gets a contact’s state, pauses it until a date (touches held), and resumes it', async () => {
    const phone = nextPhone();
    const { touch, enrollment } = await enrollCaller(ledger, { phone, at: T0 - 10 * MIN, dueAt: T0 + MIN });
    const paused = await ledgerNode({ resource: 'contact', operation: 'pause', phone: '(305) 555-' + phone.slice(-4), until: iso(T0 + 60 * MIN), reason: 'customer asked' });
    expect(paused.error).toBeUndefined();
    expect(paused.outputs('Ledger')[0]).toEqual([{ phone, paused: true, until: iso(T0 + 60 * MIN), reason: 'customer asked' }]);
    expect(await claimed(T0 + 2 * MIN)).not.toContain(touch.id);

    const got = await ledgerNode({ resource: 'contact', operation: 'get', phone }, T0 + 3 * MIN);
    expect(got.outputs('Ledger')[0]![0]).toMatchObject({
      phone,
      found: true,
      pausedNow: true,
      optedOut: { sms: false, email: false },
      contact: { consent: { level: 'informational' }, pause: { reason: 'customer asked', until: T0 + 60 * MIN } },
      enrollments: [{ id: enrollment.id, status: 'active', createdAt: iso(T0 - 10 * MIN), endedAt: null }],
    });

    await ledgerNode({ resource: 'contact', operation: 'resume', phone }, T0 + 4 * MIN);
    expect(await claimed(T0 + 5 * MIN)).toContain(touch.id);
  });

  it('ends a contact’s sequences by hand (one template or all): touches cancelled, audited, and a later call enrolls again', async () => {
    const phone = nextPhone();
    const T = T0 + 300 * MIN;
    const first = await enrollCaller(ledger, { phone, at: T, dueAt: T + MIN });
    const other = await enrollCaller(ledger, { phone, at: T, dueAt: T + MIN, template: afterHours as never });

    const one = await ledgerNode({ resource: 'contact', operation: 'end', phone, onlyTemplateId: afterHours.id, reason: 'booked by phone' }, T + MIN / 2);
    expect(one.error).toBeUndefined();
    expect(one.outputs('Ledger')[0]).toEqual([{ phone, ended: [{ enrollmentId: other.enrollment.id, templateId: afterHours.id }], count: 1, reason: 'booked by phone' }]);
    expect((await ledger.enrollment(first.enrollment.id))!.status).toBe('active');

    const all = await ledgerNode({ resource: 'contact', operation: 'end', phone }, T + MIN / 2);
    expect(all.outputs('Ledger')[0]![0]).toMatchObject({ ended: [{ enrollmentId: first.enrollment.id }], count: 1, reason: 'manual' });
    const ended = await ledger.enrollment(first.enrollment.id);
    expect(ended).toMatchObject({ status: 'exited', endReason: 'manual' });
    expect((await ledger.touch(first.touch.id))!.status).toBe('cancelled');
    expect((await ledger.touch(other.touch.id))!.status).toBe('cancelled');
    const claims = await claimed(T + 2 * MIN);
    expect(claims).not.toContain(first.touch.id);
    expect(claims).not.toContain(other.touch.id);

    const trail = await ledger.auditTrail({ phone, kinds: ['contact_unenrolled', 'enrollment_exited'] });
    expect(trail.filter((a) => a.kind === 'enrollment_exited')).toHaveLength(2);
    expect(trail.filter((a) => a.kind === 'contact_unenrolled').map((a) => a.data)).toEqual(
      expect.arrayContaining([
        { note: 'booked by phone', templateId: afterHours.id, enrollmentIds: [other.enrollment.id] },
        { note: 'manual', templateId: null, enrollmentIds: [first.enrollment.id] },
      ]),
    );

    // nothing left to end: no error, nothing audited; the next missed call starts a new sequence
    const again = await ledgerNode({ resource: 'contact', operation: 'end', phone }, T + 3 * MIN);
    expect(again.outputs('Ledger')[0]).toEqual([{ phone, ended: [], count: 0, reason: 'manual' }]);
    expect((await enrollCaller(ledger, { phone, at: T + 4 * MIN })).enrollment.status).toBe('active');
  });

  it('sets a contact’s preferred language, shows it in Get State, clears it, and audits each change', async () => {
    const phone = nextPhone();
    const set = await ledgerNode({ resource: 'contact', operation: 'setLanguage', phone: '(305) 555-' + phone.slice(-4), language: 'es', reason: 'crm' }, T0);
    expect(set.error).toBeUndefined();
    expect(set.outputs('Ledger')[0]).toEqual([{ phone, language: 'es', previous: null, reason: 'crm' }]);
    const got = await ledgerNode({ resource: 'contact', operation: 'get', phone }, T0 + MIN);
    expect(got.outputs('Ledger')[0]![0]).toMatchObject({ phone, found: true, contact: { phone, language: 'es' } });

    const cleared = await ledgerNode({ resource: 'contact', operation: 'setLanguage', phone, language: 'clear' }, T0 + 2 * MIN);
    expect(cleared.outputs('Ledger')[0]).toEqual([{ phone, language: null, previous: 'es', reason: 'manual' }]);
    expect((await ledgerNode({ resource: 'contact', operation: 'get', phone }, T0 + 3 * MIN)).outputs('Ledger')[0]![0]).toMatchObject({ contact: { language: null } });
    expect((await ledger.auditTrail({ phone, kinds: ['contact_language'] })).map((a) => [a.at, a.data])).toEqual([
      [T0, { language: 'es', previous: null, source: 'crm' }],
      [T0 + 2 * MIN, { language: null, previous: 'es', source: 'manual' }],
    ]);
  });

  it('refuses a language it does not know or a bad phone with an error naming the item, changing nothing', async () => {
    const [a, b] = [nextPhone(), nextPhone()];
    const perItem = { resource: 'contact', operation: 'setLanguage', phone: '={{ $json.phone }}', language: '={{ $json.language }}' };
    const bad = await ledgerNode(perItem, T0, [{ phone: a, language: 'fr' }, { phone: b, language: 'de' }]);
    expect(bad.error?.message).toBe('Language "de" is not one of en, es, fr or clear');
    expect((bad.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
    expect(await ledger.contact(b)).toBeNull();
    const phone = await ledgerNode(perItem, T0, [{ phone: a, language: 'es' }, { phone: '12', language: 'es' }]);
    expect(phone.error?.message).toBe('The phone ** is not a valid number');
    expect((phone.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
    // with Continue On Fail the bad item says why and the others are set
    const r = await h.runWorkflow({
      nodes: [{ name: 'Ledger', type: 'missedCallLedger', continueOnFail: true, parameters: { currentTime: iso(T0 + MIN), ...perItem } }],
      connections: [],
      startNode: 'Ledger',
      triggerItems: [{ phone: b, language: 'xx' }, { phone: b, language: 'fr' }],
    });
    expect(r.outputs('Ledger')[0]).toEqual([{ error: 'Language "xx" is not one of en, es, fr or clear' }, { phone: b, language: 'fr', previous: null, reason: 'manual' }]);
    expect((await ledger.contact(b))!.language).toBe('fr');
  });

  it('shows the suppression of a contact’s email in Get State, clears it by address (any case), and audits the clear', async () => {
    const phone = nextPhone();
    const email = `dana.${n}@example.com`;
    await ledger.upsertContact({ phone, name: 'Dana Lee', email: `Dana Lee <${email.toUpperCase()}>`, now: T0 - 2 * MIN });
    await ledger.recordEmailSuppression({ email, phone, source: 'bounce', code: '5.1.1', touchId: 't-bounced', now: T0 - MIN });
    const got = await ledgerNode({ resource: 'contact', operation: 'get', phone }, T0);
    expect(got.outputs('Ledger')[0]![0]).toMatchObject({
      phone,
      found: true,
      emailSuppression: { email, at: iso(T0 - MIN), source: 'bounce', code: '5.1.1', touchId: 't-bounced', phone },
    });

    const cleared = await ledgerNode({ resource: 'contact', operation: 'clearEmailSuppression', email: ` ${email.toUpperCase()} `, reason: 'customer fixed the mailbox' }, T0 + MIN);
    expect(cleared.error).toBeUndefined();
    expect(cleared.outputs('Ledger')[0]).toEqual([
      { email, cleared: true, suppression: { email, at: iso(T0 - MIN), source: 'bounce', code: '5.1.1', touchId: 't-bounced', phone }, reason: 'customer fixed the mailbox' },
    ]);
    expect(await ledger.emailSuppression(email)).toBeNull();
    expect((await ledgerNode({ resource: 'contact', operation: 'get', phone }, T0 + 2 * MIN)).outputs('Ledger')[0]![0]).toMatchObject({ emailSuppression: null });
    // clearing again: nothing to clear, the request is audited all the same
    const again = await ledgerNode({ resource: 'contact', operation: 'clearEmailSuppression', email }, T0 + 3 * MIN);
    expect(again.outputs('Ledger')[0]).toEqual([{ email, cleared: false, suppression: null, reason: 'manual' }]);
    const trail = await ledger.auditTrail({ kinds: ['email_suppression_cleared'], since: T0 });
    expect(trail.filter((a) => (a.data as { email: string }).email === email).map((a) => [a.at, a.phone, a.data])).toEqual([
      [T0 + MIN, phone, { email, reason: 'customer fixed the mailbox', previous: { at: T0 - MIN, source: 'bounce', code: '5.1.1', touchId: 't-bounced' } }],
      [T0 + 3 * MIN, null, { email, reason: 'manual', previous: null }],
    ]);
  });

  it('shows no email suppression for a contact without an email, or without a suppression', async () => {
    const phone = nextPhone();
    await ledger.upsertContact({ phone, name: 'Ben', now: T0 });
    expect((await ledgerNode({ resource: 'contact', operation: 'get', phone })).outputs('Ledger')[0]![0]).toMatchObject({ found: true, emailSuppression: null });
    const other = nextPhone();
    await ledger.upsertContact({ phone: other, email: `ben.${n}@example.com`, now: T0 });
    expect((await ledgerNode({ resource: 'contact', operation: 'get', phone: other })).outputs('Ledger')[0]![0]).toMatchObject({ emailSuppression: null });
    expect((await ledgerNode({ resource: 'contact', operation: 'get', phone: nextPhone() })).outputs('Ledger')[0]![0]).toMatchObject({ found: false, emailSuppression: null });
  });

  it('refuses an email that is not one address with an error naming the item (masked), clearing nothing', async () => {
    const email = `keep.${++n}@example.com`;
    await ledger.recordEmailSuppression({ email, phone: null, source: 'manual', code: null, touchId: null, now: T0 });
    const perItem = { resource: 'contact', operation: 'clearEmailSuppression', email: '={{ $json.email }}' };
    const bad = await ledgerNode(perItem, T0 + MIN, [{ email: 'other@example.com' }, { email: `${email}, ben@example.com` }]);
    expect(bad.error?.message).toBe('The email k***@example.com is not one email address');
    expect((bad.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
    const empty = await ledgerNode(perItem, T0 + MIN, [{ email: '  ' }]);
    expect(empty.error?.message).toBe('Email is empty');
    expect(await ledger.emailSuppression(email)).toMatchObject({ source: 'manual' });
    // with Continue On Fail the bad item says why and the others are cleared
    const r = await h.runWorkflow({
      nodes: [{ name: 'Ledger', type: 'missedCallLedger', continueOnFail: true, parameters: { currentTime: iso(T0 + 2 * MIN), ...perItem } }],
      connections: [],
      startNode: 'Ledger',
      triggerItems: [{ email: 'not an address' }, { email }],
    });
    expect(r.outputs('Ledger')[0]).toEqual([
      { error: 'The email n*** is not one email address' },
      { email, cleared: true, suppression: expect.objectContaining({ email, source: 'manual' }), reason: 'manual' },
    ]);
    expect(await ledger.emailSuppression(email)).toBeNull();
  });

  it('refuses an invalid phone and a pause date in the past', async () => {
    expect((await ledgerNode({ resource: 'contact', operation: 'get', phone: '12' })).error?.message).toBe('The phone ** is not a valid number');
    const past = await ledgerNode({ resource: 'contact', operation: 'pause', phone: nextPhone(), until: iso(T0 - MIN) });
    expect(past.error?.message).toBe('Pause Until is not in the future');
  });

  it('pauses and resumes a template', async () => {
    const phone = nextPhone();
    const { touch, enrollment } = await enrollCaller(ledger, { phone, at: T0 + 100 * MIN, dueAt: T0 + 101 * MIN });
    const r = await ledgerNode({ resource: 'template', operation: 'pause', templateId: enrollment.templateId }, T0 + 100 * MIN);
    expect(r.outputs('Ledger')[0]).toEqual([{ templateId: enrollment.templateId, paused: true }]);
    expect(await claimed(T0 + 102 * MIN)).not.toContain(touch.id);
    await ledgerNode({ resource: 'template', operation: 'resume', templateId: enrollment.templateId }, T0 + 102 * MIN);
    expect(await claimed(T0 + 103 * MIN)).toContain(touch.id);
  });
});

describe('Missed Call Ledger: opt-out CSV and audit export', () => {
  it('imports a CSV with a malformed row (reported by line), stops the imported contacts, and round-trips through export', async () => {
    const [a, b] = [nextPhone(), nextPhone()];
    const { touch } = await enrollCaller(ledger, { phone: a, at: T0 + 200 * MIN, dueAt: T0 + 201 * MIN });
    const csvText = ['phone,channel,opted_out_at,source', `${a.slice(2, 5)}-${a.slice(5, 8)}-${a.slice(8)},sms,,`, 'call me maybe,sms,,', `${b},all,2026-12-24T10:00:00.000Z,crm`].join('\n');
    const imp = await ledgerNode({ resource: 'optOut', operation: 'import', inputSource: 'text', csvText }, T0 + 200 * MIN);
    expect(imp.error).toBeUndefined();
    expect(imp.outputs('Ledger')[0]![0]).toMatchObject({
      rows: 3,
      imported: 2,
      alreadyOptedOut: 0,
      rejected: 1,
      errors: [{ line: 3, code: 'INVALID_PHONE', message: 'not a valid phone number' }],
    });
    expect((await ledger.contact(b))?.optOut).toMatchObject({ sms: { at: Date.UTC(2026, 11, 24, 10), source: 'crm' }, email: { source: 'crm' } });
    expect(await claimed(T0 + 202 * MIN)).not.toContain(touch.id);

    // export → import of the file itself: the same opt-outs, nothing new, nothing rejected
    const r = await h.runWorkflow({
      nodes: [
        { name: 'Export', type: 'missedCallLedger', parameters: { resource: 'optOut', operation: 'export', currentTime: iso(T0 + 203 * MIN) } },
        { name: 'Import', type: 'missedCallLedger', parameters: { resource: 'optOut', operation: 'import', currentTime: iso(T0 + 204 * MIN) } },
      ],
      connections: [['Export', 'Import']],
      startNode: 'Export',
      triggerItems: [{}],
    });
    expect(r.error).toBeUndefined();
    const rows = parseCsv(csvOf(r, 'Export')).records.map((x) => x.cells);
    expect(rows[0]).toEqual(['phone', 'channel', 'opted_out_at', 'source', 'text']);
    expect(rows.filter((x) => x[0] === a || x[0] === b)).toEqual([
      [a, 'sms', iso(T0 + 200 * MIN), 'csv_import', ''],
      [b, 'sms', '2026-12-24T10:00:00.000Z', 'crm', ''],
      [b, 'email', '2026-12-24T10:00:00.000Z', 'crm', ''],
    ]);
    expect(r.outputs('Export')[0]![0]).toMatchObject({ rows: rows.length - 1, fileName: 'opt-outs-2027-01-11.csv' });
    expect(r.outputs('Import')[0]![0]).toMatchObject({ rows: rows.length - 1, imported: 0, alreadyOptedOut: rows.length - 1, rejected: 0 });
  });

  it('exports the audit trail of one phone since an instant as CSV', async () => {
    const phone = nextPhone();
    await enrollCaller(ledger, { phone, at: T0 + 300 * MIN });
    await ledger.recordReply(phone, { text: '=cmd, "quoted"', class: 'reply', channel: 'sms', now: T0 + 301 * MIN });
    const r = await ledgerNode({ resource: 'auditTrail', operation: 'export', phoneFilter: phone, since: iso(T0 + 300 * MIN + 1) }, T0 + 302 * MIN);
    const rows = parseCsv(csvOf(r)).records.map((x) => x.cells);
    expect(rows[0]).toEqual(['id', 'at', 'kind', 'phone', 'enrollment_id', 'touch_id', 'data']);
    expect(rows.slice(1).map((x) => [x[2], x[3]])).toEqual([
      ['enrollment_exited', phone],
      ['reply', phone],
    ]);
    expect(rows.slice(1).every((x) => x[1]! >= iso(T0 + 300 * MIN + 1))).toBe(true);
    expect(JSON.parse(rows[2]![6]!)).toMatchObject({ text: '=cmd, "quoted"' });
    const kinds = await ledgerNode({ resource: 'auditTrail', operation: 'export', phoneFilter: phone, kinds: 'reply' }, T0 + 302 * MIN);
    expect(kinds.outputs('Ledger')[0]![0]).toMatchObject({ rows: 1, truncated: false });
  });
});

describe('Missed Call Ledger: email suppressions', () => {
  it('adds a suppression by hand (audited once, idempotent), reads it, and removes it', async () => {
    const email = `asked.${++n}@example.com`;
    const phone = nextPhone();
    const add = { resource: 'emailSuppression', operation: 'add', email: `Asked <${email.toUpperCase()}>`, suppressionSource: 'customer_request', contactPhone: phone.slice(2) };
    const first = await ledgerNode(add, T0 + 400 * MIN);
    expect(first.error).toBeUndefined();
    const record = { email, at: iso(T0 + 400 * MIN), source: 'customer_request', code: null, touchId: null, phone };
    expect(first.outputs('Ledger')[0]).toEqual([{ email, suppressed: true, firstTime: true, suppression: record }]);
    // again, from another source: the first record stays
    const again = await ledgerNode({ ...add, suppressionSource: 'complaint' }, T0 + 401 * MIN);
    expect(again.outputs('Ledger')[0]).toEqual([{ email, suppressed: true, firstTime: false, suppression: record }]);
    expect((await ledgerNode({ resource: 'emailSuppression', operation: 'get', email }, T0 + 402 * MIN)).outputs('Ledger')[0]).toEqual([{ email, suppressed: true, suppression: record }]);
    const trail = await ledger.auditTrail({ kinds: ['email_suppressed'], phone });
    expect(trail.map((a) => [a.at, a.data])).toEqual([[T0 + 400 * MIN, { email, source: 'customer_request', code: null, touchId: null }]]);

    const removed = await ledgerNode({ resource: 'emailSuppression', operation: 'remove', email, reason: 'asked to get emails again' }, T0 + 403 * MIN);
    expect(removed.outputs('Ledger')[0]).toEqual([{ email, cleared: true, suppression: record, reason: 'asked to get emails again' }]);
    expect((await ledgerNode({ resource: 'emailSuppression', operation: 'get', email }, T0 + 404 * MIN)).outputs('Ledger')[0]).toEqual([{ email, suppressed: false, suppression: null }]);
  });

  it('refuses what is no address, a phone that is no number and an overlong source, naming the item and suppressing nothing', async () => {
    const perItem = { resource: 'emailSuppression', operation: 'add', email: '={{ $json.email }}', contactPhone: '={{ $json.phone }}' };
    const bad = await ledgerNode(perItem, T0, [{ email: 'good@example.com' }, { email: 'a@example.com, b@example.com' }]);
    expect(bad.error?.message).toBe('The email a***@example.com is not one email address');
    expect((bad.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
    const phone = await ledgerNode(perItem, T0, [{ email: 'phone.bad@example.com', phone: '12' }]);
    expect(phone.error?.message).toBe('The phone ** is not a valid number');
    expect(await ledger.emailSuppression('phone.bad@example.com')).toBeNull();
    const long = await ledgerNode({ resource: 'emailSuppression', operation: 'add', email: 'long.source@example.com', suppressionSource: 'x'.repeat(201) }, T0);
    expect(long.error?.message).toBe('Source has at most 200 characters');
    expect(await ledger.emailSuppression('long.source@example.com')).toBeNull();
    expect((await ledgerNode({ resource: 'emailSuppression', operation: 'get', email: 'nope' })).error?.message).toBe('The email n*** is not one email address');
  });

  it('imports another sender’s bounce list (reporting bad rows by line), stops email to it, and round-trips through export', async () => {
    const tag = ++n;
    const [a, b, kept] = [`bounced.a.${tag}@example.com`, `bounced.b.${tag}@example.org`, `kept.${tag}@example.com`];
    await ledger.recordEmailSuppression({ email: kept, phone: null, source: 'bounce', code: '5.1.1', touchId: 't-kept', now: T0 });
    const csvText = ['Created,Email,Status', `1767600000,${a.toUpperCase()},5.1.1`, ',not-an-address,', '1767600001,,550', `1767600001,${b},550`, `1767600002,${kept},5.2.1`].join('\n');
    const imp = await ledgerNode({ resource: 'emailSuppression', operation: 'import', inputSource: 'text', csvText, sourceLabel: 'old_esp' }, T0 + 500 * MIN);
    expect(imp.error).toBeUndefined();
    expect(imp.outputs('Ledger')[0]![0]).toMatchObject({
      rows: 5,
      imported: 2,
      alreadySuppressed: 1,
      rejected: 2,
      header: true,
      errors: [
        { line: 3, code: 'INVALID_EMAIL', value: 'n***' },
        { line: 4, code: 'MISSING_EMAIL' },
      ],
      warnings: [],
    });
    expect(await ledger.emailSuppression(a)).toEqual({ email: a, at: 1767600000 * 1000, source: 'old_esp', code: '5.1.1', touchId: null, phone: null });
    expect(await ledger.emailSuppression(b)).toMatchObject({ code: '550', source: 'old_esp' });
    expect(await ledger.emailSuppression(kept)).toMatchObject({ source: 'bounce', touchId: 't-kept', at: T0 });
    const audit = await ledger.auditTrail({ kinds: ['email_suppression_import'], since: T0 + 500 * MIN });
    expect(audit.map((x) => x.data)).toEqual([{ rows: 3, imported: 2, alreadySuppressed: 1, rejected: 2, errors: expect.any(Array) }]);

    // export → import of the file itself: the same suppressions, nothing new, nothing rejected
    const r = await h.runWorkflow({
      nodes: [
        { name: 'Export', type: 'missedCallLedger', parameters: { resource: 'emailSuppression', operation: 'export', currentTime: iso(T0 + 501 * MIN) } },
        { name: 'Import', type: 'missedCallLedger', parameters: { resource: 'emailSuppression', operation: 'import', currentTime: iso(T0 + 502 * MIN) } },
      ],
      connections: [['Export', 'Import']],
      startNode: 'Export',
      triggerItems: [{}],
    });
    expect(r.error).toBeUndefined();
    const rows = parseCsv(csvOf(r, 'Export')).records.map((x) => x.cells);
    expect(rows[0]).toEqual(['email', 'suppressed_at', 'source', 'code', 'phone', 'touch_id']);
    expect(rows.filter((x) => [a, b, kept].includes(x[0]!))).toEqual([
      [a, iso(1767600000 * 1000), 'old_esp', '5.1.1', '', ''],
      [b, iso(1767600001 * 1000), 'old_esp', '550', '', ''],
      [kept, iso(T0), 'bounce', '5.1.1', '', 't-kept'],
    ]);
    expect(r.outputs('Export')[0]![0]).toMatchObject({ rows: rows.length - 1, fileName: 'email-suppressions-2027-01-11.csv' });
    expect(r.outputs('Import')[0]![0]).toMatchObject({ rows: rows.length - 1, imported: 0, alreadySuppressed: rows.length - 1, rejected: 0 });
  });
});

describe('Missed Call Ledger: reports on a small history', () => {
  const W = Date.UTC(2027, 1, 1, 15, 0); // a window no other test uses
  const window = { from: iso(W), to: iso(W + 24 * 3600_000) };

  beforeAll(async () => {
    const send = async (touchId: string, at: number, variant: string) => {
      expect(await ledger.beginSend(touchId, `k-${touchId}`, at)).toBe('go');
      await ledger.completeTouch(touchId, { status: 'sent', provider: 'sandbox', detail: { variant }, now: at });
    };
    // three callers; calls start at W (end at W + 30 s); first texts after 60 s, 120 s and never
    const p = [nextPhone(), nextPhone(), nextPhone()];
    const e = [];
    for (const phone of p) e.push(await enrollCaller(ledger, { phone, at: W + 30_000, dueAt: W + 60_000 }));
    await send(e[0]!.touch.id, W + 60_000, 'a');
    await send(e[1]!.touch.id, W + 120_000, 'b');
    await ledger.recordReply(p[0]!, { text: 'yes', class: 'reply', channel: 'sms', now: W + 10 * MIN });
    await ledger.recordOptOut(p[1]!, { channel: 'sms', source: 'twilio_reply', now: W + 11 * MIN });
    // an agent calls the third caller back 20 min after their call and they answer
    const agent = callEvent(p[2]!, W + 20 * MIN, { direction: 'outbound', from: '+15125550142', to: p[2]!, class: 'not_missed', reason: 'outbound_answered' });
    await ledger.appendCallEvent({ callId: agent.callId, provider: agent.provider, class: agent.class, final: true, payload: agent, now: W + 20 * MIN });
    await ledger.audit({ kind: 'carrier_line_type', phone: p[0]!, data: { lineType: 'mobile' }, now: W + MIN });
    await ledger.audit({ kind: 'carrier_line_type', phone: p[1]!, data: { lineType: 'landline' }, now: W + MIN });
    // the landline caller's email bounced for good, the mobile caller's did not
    await ledger.upsertContact({ phone: p[1]!, email: `Landline <landline.${n}@example.com>`, now: W + MIN });
    await ledger.recordEmailSuppression({ email: `landline.${n}@example.com`, phone: p[1]!, source: 'bounce', code: '5.1.1', touchId: null, now: W + 2 * MIN });
    await ledger.upsertContact({ phone: p[0]!, email: `mobile.${n}@example.com`, now: W + MIN });
  });

  it('computes KPIs per template, step and variant with exact figures', async () => {
    const r = await ledgerNode({ resource: 'report', operation: 'kpis', ...window }, W + 2 * 24 * 3600_000);
    expect(r.error).toBeUndefined();
    const rows = r.outputs('Ledger')[0]!;
    expect(rows.map((x) => [x.level, x.stepId, x.variant])).toEqual([
      ['template', null, null],
      ['step', 'sms-first', null],
      ['variant', 'sms-first', 'a'],
      ['variant', 'sms-first', 'b'],
    ]);
    expect(rows[0]).toMatchObject({
      templateId: 'four-touch',
      enrollments: 3,
      touched: 2,
      timeToFirstTouch: { n: 2, p50Seconds: 60, p90Seconds: 120 },
      responses: 1,
      responseRate: 0.3333,
      reengaged: 1,
      conversions: 0,
      conversionRate: 0,
      optOuts: 1,
      optOutRate: 0.3333,
      // Sandbox sends get no status callbacks
      delivered: 0,
      undelivered: 0,
      deliveryRate: null,
      humanReached: 1,
      humanReachRate: 0.3333,
      // the agent’s call began 30 s before it ended (the fixture): 19.5 min after the missed call
      timeToHuman: { n: 1, p50Seconds: 20 * 60 - 30, p90Seconds: 20 * 60 - 30 },
      window,
    });
    expect(rows[2]).toMatchObject({ enrollments: 1, responses: 1, responseRate: 1, optOuts: 0, timeToFirstTouch: { n: 1, p50Seconds: 60 } });
    expect(rows[3]).toMatchObject({ enrollments: 1, responses: 0, optOuts: 1, optOutRate: 1, timeToFirstTouch: { n: 1, p50Seconds: 120 } });
    // the conversation came before any touch of that caller: template row only
    expect(rows.slice(1).map((x) => x.humanReached)).toEqual([0, 0, 0]);
  });

  it('audits caller data: mobile share by recorded line type, a landline whose email is suppressed as landline-only, CRM match not available without records', async () => {
    const r = await ledgerNode({ resource: 'report', operation: 'dataAudit', ...window }, W + 2 * 24 * 3600_000);
    expect(r.outputs('Ledger')[0]![0]).toMatchObject({
      callers: 3,
      mobile: { count: 1, share: 0.3333 },
      // the landline caller has an email on record, but it is suppressed: no text, no email
      landlineOnly: { count: 1, share: 0.3333 },
      emailSuppressed: { count: 1, share: 0.3333 },
      lineTypes: { unknown: { count: 1 } },
      sources: { carrier: 2, numbering_plan: 0, none: 1 },
      crmMatch: { available: false, reason: 'NO_CRM_MATCH_RECORDS' },
    });
  });

  it('refuses a window whose start is not before its end', async () => {
    const r = await ledgerNode({ resource: 'report', operation: 'kpis', from: window.to, to: window.from });
    expect(r.error?.message).toBe('From must be before To');
  });
});

describe('Missed Call Ledger: SMS delivery in the KPI report', () => {
  const W = Date.UTC(2027, 3, 1, 15, 0); // a window no other test uses
  const window = { from: iso(W), to: iso(W + 24 * 3600_000) };

  it('reports the status callbacks the ledger recorded on the sent texts', async () => {
    // three texts through Twilio: delivered, undelivered (a landline), no callback yet
    const statuses = ['delivered', 'undelivered', null] as const;
    for (const [i, state] of statuses.entries()) {
      const { touch } = await enrollCaller(ledger, { phone: nextPhone(), at: W + 30_000, dueAt: W + 60_000 });
      expect(await ledger.beginSend(touch.id, `k-${touch.id}`, W + 60_000)).toBe('go');
      await ledger.completeTouch(touch.id, { status: 'sent', provider: 'twilio', providerMessageId: `SM-delivery-${i}`, now: W + 60_000 });
      if (state) await ledger.recordDelivery({ provider: 'twilio', messageId: `SM-delivery-${i}`, state, errorCode: state === 'undelivered' ? 30006 : null, now: W + 2 * MIN });
    }
    const r = await ledgerNode({ resource: 'report', operation: 'kpis', ...window }, W + 2 * 24 * 3600_000);
    expect(r.error).toBeUndefined();
    const rows = r.outputs('Ledger')[0]!;
    expect(rows.map((x) => [x.level, x.touched, x.delivered, x.undelivered, x.deliveryRate])).toEqual([
      ['template', 3, 1, 1, 0.5],
      ['step', 3, 1, 1, 0.5],
    ]);
  });
});

describe('Missed Call Ledger: the A/B winner of a step', () => {
  const W = Date.UTC(2027, 2, 1, 15, 0); // a window no other test uses
  const window = { from: iso(W), to: iso(W + 24 * 3600_000) };
  const report = (parameters: Record<string, unknown> = {}) => ledgerNode({ resource: 'report', operation: 'kpis', ...window, ...parameters }, W + 2 * 24 * 3600_000);

  // 30 callers per variant: a gets 15 replies; b gets 3 replies and 15 call backs from the others
  beforeAll(async () => {
    for (let i = 0; i < 60; i++) {
      const phone = nextPhone();
      const at = W + 30_000 + i * 1000;
      const { touch } = await enrollCaller(ledger, { phone, at, dueAt: at + 30_000 });
      expect(await ledger.beginSend(touch.id, `k-${touch.id}`, at + 30_000)).toBe('go');
      await ledger.completeTouch(touch.id, { status: 'sent', provider: 'sandbox', detail: { variant: i < 30 ? 'a' : 'b' }, now: at + 30_000 });
      if (i < 15 || (i >= 30 && i < 33)) await ledger.recordReply(phone, { text: 'yes', class: 'reply', channel: 'sms', now: W + 3600_000 });
      if (i >= 33 && i < 48) {
        const back = callEvent(phone, W + 7200_000);
        await ledger.appendCallEvent({ callId: back.callId, provider: back.provider, class: back.class, final: true, payload: back, now: W + 7200_000 });
      }
    }
  });

  const verdicts = (rows: Record<string, unknown>[]) =>
    rows.map((x) => [x.level, x.variant, (x.comparison as { verdict: string } | null)?.verdict ?? null, x.winningVariant]);

  it('compares on re-engagement by default: b leads (18/30 against 15/30), no winner yet', async () => {
    const r = await report();
    expect(r.error).toBeUndefined();
    const rows = r.outputs('Ledger')[0]!;
    expect(rows.map((x) => [x.variant, x.enrollments, x.responses, x.reengaged])).toEqual([
      [null, 60, 18, 33],
      [null, 60, 18, 33],
      ['a', 30, 15, 15],
      ['b', 30, 3, 18],
    ]);
    expect(verdicts(rows)).toEqual([
      ['template', null, null, null],
      ['step', null, null, null],
      ['variant', 'a', 'no_difference', null],
      ['variant', 'b', 'leading', null],
    ]);
    expect(rows[2]!.comparison).toMatchObject({ metric: 'reengagement', lift: -0.1667, alpha: 0.05, optOutGuard: false });
  });

  it('crowns a on the Response metric (15/30 against 3/30, p 0.0007)', async () => {
    const rows = (await report({ winnerMetric: 'response' })).outputs('Ledger')[0]!;
    expect(verdicts(rows)).toEqual([
      ['template', null, null, null],
      ['step', null, null, 'a'],
      ['variant', 'a', 'winner', null],
      ['variant', 'b', 'worse', null],
    ]);
    const b = rows[3]!.comparison as { metric: string; pValue: number; lift: number };
    expect(b).toMatchObject({ metric: 'response', lift: -0.8 });
    expect(Math.abs(b.pValue / 0.0007232327164301924 - 1)).toBeLessThan(1e-5);
  });

  it('refuses an unknown metric and a Default Country that is no ISO code', async () => {
    expect((await report({ winnerMetric: 'clicks' })).error?.message).toBe('Winner Metric must be one of reengagement, response, conversion, humanReached');
    expect((await report({ defaultCountry: 'USA' })).error?.message).toBe('Default Country must be a two-letter ISO code, got "USA"');
    expect((await report({ defaultCountry: 'gb' })).error).toBeUndefined();
  });
});
