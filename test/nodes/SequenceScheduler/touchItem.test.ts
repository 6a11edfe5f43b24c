import { describe, expect, it } from 'vitest';
import type { Enrollment, Touch } from '../../../nodes/ledger/Ledger';
import { stepOf, storedTemplate, touchItem } from '../../../nodes/SequenceScheduler/touchItem';
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

describe('the scheduler item of a touch', () => {
  it('carries copies of the shared, frozen template parts, free to change downstream', () => {
    const t = storedTemplate(JSON.parse(JSON.stringify(fourTouch)))!;
    const step = stepOf(t, fourTouch.steps[0]!.id)!;
    const touch = { id: 't1', enrollmentId: 'e1', stepId: step.id, phone: '+13055550100', dueAt: 0, channel: 'sms', claims: 1 } as unknown as Touch;
    const item = touchItem(touch, step, t, { callEvent: null } as unknown as Enrollment, null);
    const itemStep = item.step as Record<string, unknown>;
    const business = (item.template as Record<string, Record<string, unknown>>).business!;
    expect(itemStep).toEqual(step);
    expect(Object.isFrozen(step)).toBe(true);
    itemStep.id = 'changed';
    business.name = 'Changed';
    expect(stepOf(storedTemplate(JSON.parse(JSON.stringify(fourTouch)))!, fourTouch.steps[0]!.id)!.id).toBe(fourTouch.steps[0]!.id);
    expect(t.business.name).toBe(fourTouch.business.name);
  });
});
