import { describe, expect, it } from 'vitest';
import { describeSchemaIssue, parseSequenceTemplate, stepLabel } from '../../../shared/schema';
import { cleanTemplate } from '../lint/fixtures';

type T = ReturnType<typeof cleanTemplate>;
const mutated = (mutate: (t: T) => void): T => {
  const t = cleanTemplate();
  mutate(t);
  return t;
};
/** [path, sentence] of every issue */
function issues(input: unknown): [string, string][] {
  const r = parseSequenceTemplate(input);
  if (r.success) throw new Error('expected schema issues');
  return r.issues.map((i) => [i.path, i.message]);
}

describe('schema issues as plain sentences (designer import, validateSequence, CLI)', () => {
  it.each([
    ['a list', [], 'The file is not a sequence template: it is a list, not a JSON object.'],
    ['null', null, 'The file is not a sequence template: it is null, not a JSON object.'],
    ['text', 'steps: []', 'The file is not a sequence template: it is text, not a JSON object.'],
  ])('a file that is %s at the root', (_label, input, sentence) => {
    expect(issues(input)).toEqual([['', sentence]]);
  });

  it('says a JSON object without steps is not a sequence template', () => {
    expect(issues(mutated((t) => { delete (t as { steps?: unknown }).steps; }))).toEqual([['steps', 'The file is not a sequence template: it has no steps.']]);
    expect(issues(mutated((t) => { t.steps = []; }))).toEqual([['steps', 'The sequence has no steps: add at least one.']]);
  });

  it('names a missing required field by its designer label, in its step', () => {
    expect(issues(mutated((t) => { delete (t as { name?: string }).name; }))).toEqual([['name', 'Sequence name is missing.']]);
    expect(issues(mutated((t) => { delete t.steps[1].message.subject; }))).toEqual([['steps[1].message.subject', 'Step 2 (e1): the subject is missing.']]);
    expect(issues(mutated((t) => { delete (t.business as { timeZone?: string }).timeZone; }))).toEqual([['business.timeZone', 'Time zone is missing.']]);
  });

  it('says what type a field needs and what it got', () => {
    expect(issues(mutated((t) => { t.steps[2].delay.minutes = '5'; t.steps[2].name = 'Call back'; }))).toEqual([
      ['steps[2].delay.minutes', 'Step 3 "Call back": the delay must be a whole number of minutes, not "5".'],
    ]);
    expect(issues(mutated((t) => { t.exit = { onReply: 'yes' as never }; }))).toEqual([['exit.onReply', 'The "Caller replies" exit must be true or false, not "yes".']]);
  });

  it('lists the allowed values of a wrong choice', () => {
    expect(issues(mutated((t) => { t.consent = { required: 'yes' as never }; }))).toEqual([
      ['consent.required', 'Consent required must be one of "informational", "marketing" or "written", not "yes".'],
    ]);
    expect(issues(mutated((t) => { t.steps[0].delay.from = 'start'; }))).toEqual([
      ['steps[0].delay.from', 'Step 1 (s1): the delay start ("after the call" or "after previous step") must be one of "call" or "previous", not "start".'],
    ]);
    expect(issues(mutated((t) => { t.steps[2].channel = 'fax'; }))).toEqual([
      ['steps[2].channel', 'Step 3 (c1): the channel must be SMS "sms", email "email", callback task "callback_task" or agent notification "notify_agent", not "fax".'],
    ]);
    expect(issues(mutated((t) => { t.schemaVersion = 2 as never; }))).toEqual([
      ['schemaVersion', 'The file is for another version of the template format (schemaVersion 2); only schemaVersion 1 can be read.'],
    ]);
  });

  it('names unknown keys and where they are', () => {
    const t = mutated((x) => {
      (x as Record<string, unknown>).colour = 'red';
      x.steps[0].colour = 'red';
      (x.business.departments![0] as Record<string, unknown>).colour = 'red';
    });
    expect(issues(t)).toEqual(
      expect.arrayContaining([
        ['', 'The sequence has a setting the template format does not know: "colour"; remove it or check the spelling.'],
        ['steps[0]', 'Step 1 (s1) has a setting the template format does not know: "colour"; remove it or check the spelling.'],
        ['business.departments[0]', 'Department 1 "Front desk" has a setting the template format does not know: "colour"; remove it or check the spelling.'],
      ]),
    );
  });

  it('reads the schema’s own rules as sentences: duplicate ids, closures, opening hours', () => {
    expect(issues(mutated((t) => { t.steps[2].id = 's1'; }))).toEqual([['steps[2].id', 'Step 3 (s1): the step id is already used by Step 1; give each step its own id.']]);
    expect(issues(mutated((t) => { t.business.closures = [{ from: '2026-12-26', to: '2026-12-24' }]; }))).toEqual([
      ['business.closures[0].to', 'Closure 1 (2026-12-26): the last closed day must be on or after the first closed day.'],
    ]);
    expect(issues(mutated((t) => { t.business.openingHours = { mon: ['08:00-12:00', '11:00-15:00'], tue: ['9-5'] }; }))).toEqual([
      ['business.openingHours.tue[0]', 'Opening hours on Tuesday: period 1 must be "HH:MM-HH:MM", e.g. "09:00-17:00".'],
      ['business.openingHours.mon', 'Opening hours on Monday: the periods 08:00-12:00 and 11:00-15:00 overlap.'],
    ]);
  });

  it('names the language settings and the translations as the designer labels them', () => {
    expect(issues(mutated((t) => { t.language = 'de' as never; }))).toEqual([['language', 'Language of the texts must be one of "en", "es" or "fr", not "de".']]);
    expect(issues(mutated((t) => { t.business.departments![0].language = 'spanish' as never; }))).toEqual([
      ['business.departments[0].language', 'Department 1 "Front desk": the language must be one of "en", "es" or "fr", not "spanish".'],
    ]);
    expect(issues(mutated((t) => { t.steps[0].message.translations = { es: { text: ' ' }, fr: {} }; }))).toEqual([
      ['steps[0].message.translations.es.text', 'Step 1 (s1): the Spanish message must not be empty.'],
      ['steps[0].message.translations.fr.text', 'Step 1 (s1): the French message is missing.'],
    ]);
    expect(issues(mutated((t) => { t.steps[1].message.translations = { es: { text: 'Hola', html: '', extra: 1 } }; }))).toEqual(
      expect.arrayContaining([
        ['steps[1].message.translations.es.subject', 'Step 2 (e1): the Spanish subject is missing.'],
        ['steps[1].message.translations.es.html', 'Step 2 (e1): the Spanish HTML body must not be empty.'],
        ['steps[1].message.translations.es', 'Step 2 (e1): the Spanish translation has a setting the template format does not know: "extra"; remove it or check the spelling.'],
      ]),
    );
    expect(issues(mutated((t) => { t.steps[0].message.translations = { de: { text: 'Hallo' } }; }))).toEqual([
      ['steps[0].message.translations.de', 'Step 1 (s1): the translations name a language the template format does not know: "de"; use "en" (English), "es" (Spanish) or "fr" (French).'],
    ]);
    expect(issues(mutated((t) => { t.trigger = { firstMessageTranslations: { es: { missed: '', busy: 'x' } as never, de: {} } as never }; }))).toEqual(
      expect.arrayContaining([
        ['trigger.firstMessageTranslations.es.missed', 'Spanish first message for missed calls must not be empty.'],
        ['trigger.firstMessageTranslations.es', 'Spanish first message per call class has a setting the template format does not know: "busy"; remove it or check the spelling.'],
        ['trigger.firstMessageTranslations.de', 'Translated first messages name a language the template format does not know: "de"; use "en" (English), "es" (Spanish) or "fr" (French).'],
      ]),
    );
    expect(issues(mutated((t) => { t.trigger = { firstMessageTranslations: 'es' as never }; }))).toEqual([
      ['trigger.firstMessageTranslations', 'Translated first messages must be a group of settings, not "es".'],
    ]);
  });

  it('never shows zod’s wording or a bare path', () => {
    const bad = [
      42,
      {},
      mutated((t) => { t.steps[0].message.variants = [{ id: 'b', weight: 0, text: '' }]; }),
      mutated((t) => { t.business.callbackLink = 'ftp://x'; t.business.supportEmail = 'nope'; t.steps[0].onlyIf = { classes: [] }; }),
      mutated((t) => { t.trigger = { classes: ['busy' as never], firstMessage: { voicemail: ' ' } }; t.reentry = { policy: 'after_days' }; }),
      mutated((t) => { t.steps[1] = 5; }),
      mutated((t) => { t.language = 'de' as never; t.steps[0].message.translations = { de: { text: 'x' }, es: {} }; t.trigger = { firstMessageTranslations: { xx: {} } as never }; }),
    ];
    for (const input of bad) {
      for (const [path, sentence] of issues(input)) {
        expect(sentence, path).not.toMatch(/Invalid|Unrecognized|Too small|expected|\(root\)/);
        if (/[.[]/.test(path)) expect(sentence, path).not.toContain(path);
        expect(sentence, path).toMatch(/^[A-Z"{].*\.$/);
      }
    }
  });

  it('keeps zod’s code and the path for tools', () => {
    const r = parseSequenceTemplate(mutated((t) => { t.steps[2].delay.minutes = -1; }));
    expect(r.success || r.issues).toEqual([{ path: 'steps[2].delay.minutes', segments: ['steps', 2, 'delay', 'minutes'], code: 'too_small', message: 'Step 3 (c1): the delay must be 0 or more.' }]);
  });

  it('describes a raw issue without parsing (for other callers)', () => {
    expect(describeSchemaIssue({ code: 'invalid_type', expected: 'string', path: ['steps', 0, 'message', 'text'], message: 'Invalid input' }, { steps: [{ id: 'a', channel: 'email', message: {} }] })).toBe(
      'Step 1 (a): the body is missing.',
    );
    expect(stepLabel({ id: 'x', name: '  ' }, 4)).toBe('Step 5 (x)');
  });
});
