import { describe, expect, it } from 'vitest';
import { LINT_CODES, LINT_RULES, MIN_TOUCH_GAP_MINUTES, validateSequence, type LintCode } from '../../../shared/lint';
import { parseSequenceTemplate } from '../../../shared/schema';
import { cleanTemplate, ES_EMAIL, ES_SMS, FR_SMS } from './fixtures';

type T = ReturnType<typeof cleanTemplate>;

const sms = (id: string, minutes: number, text: string, from: 'call' | 'previous' = 'call') => ({
  id,
  channel: 'sms',
  delay: { minutes, from },
  message: { text },
});
const email = (id: string, minutes: number, text: string) => ({
  id,
  channel: 'email',
  delay: { minutes, from: 'call' },
  message: { subject: 'From {{businessName}}', text },
});
const task = (id: string, minutes: number) => ({ id, channel: 'callback_task', delay: { minutes, from: 'call' }, message: { title: 'Call back' } });
const OK = ' Reply here or book at {{callbackLink}}. {{businessName}}.';

function codesOf(t: unknown): string[] {
  return validateSequence(t).map((d) => d.code);
}
function fire(code: LintCode, mutate: (t: T) => void) {
  const t = cleanTemplate();
  mutate(t);
  return validateSequence(t).filter((d) => d.code === code);
}

