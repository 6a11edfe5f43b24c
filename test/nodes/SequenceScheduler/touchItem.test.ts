import { describe, expect, it } from 'vitest';
import { stepOf, storedTemplate } from '../../../nodes/SequenceScheduler/touchItem';
import { fourTouch } from '../../../shared/templates';

describe('the stored template of an enrollment', () => {
  it('parses a stored template and finds each of its steps by id', () => {
    const t = storedTemplate(JSON.parse(JSON.stringify(fourTouch)))!;
    expect(t.id).toBe('four-touch');
    expect(fourTouch.steps.map((s) => stepOf(t, s.id)?.channel)).toEqual(['sms', 'email', 'callback_task', 'sms']);
    expect(stepOf(t, 'missing')).toBeNull();
  });

  it.each([[null], [{ id: 'x' }], ['text']])('refuses %j as a template', (raw) => {
    expect(storedTemplate(raw)).toBeNull();
  });
});
