import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/missed-call';
import { afterHours, fourTouch, healthcareInformational } from '../../shared/templates';
import { templateToN8nWorkflow, templateToN8nWorkflows } from '../../designer/src/export';
import { parseSequenceTemplate } from '../../shared/schema';

const FIXTURES = join(__dirname, '../fixtures/telephony');

function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(argv, (s) => (stdout += s + '\n'), (s) => (stderr += s + '\n'));
  return { code, stdout, stderr, json: code <= 1 && stdout ? JSON.parse(stdout) : undefined };
}

const tmp = mkdtempSync(join(tmpdir(), 'missed-call-cli-'));
function file(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('missed-call gate', () => {
  it('defers a 20:45 Miami text to 08:00 local the next morning', () => {
    const r = run('gate', '--to', '+13055550123', '--at', '2026-12-01T20:45:00-05:00');
    expect(r.code).toBe(0);
    expect(r.json.verdict).toBe('defer');
    expect(r.json.notBefore).toBe('2026-12-02T13:00:00.000Z');
    expect(r.json.zones).toContain('America/New_York');
    expect(r.json.reasons.map((x: { code: string }) => x.code)).toContain('QUIET_HOURS');
  });

  it('sends at noon with informational consent', () => {
    const r = run('gate', '--to', '+12125550123', '--at', '2026-12-01T12:00:00-05:00');
    expect(r.json).toMatchObject({ verdict: 'send', notBefore: null });
  });

  it.each([
    [['--line-type', 'landline'], 'LANDLINE_SMS'],
    [['--line-type', 'pager'], 'PREMIUM_OR_PAGER_SMS'],
    [['--opted-out'], 'OPTED_OUT'],
    [['--consent', 'none'], 'NO_CONSENT'],
    [['--classification', 'marketing', '--consent', 'marketing'], 'MARKETING_NEEDS_WRITTEN_CONSENT'],
    [['--required-consent', 'written'], 'CONSENT_BELOW_TEMPLATE'],
  ])('blocks with %j → %s', (extra, code) => {
    const r = run('gate', '--to', '+12125550123', '--at', '2026-12-01T12:00:00-05:00', ...extra);
    expect(r.json.verdict).toBe('block');
    expect(r.json.reasons.map((x: { code: string }) => x.code)).toContain(code);
  });

  it('defers when the Florida cap of 3 per 24 h is reached', () => {
    const r = run('gate', '--to', '+13055550123', '--at', '2026-12-01T12:00:00-05:00', '--sent-last-24h', '3');
    expect(r.json.verdict).toBe('defer');
    expect(r.json.reasons.map((x: { code: string }) => x.code)).toContain('CAP_REACHED');
  });

  it.each([
    [['--to', '3055550123', '--at', '2026-12-01T12:00:00Z'], /E\.164/],
    [['--to', '+13055550123', '--at', '2026-12-01 12:00'], /ISO instant/],
    [['--to', '+13055550123'], /--at is required/],
    [['--to', '+13055550123', '--at', '2026-12-01T12:00:00Z', '--consent', 'maybe'], /--consent must be one of/],
    [['--to', '+13055550123', '--at', '2026-12-01T12:00:00Z', '--bogus'], /unknown option --bogus/],
    [['--to', '+13055550123', '--at', '2026-12-01T12:00:00Z', '--sent-last-24h', '-1'], /whole number/],
  ])('refuses bad input %j with exit 2 and a message', (argv, message) => {
    const r = run('gate', ...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('masks the number it refuses: stderr ends up in CI logs', () => {
    for (const cmd of [['gate'], ['simulate', file('mask.json', fourTouch)]]) {
      const r = run(...cmd, '--to', '7865550199', '--at', '2026-12-01T12:00:00Z');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('got "786555****"');
      expect(r.stderr).not.toContain('7865550199');
    }
  });
});

describe('missed-call classify', () => {
  const index = JSON.parse(readFileSync(join(FIXTURES, 'index.json'), 'utf8')) as Record<string, unknown>;
  it('has fixtures to read', () => expect(readdirSync(FIXTURES).length).toBeGreaterThan(20));

  it('classifies a Twilio voicemail recording callback read from a file', () => {
    const r = run('classify', '--provider', 'twilio', '--file', join(FIXTURES, 'twilio-record-action-voicemail.txt'));
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ provider: 'twilio', kind: 'call', class: 'voicemail' });
    expect(index).toBeTruthy();
  });

  it('classifies an inbound STOP text as an opt-out', () => {
    const r = run('classify', '--provider', 'twilio', '--file', join(FIXTURES, 'twilio-sms-inbound-optout-stop.txt'));
    expect(r.json).toMatchObject({ kind: 'message', class: 'opt_out' });
  });

  it.each([
    [['--provider', 'twilio', '--file', '/nonexistent/x.json'], /no such file/],
    [['--provider', 'skype', '--file', 'x'], /--provider must be one of/],
    [['--file', 'x'], /--provider is required/],
  ])('refuses %j', (argv, message) => {
    const r = run('classify', ...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('refuses a malformed JSON body with a clear message', () => {
    const r = run('classify', '--provider', 'aircall', '--file', file('bad.json', '{"event": "call.ended", '));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/aircall/);
  });
});

describe('missed-call validate', () => {
  it('passes the four-touch starter with exit 0', () => {
    const r = run('validate', file('four.json', fourTouch));
    expect(r.code).toBe(0);
    expect(r.json.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
  });

  it('exits 1 with diagnostics when a template has errors', () => {
    const broken = { ...fourTouch, exit: { ...fourTouch.exit, onReply: false } };
    const r = run('validate', file('broken.json', broken));
    expect(r.code).toBe(1);
    expect(r.json.map((d: { code: string }) => d.code)).toContain('NO_EXIT_ON_REPLY');
  });

  it('prints plain messages with the field path beside them', () => {
    const lint = run('validate', file('noreply.json', { ...fourTouch, exit: { ...fourTouch.exit, onReply: false } }));
    expect(lint.json.find((d: { code: string }) => d.code === 'NO_EXIT_ON_REPLY')).toMatchObject({ path: 'exit.onReply', message: expect.stringMatching(/^The "Caller replies" exit is off/) });
    const schema = run('validate', file('promo.json', { ...fourTouch, classification: 'promo' }));
    expect(schema.code).toBe(1);
    expect(schema.json).toEqual([
      { code: 'SCHEMA', severity: 'error', stepId: null, path: 'classification', message: 'Classification must be one of "informational" or "marketing", not "promo".' },
    ]);
  });

  it('exits 2 on a file that is not JSON', () => {
    const r = run('validate', file('notjson.json', 'steps: []'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
  });
});

describe('missed-call export', () => {
  const strip = ({ id: _id, ...w }: { id: string }) => w;
  // the command exports the template as the schema parses it (its key order)
  const four = parseSequenceTemplate(fourTouch);
  if (!four.success) throw new Error('fourTouch must parse');

  it('prints the designer\'s n8n workflow with a stable 16-character id', () => {
    const r = run('export', file('four.json', fourTouch));
    expect(r.code).toBe(0);
    expect(r.json.id).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(strip(r.json)).toEqual(JSON.parse(JSON.stringify(templateToN8nWorkflow(four.data))));
    expect(run('export', file('four-again.json', fourTouch)).json.id).toBe(r.json.id);
  });

  it('with --split prints the three workflows in order, each with its own id', () => {
    const r = run('export', file('four.json', fourTouch), '--split');
    expect(r.code).toBe(0);
    const parts = templateToN8nWorkflows(four.data);
    expect(r.json.map(strip)).toEqual(JSON.parse(JSON.stringify([parts.firstTouch, parts.sequence, parts.replies])));
    // the replies carry the inbound-SMS trigger, the outcome webhook of the template's booked / CRM-status exits, and the delivery-status trigger
    const replyEntries = r.json[2].nodes.filter((n: { type: string }) => n.type.endsWith('.missedCallSmsTrigger') || n.type === 'n8n-nodes-base.webhook');
    expect(replyEntries.map((n: { name: string; parameters: { path?: string } }) => [n.name, n.parameters.path ?? null])).toEqual([
      ['Inbound SMS', null],
      ['Booked or CRM Status', 'missed-call-outcomes/four-touch'],
      ['Delivery Status', null],
    ]);
    const ids = r.json.map((w: { id: string }) => w.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids).not.toContain(run('export', file('four.json', fourTouch)).json.id);
    // another template gets other ids
    expect(run('export', file('after.json', afterHours), '--split').json.map((w: { id: string }) => w.id)).not.toContain(ids[0]);
  });

  it('with --phone-system sets the trigger up for that phone system (Dialpad: its texts both ways)', () => {
    const r = run('export', file('four.json', fourTouch), '--split', '--phone-system', 'dialpad');
    expect(r.code).toBe(0);
    const parts = templateToN8nWorkflows(four.data, { phoneSystem: 'dialpad' });
    expect(r.json.map(strip)).toEqual(JSON.parse(JSON.stringify([parts.firstTouch, parts.sequence, parts.replies])));
    const first = r.json[0].nodes as { name: string; parameters: Record<string, unknown> }[];
    expect(first.map((n) => n.name)).toEqual(['Missed Call Trigger', 'Consent Gate (first touch)', 'Follow-up Sender (first touch)', 'Sequence Exit (phone system texts)', 'CRM Flag (re-engaged by text)']);
    expect(first[0]!.parameters.provider).toBe('dialpad');
    expect(first[2]!.parameters.smsProvider).toBe('dialpad');
    // RingCentral texts through RingCentral too
    const rc = run('export', file('four.json', fourTouch), '--split', '--phone-system', 'ringcentral').json[0].nodes as { parameters: Record<string, unknown> }[];
    expect([rc[0]!.parameters.provider, rc[2]!.parameters.smsProvider, rc[2]!.parameters.ringCentralFromNumber]).toEqual(['ringcentral', 'ringcentral', '']);
    // the same template for another phone system is another workflow with the same id (a re-import replaces it)
    expect(run('export', file('four.json', fourTouch), '--phone-system=zoom').json.id).toBe(run('export', file('four.json', fourTouch)).json.id);
  });

  it('refuses a template with lint errors with exit 1 and nothing on stdout', () => {
    const broken = { ...fourTouch, exit: { ...fourTouch.exit, onReply: false } };
    const r = run('export', file('broken.json', broken), '--split');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/export refused: .*NO_EXIT_ON_REPLY/);
  });

  it.each([
    ['no file', [], /usage: missed-call export/],
    ['an invalid template', [file('invalid.json', { schemaVersion: 1, id: 'x' })], /not a valid sequence template/],
    ['a value on --split', [file('four.json', fourTouch), '--split=yes'], /--split takes no value/],
    ['two files', [file('a.json', fourTouch), file('b.json', fourTouch)], /usage/],
    ['an unknown phone system', [file('four.json', fourTouch), '--phone-system', 'skype'], /--phone-system must be one of twilio, aircall, dialpad, ringcentral, vonage, zoom \(got "skype"\)/],
  ])('exits 2 on %s', (_label, argv, message) => {
    const r = run('export', ...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('missed-call simulate', () => {
  it('shifts the first touch of a 20:45 Miami call to 08:00 local and keeps later touches in the window', () => {
    const r = run('simulate', file('four.json', fourTouch), '--to', '+13055550123', '--at', '2026-12-01T20:45:00-05:00');
    expect(r.code).toBe(0);
    const [first, ...rest] = r.json.touches;
    expect(first.verdict).toBe('defer');
    expect(first.allowedAt).toBe('2026-12-02T13:00:00.000Z');
    expect(first.allowedLocal).toMatch(/08:00/);
    for (const t of rest) if (t.allowedLocal) expect(Number(t.allowedLocal.slice(11, 13))).toBeGreaterThanOrEqual(8);
  });

  it('routes touches to a person only with --sensitive (the Consent Gate option), not for the template’s industry alone', () => {
    const args = ['simulate', file('clinic.json', healthcareInformational), '--to', '+12125550123', '--at', '2026-12-01T10:00:00-05:00'];
    const verdicts = (r: ReturnType<typeof run>) => r.json.touches.filter((t: { channel: string }) => t.channel === 'sms').map((t: { verdict: string }) => t.verdict);
    expect(verdicts(run(...args))).not.toContain('manual');
    expect(verdicts(run(...args, '--sensitive'))).toEqual(['manual', 'manual', 'manual']);
  });

  it('simulates the call class given with --class and says when the trigger would not enroll it', () => {
    const voicemailOnly = { ...fourTouch, trigger: { ...fourTouch.trigger, classes: ['voicemail'] } };
    const args = ['simulate', file('vm.json', voicemailOnly), '--to', '+12125550123', '--at', '2026-12-01T10:00:00-05:00'];
    const missed = run(...args);
    expect(missed.code).toBe(0);
    expect(missed.json).toMatchObject({ callClass: 'missed', notEnrolled: { reason: 'CLASS_NOT_SELECTED' }, touches: [] });
    const vm = run(...args, '--class', 'voicemail');
    expect(vm.json).toMatchObject({ callClass: 'voicemail', notEnrolled: null });
    expect(vm.json.touches).toHaveLength(fourTouch.steps.length);
    const bad = run(...args, '--class', 'answered');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--class must be one of missed, voicemail, abandoned/);
  });
});

describe('the built binary', () => {
  it('runs from dist with JSON on stdout and a non-zero exit on bad input', () => {
    const bin = join(__dirname, '../../dist/cli/missed-call.js');
    const out = execFileSync(process.execPath, [bin, 'gate', '--to', '+12125550123', '--at', '2026-12-01T12:00:00Z']);
    expect(JSON.parse(out.toString()).verdict).toMatch(/send|defer/);
    const bad = spawnSync(process.execPath, [bin, 'gate', '--to', 'nope', '--at', '2026-12-01T12:00:00Z']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.toString()).toMatch(/E\.164/);
  });
});
