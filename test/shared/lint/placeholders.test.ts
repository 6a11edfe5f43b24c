import { describe, expect, it } from 'vitest';
import { isGeneric, isKnownPlaceholder, PERSONAL_PLACEHOLDERS, validateSequence } from '../../../shared/lint';
import { cleanTemplate } from './fixtures';

describe('{{nextOpening}} in lint', () => {
  it('is a known placeholder but not a personal one', () => {
    expect(isKnownPlaceholder('nextOpening')).toBe(true);
    expect(PERSONAL_PLACEHOLDERS.has('nextOpening')).toBe(false);
  });

  it('raises no diagnostic in a message, a task title or a first message', () => {
    const t = cleanTemplate();
    t.steps[1].message.text += ' We are open again {{nextOpening}}.';
    t.steps[2].message.title = 'Call back {{callerName|caller}} {{nextOpening|when open}}';
    t.trigger = { firstMessage: { voicemail: 'Thanks for your voicemail to {{businessName}}; we reply {{nextOpening}}. Reply here. Reply STOP to opt out.' } };
    expect(validateSequence(t)).toEqual([]);
  });

  it('does not make a "sorry we missed your call" text personal', () => {
    const text = 'Sorry we missed your call! {{businessName}} is open again {{nextOpening}}.';
    expect(isGeneric(text)).toBe(true);
    const t = cleanTemplate();
    t.steps[0].message.text = `${text} Reply here. Reply STOP to opt out.`;
    expect(validateSequence(t).map((d) => d.code)).toEqual(['GENERIC_TEXT']);
  });
});