describe('validateSequence', () => {
  it('finds nothing in the clean fixture', () => {
    expect(validateSequence(cleanTemplate())).toEqual([]);
  });

  it('gives every diagnostic the severity from the rule table', () => {
    const t = cleanTemplate();
    t.steps[0].delay.minutes = 10;
    t.exit = { onReply: false };
    for (const d of validateSequence(t)) expect(d.severity).toBe(LINT_RULES[d.code as LintCode].severity);
  });

  it('has one unique code per rule in the table', () => {
    expect(new Set(LINT_CODES).size).toBe(LINT_CODES.length);
  });

  describe('turns schema violations into SCHEMA errors: a plain sentence, the field in `path`', () => {
    it.each([
      ['not an object', 42, null, undefined, 'The file is not a sequence template: it is a number, not a JSON object.'],
      ['a missing step text', (() => { const t = cleanTemplate(); delete t.steps[1].message.text; return t; })(), 'e1', 'steps[1].message.text', 'Step 2 (e1): the body is missing.'],
      ['an unknown channel', (() => { const t = cleanTemplate(); t.steps[2].channel = 'fax'; return t; })(), 'c1', 'steps[2].channel', /^Step 3 \(c1\): the channel must be SMS "sms", .* not "fax"\.$/],
      ['a bad time zone', (() => { const t = cleanTemplate(); t.business.timeZone = 'Mars/Olympus'; return t; })(), null, 'business.timeZone', 'Time zone must be an IANA time zone such as "America/Chicago".'],
    ])('for %s', (_name, input, stepId, path, message) => {
      const d = validateSequence(input);
      expect(d).toHaveLength(1);
      expect(d[0]).toMatchObject({ code: 'SCHEMA', severity: 'error', stepId });
      expect(d[0].path).toBe(path);
      if (typeof message === 'string') expect(d[0].message).toBe(message);
      else expect(d[0].message).toMatch(message);
    });
  });

  // [code, description, mutation that must fire it, expected stepId]
  const firing: [LintCode, string, (t: T) => void, string | null][] = [
    ['FIRST_TOUCH_LATE', 'the first SMS waits 5 minutes', (t) => { t.steps[0].delay.minutes = 5; }, 's1'],
    ['FIRST_TOUCH_LATE', 'no SMS or email exists', (t) => { t.steps = [task('a', 0), task('b', 3000), task('c', 6000)]; }, null],
    ['SAME_CHANNEL_3X', 'three SMS run back to back', (t) => { t.steps.splice(1, 1, sms('s2', 1440, 'New: our hours are 8 to 5.' + OK), sms('s3', 2000, 'Any luck? Parking is free.' + OK)); }, 's3'],
    ['DUPLICATE_TEXT', 'a later SMS repeats the first', (t) => { t.steps.push(sms('s9', 4000, t.steps[0].message.text)); }, 's9'],
    ['DUPLICATE_TEXT', 'only punctuation and case differ', (t) => { t.steps.push(sms('s9', 4000, t.steps[0].message.text.toUpperCase().replace(/\./g, '!'))); }, 's9'],
    ['NEAR_DUPLICATE_TEXT', 'one word of twenty changes', (t) => {
      const words = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty';
      t.steps.push(sms('s8', 3000, `${words} {{businessName}} reply`), sms('s9', 4000, `${words.replace('ten', 'TEN-X')} {{businessName}} reply`));
    }, 's9'],
    ['TOO_FEW_TOUCHES', 'only two touches', (t) => { t.steps.pop(); }, null],
    ['TOO_MANY_TOUCHES', 'eight touches', (t) => { for (let i = 0; i < 5; i++) t.steps.push(i % 2 ? task(`x${i}`, 3000 + i * 1500) : email(`x${i}`, 3000 + i * 1500, `Update ${i} ${'abcdefghij'[i]} ${i * 7}` + OK)); }, null],
    ['MISSING_BUSINESS_NAME', 'an SMS without the business', (t) => { t.steps[0].message.text = 'Hi, we will call you back. Reply STOP to opt out. Reply here.'; }, 's1'],
    ['MISSING_BUSINESS_NAME', 'an SMS variant without the business', (t) => { t.steps[0].message.variants = [{ id: 'b', weight: 1, text: 'Hi! Reply here. Reply STOP to opt out.' }]; }, 's1'],
    ['MISSING_NEXT_STEP', 'the only "reply" is the opt-out line', (t) => { t.steps[0].message.text = '{{businessName}}: thanks {{callerFirstName}}. Reply STOP to opt out.'; }, 's1'],
    ['FIRST_SMS_NO_OPTOUT', 'the first SMS has no STOP line', (t) => { t.steps[0].message.text = 'Hi {{callerFirstName}}, {{businessName}} here; reply with what you need.'; }, 's1'],
    ['FIRST_SMS_NO_OPTOUT', 'a first-message override lacks it', (t) => { t.trigger = { firstMessage: { voicemail: 'Thanks for the voicemail {{callerFirstName}}, {{businessName}} will call back. Reply here.' } }; }, 's1'],
    ['CAP_VIOLATION', 'four touches within 24 h', (t) => { t.steps.splice(1, 0, email('e0', 60, 'Extra: parking is free' + OK), task('c0', 120)); }, 'e1'],
    ['CAP_VIOLATION', 'three touches in 24 h with maxPer24h 2', (t) => { t.steps[2].delay.minutes = 1441; t.sendWindow = { maxPer24h: 2 }; }, 'c1'],
    ['NO_EXIT_ON_REPLY', 'exit.onReply is off', (t) => { t.exit = { onReply: false }; }, null],
    ['CALLBACK_NO_QUEUE', 'no task queue and no departments', (t) => { t.business.departments = []; }, 'c1'],
    ['MARKETING_NO_WRITTEN_CONSENT', 'marketing on informational consent', (t) => { t.classification = 'marketing'; }, null],
    ['MARKETING_NO_WRITTEN_CONSENT', 'marketing on marketing consent', (t) => { t.classification = 'marketing'; t.consent = { required: 'marketing' }; }, null],
    ['GENERIC_TEXT', 'a sorry-we-missed-you with no caller details', (t) => { t.steps[0].message.text = 'Sorry we missed your call! {{businessName}}. Reply here. Reply STOP to opt out.'; }, 's1'],
    ['UNKNOWN_PLACEHOLDER', 'a misspelt placeholder', (t) => { t.steps[0].message.text += ' {{firstName}}'; }, 's1'],
    ['UNKNOWN_PLACEHOLDER', 'an empty placeholder in a task title', (t) => { t.steps[2].message.title = 'Call {{ }}'; }, 'c1'],
    ['SMS_SEGMENTS', 'a 4-segment GSM text', (t) => { t.steps[0].message.text += ' ' + 'x'.repeat(470); }, 's1'],
    ['SMS_SEGMENTS', 'a long text with an emoji (UCS-2)', (t) => { t.steps[0].message.text += ' 🙂' + 'x'.repeat(100); }, 's1'],
    ['DELAY_ORDER', 'a step timed from the call before the one above', (t) => { t.steps[2].delay.minutes = 600; }, 'c1'],
    ['FINAL_TOO_LATE', 'a touch on day 8', (t) => { t.steps[2].delay.minutes = 8 * 1440; }, 'c1'],
    ['TOUCHES_TOO_CLOSE', 'an SMS at 1 min and an email at 2 min', (t) => { t.steps.splice(1, 0, email('e0', 2, 'Parking is free.' + OK)); }, 'e0'],
    ['TOUCHES_TOO_CLOSE', 'a second SMS 59 min after the first', (t) => { t.steps.splice(1, 0, sms('s2', 60, 'New: open till 8.' + OK)); }, 's2'],
    ['HOLD_FIRST_TOUCH_UNUSED', 'the first touch is held but business hours are off', (t) => { t.sendWindow = { holdFirstTouch: true }; }, null],
    ['MISSING_TRANSLATION', 'a Spanish department and an email without Spanish text', (t) => { t.business.departments![0].language = 'es'; t.steps[0].message.translations = { es: { text: ES_SMS } }; }, 'e1'],
    ['TRANSLATION_UNUSED', 'a French text and no French department', (t) => { t.steps[0].message.translations = { fr: { text: FR_SMS } }; }, 's1'],
  ];
  it.each(firing)('fires %s when %s', (code, _desc, mutate, stepId) => {
    const hits = fire(code, mutate);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].stepId).toBe(stepId);
  });

  const quiet: [LintCode, string, (t: T) => void][] = [
    ['FIRST_TOUCH_LATE', 'the first SMS goes at exactly 2 minutes', (t) => { t.steps[0].delay.minutes = 2; }],
    ['SAME_CHANNEL_3X', 'two SMS in a row then an email', (t) => { t.steps.splice(1, 0, sms('s2', 60, 'New: open till 8.' + OK)); }],
    ['DUPLICATE_TEXT', 'A/B variants of one step are alike', (t) => { t.steps[0].message.variants = [{ id: 'b', weight: 1, text: t.steps[0].message.text + ' Thanks!' }]; }],
    ['NEAR_DUPLICATE_TEXT', 'texts that share the opt-out and name but say new things', (t) => { t.steps.push(sms('s9', 4000, 'Last check-in from {{businessName}}: parking is free and we open Saturdays now. Reply YES for a call.')); }],
    ['TOO_FEW_TOUCHES', 'notify_agent does not count but three touches remain', (t) => { t.steps.push({ id: 'n1', channel: 'notify_agent', delay: { minutes: 0, from: 'previous' }, message: { text: 'Missed call' } }); }],
    ['TOO_MANY_TOUCHES', 'exactly seven touches', (t) => { for (let i = 0; i < 4; i++) t.steps.push(i % 2 ? task(`x${i}`, 3000 + i * 1500) : email(`x${i}`, 3000 + i * 1500, `Update ${i} ${'abcd'[i]} ${i * 7}` + OK)); }],
    ['MISSING_BUSINESS_NAME', 'the literal business name in any case', (t) => { t.steps[0].message.text = 'ACME DENTAL here. Reply here. Reply STOP to opt out.'; }],
    ['MISSING_NEXT_STEP', 'a literal callback number', (t) => { t.steps[1].message.text = 'Ring (212) 555-0100 when it suits, {{department}}.'; }],
    ['FIRST_SMS_NO_OPTOUT', 'the first SMS says "Text STOP to unsubscribe"', (t) => { t.steps[0].message.text = 'Hi, {{businessName}} here, reply with what you need. Text STOP to unsubscribe.'; }],
    ['FIRST_SMS_NO_OPTOUT', 'a later SMS lacks STOP', (t) => { t.steps.push(sms('s9', 4000, 'Last note from {{businessName}}: reply YES for a call.')); }],
    ['CAP_VIOLATION', 'three touches in 24 h and the fourth just after', (t) => { t.steps.splice(1, 0, email('e0', 60, 'Extra: parking is free' + OK)); t.steps[2].delay.minutes = 1442; }],
    ['NO_EXIT_ON_REPLY', 'default exit', () => {}],
    ['CALLBACK_NO_QUEUE', 'no departments but an explicit task queue', (t) => { t.business.departments = []; t.steps[2].message.queue = 'sales'; }],
    ['MARKETING_NO_WRITTEN_CONSENT', 'marketing with written consent', (t) => { t.classification = 'marketing'; t.consent = { required: 'written' }; }],
    ['GENERIC_TEXT', 'a sorry-we-missed-you with the caller name', (t) => { t.steps[0].message.text = 'Sorry we missed your call, {{callerFirstName}}! {{businessName}}. Reply here. Reply STOP to opt out.'; }],
    ['UNKNOWN_PLACEHOLDER', 'every known placeholder with fallbacks', (t) => { t.steps[2].message.title = '{{businessName}} {{callerName|x}} {{callerFirstName}} {{ department }} {{callbackLink}} {{callbackNumber}} {{agentName|me}} {{calledAt}}'; }],
    ['SMS_SEGMENTS', 'a 3-segment GSM text', (t) => { t.steps[0].message.text += ' ' + 'x'.repeat(300); }],
    ['DELAY_ORDER', 'a "previous" delay of 0', (t) => { t.steps.push({ id: 'n1', channel: 'notify_agent', delay: { minutes: 0, from: 'previous' }, message: { text: 'heads up' } }); }],
    ['FINAL_TOO_LATE', 'a touch at exactly 7 days', (t) => { t.steps[2].delay.minutes = 7 * 1440; }],
    ['TOUCHES_TOO_CLOSE', 'a second SMS exactly 1 h after the first', (t) => { t.steps.splice(1, 0, sms('s2', 61, 'New: open till 8.' + OK)); }],
    ['TOUCHES_TOO_CLOSE', 'a callback task 1 min after the first SMS', (t) => { t.steps.splice(1, 0, task('c0', 2)); }],
    ['HOLD_FIRST_TOUCH_UNUSED', 'the first touch is held with business hours on', (t) => { t.sendWindow = { businessHoursOnly: true, holdFirstTouch: true }; }],
    ['MISSING_TRANSLATION', 'the SMS and the email have Spanish texts for a Spanish department', (t) => {
      t.business.departments![0].language = 'es';
      t.steps[0].message.translations = { es: { text: ES_SMS } };
      t.steps[1].message.translations = { es: ES_EMAIL };
    }],
    ['TRANSLATION_UNUSED', 'a Spanish text for a Spanish department', (t) => { t.business.departments![0].language = 'es'; t.steps[0].message.translations = { es: { text: ES_SMS } }; }],
  ];
  it.each(quiet)('does not fire %s when %s', (code, _desc, mutate) => {
    expect(fire(code, mutate)).toEqual([]);
  });

  it('checks each call-class path on its own when steps are filtered by onlyIf', () => {
    const t = cleanTemplate();
    // the voicemail-only and missed-only second SMS never both go to one caller
    t.steps.splice(
      1,
      0,
      { ...sms('vm', 30, 'Got your voicemail; reply with a time.' + OK), onlyIf: { classes: ['voicemail'] } },
      { ...sms('ms', 30, 'Got your call; reply with a time.' + OK), onlyIf: { classes: ['missed', 'abandoned'] } },
      email('e0', 60, 'Parking is free.' + OK),
    );
    expect(codesOf(t)).not.toContain('NEAR_DUPLICATE_TEXT');
    expect(codesOf(t)).not.toContain('DUPLICATE_TEXT');
    // s1, vm/ms, e0 and e1 would be 4 in 24 h on every path
    const caps = validateSequence(t).filter((d) => d.code === 'CAP_VIOLATION');
    expect(caps.map((d) => d.stepId)).toEqual(['e1']);
    expect(caps[0].message).not.toMatch(/for .* calls/);
  });

  it('names the call classes when a finding holds only on some paths', () => {
    const t = cleanTemplate();
    t.steps.splice(1, 0, { ...email('vm', 30, 'Thanks for the voicemail.' + OK), onlyIf: { classes: ['voicemail'] } }, task('c0', 60));
    const caps = validateSequence(t).filter((d) => d.code === 'CAP_VIOLATION');
    expect(caps).toHaveLength(1);
    expect(caps[0].message).toMatch(/^For voicemail calls: Step 4 \(e1\) makes 4 steps that reach the caller within 24 h/);
  });

  it('lints a first-message override like the first SMS it replaces', () => {
    const t = cleanTemplate();
    t.trigger = { firstMessage: { missed: 'Hi {{nmae}}, reply here. Reply STOP to opt out.' } };
    const d = validateSequence(t).filter((x) => x.stepId === 's1').map((x) => x.code);
    expect(d).toEqual(expect.arrayContaining(['MISSING_BUSINESS_NAME', 'UNKNOWN_PLACEHOLDER']));
  });

  describe('TOUCHES_TOO_CLOSE', () => {
    const close = (t: T) => validateSequence(t).filter((d) => d.code === 'TOUCHES_TOO_CLOSE');

    it('warns on the later of an SMS and an email 1 min apart, naming both steps, without blocking export', () => {
      const t = cleanTemplate();
      t.steps.splice(1, 0, { ...email('e0', 2, 'Parking is free.' + OK), name: 'Quick email' });
      expect(close(t)).toEqual([
        {
          code: 'TOUCHES_TOO_CLOSE',
          severity: 'warning',
          stepId: 'e0',
          path: 'steps[1].delay',
          message: 'Step 2 "Quick email" lands 1 min after Step 1 (s1): space texts and emails at least 1 h apart, so the caller has time to reply before the next one.',
        },
      ]);
      expect(validateSequence(t).filter((d) => d.severity === 'error')).toEqual([]);
    });

    it('uses a one-hour threshold: 59 min apart warns, 60 min does not', () => {
      expect(MIN_TOUCH_GAP_MINUTES).toBe(60);
      for (const [gap, hits] of [[59, 1], [60, 0], [0, 1]] as const) {
        const t = cleanTemplate();
        t.steps.splice(1, 0, sms('s2', 1 + gap, 'New: open till 8.' + OK));
        expect(close(t), `gap ${gap}`).toHaveLength(hits);
      }
    });

    it('says "at the same time" for a step 0 min after the previous one', () => {
      const t = cleanTemplate();
      t.steps.splice(1, 0, { ...email('e0', 0, 'Parking is free.' + OK), delay: { minutes: 0, from: 'previous' } });
      expect(close(t).map((d) => d.message)).toEqual([expect.stringMatching(/^Step 2 \(e0\) lands at the same time as Step 1 \(s1\):/)]);
    });

    it('compares touches in the order they land, not the order they are listed', () => {
      const t = cleanTemplate();
      // listed after a 2-day email, lands 20 min after e1 (and is a DELAY_ORDER error too)
      t.steps.push(email('e2', 3000, 'Parking is free now.' + OK), sms('late', 1460, 'New: open till 8.' + OK));
      expect(close(t).map((d) => [d.stepId, d.message.split(':')[0]])).toEqual([['late', 'Step 5 (late) lands 20 min after Step 2 (e1)']]);
    });

    it('ignores steps that never reach the same caller: onlyIf for other call classes, or classes the trigger does not enroll', () => {
      const exclusive = cleanTemplate();
      exclusive.steps.splice(
        1,
        0,
        { ...sms('vm', 90, 'Got your voicemail; reply with a time.' + OK), onlyIf: { classes: ['voicemail'] } },
        { ...email('ms', 100, 'Got your call; pick a time.' + OK), onlyIf: { classes: ['missed', 'abandoned'] } },
      );
      expect(close(exclusive)).toEqual([]);

      const overlapping = cleanTemplate();
      overlapping.steps.splice(
        1,
        0,
        { ...sms('vm', 90, 'Got your voicemail; reply with a time.' + OK), onlyIf: { classes: ['voicemail'] } },
        { ...email('ms', 100, 'Got your call; pick a time.' + OK), onlyIf: { classes: ['missed', 'voicemail'] } },
      );
      expect(close(overlapping).map((d) => [d.stepId, d.message.split(':')[0]])).toEqual([['ms', 'For voicemail calls']]);

      const notEnrolled = cleanTemplate();
      notEnrolled.trigger = { classes: ['missed', 'abandoned'] };
      notEnrolled.steps.splice(1, 0, { ...sms('vm', 2, 'Got your voicemail; reply with a time.' + OK), onlyIf: { classes: ['voicemail'] } });
      expect(close(notEnrolled)).toEqual([]);
    });

    it('counts a step with A/B variants and per-class first messages as one touch', () => {
      const t = cleanTemplate();
      t.steps[0].message.variants = [{ id: 'b', weight: 1, text: 'Hi from {{businessName}}: reply here with a good time. Reply STOP to opt out.' }];
      t.trigger = { firstMessage: { voicemail: 'Thanks for the voicemail, {{callerFirstName}}: {{businessName}} will call back, or reply here. Reply STOP to opt out.' } };
      t.steps.splice(1, 0, { id: 'n1', channel: 'notify_agent', delay: { minutes: 0, from: 'previous' }, message: { text: 'Missed call' } });
      expect(validateSequence(t)).toEqual([]);
    });
  });

  describe('messages name things as the designer labels them; the field stays in `path`', () => {
    it('explains marketing consent with the Policy labels', () => {
      const [d] = fire('MARKETING_NO_WRITTEN_CONSENT', (t) => { t.classification = 'marketing'; });
      expect(d).toMatchObject({
        path: 'consent.required',
        message: 'Classification is "marketing", so Consent required must be "written" (prior express written consent), not "informational". Set Consent required to "written", or Classification to "informational" if the messages only follow up on the call.',
      });
    });

    it('names the reply exit by its Exits label', () => {
      const [d] = fire('NO_EXIT_ON_REPLY', (t) => { t.exit = { onReply: false }; });
      expect(d).toMatchObject({ path: 'exit.onReply', message: expect.stringMatching(/^The "Caller replies" exit is off: turn it on under Exits/) });
    });

    it('names a step by its position and name, or its id when it has none', () => {
      const named = fire('FIRST_TOUCH_LATE', (t) => { t.steps[0].delay.minutes = 5; t.steps[0].name = 'Text back'; });
      expect(named[0].message).toBe('Step 1 "Text back" is the first SMS or email and goes out 5 min after the call: set its delay to 2 min or less after the call.');
      const unnamed = fire('DELAY_ORDER', (t) => { t.steps[2].delay.minutes = 600; });
      expect(unnamed[0]).toMatchObject({ path: 'steps[2].delay', message: 'Step 3 (c1) is timed 10 h after the call, before Step 2 (e1) above it (1 d): lengthen its delay or move it up.' });
    });

    it('names a variant and a per-class first message the way their editors do', () => {
      const variant = fire('MISSING_BUSINESS_NAME', (t) => { t.steps[0].message.variants = [{ id: 'b', weight: 1, text: 'Hi! Reply here. Reply STOP to opt out.' }]; });
      expect(variant[0]).toMatchObject({ path: 'steps[0].message.variants[0].text', message: 'Variant B of Step 1 (s1) does not name the business: add {{businessName}} or "Acme Dental".' });
      const first = fire('UNKNOWN_PLACEHOLDER', (t) => { t.trigger = { firstMessage: { voicemail: 'Hi {{nmae}} from {{businessName}}, reply here. Reply STOP to opt out.' } }; });
      expect(first[0]).toMatchObject({ stepId: 's1', path: 'trigger.firstMessage.voicemail', message: expect.stringMatching(/^\{\{nmae\}\} in the first message for voicemail calls is not a placeholder/) });
    });

    const RAW_FIELD = /steps\[|trigger\.|exit\.|consent\.|business\.|sendWindow\.|firstMessage|onlyIf|\bvariant "/;
    const at = (root: unknown, path: string) =>
      path.split(/\.|\[(\d+)\]/).filter(Boolean).reduce<unknown>((v, k) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[k]), root);

    it.each(firing)('%s (%s): no raw field names in the message; `path` points into the template, at that step', (code, _desc, mutate) => {
      const t = cleanTemplate();
      mutate(t);
      const parsed = parseSequenceTemplate(t);
      if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
      for (const d of validateSequence(t).filter((x) => x.code === code)) {
        expect(d.message).not.toMatch(RAW_FIELD);
        if (d.path === undefined) continue;
        // a callback task's queue and a missing translation are the fields that are missing: their message exists
        const present = code === 'CALLBACK_NO_QUEUE' ? d.path.replace(/\.queue$/, '') : code === 'MISSING_TRANSLATION' ? d.path.replace(/\.translations\.\w+$/, '') : d.path;
        expect(at(parsed.data, present), d.path).not.toBeUndefined();
        const index = /^steps\[(\d+)\]/.exec(d.path)?.[1];
        if (index !== undefined) expect(parsed.data.steps[Number(index)].id).toBe(d.stepId);
      }
    });
  });

  it('validates a 50-step template in well under 2 ms', () => {
    const t = cleanTemplate();
    t.sendWindow = { maxPer24h: 3 };
    t.steps = Array.from({ length: 50 }, (_, i) =>
      i % 3 === 2
        ? task(`t${i}`, i * 700)
        : (i % 3 ? email : sms)(`m${i}`, i * 700, `Update ${i}: ${'lorem ipsum dolor sit amet '.repeat(8)} number ${i * 31} {{callerFirstName}}` + OK),
    );
    for (let i = 0; i < 50; i++) validateSequence(t); // warm up
    const runs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      validateSequence(t);
      runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);
    expect(runs[100]).toBeLessThan(2);
  });
});
