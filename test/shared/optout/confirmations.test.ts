import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { helpResponse, stopConfirmation } from '../../../shared/optout';
import { smsEncoding } from '../../../shared/template';

describe('stopConfirmation', () => {
  it('confirms with the business name and how to resubscribe', () => {
    expect(stopConfirmation('Acme Plumbing')).toBe(
      "You're unsubscribed from Acme Plumbing texts. No more messages will be sent. Reply START to resubscribe.",
    );
  });

  it.each([
    ['folds accents that are not GSM-7 (é and Ñ are)', 'Raúl Café Ñandú', 'Raul Café Ñandu'],
    ['drops emoji', 'Acme 🔧 Plumbing', 'Acme Plumbing'],
    ['drops control characters and newlines', 'Acme\n\u0007Plumbing', 'Acme Plumbing'],
    ['uses "these" for a blank name', '  ', 'these'],
  ])('%s', (_name, businessName, shown) => {
    expect(stopConfirmation(businessName)).toContain(`from ${shown} texts.`);
  });

  it('shortens a long name with ... to stay in one segment', () => {
    const text = stopConfirmation('The Extraordinarily Long Named Plumbing, Heating, Cooling and Electrical Company of Greater Miami');
    expect(text).toMatch(/\.\.\. texts\. No more messages will be sent\. Reply START to resubscribe\.$/);
    expect(smsEncoding(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('is always one GSM-7 segment and offers START (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (name) => {
        const text = stopConfirmation(name);
        expect(smsEncoding(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
        expect(text).toContain('Reply START to resubscribe.');
      }),
    );
  });
});

describe('helpResponse', () => {
  it('carries program name, contact, rates, frequency and the opt-out instruction', () => {
    expect(helpResponse({ businessName: 'Acme', supportPhone: '(305) 555-0123' })).toBe(
      'Acme texts: help at (305) 555-0123. Msg freq varies. Msg&data rates may apply. Reply STOP to opt out.',
    );
  });

  it('lists both phone and email', () => {
    expect(helpResponse({ businessName: 'Acme', supportPhone: '+1 305 555 0123', supportEmail: 'help@acme.com' })).toContain(
      'help at +1 305 555 0123 or help@acme.com.',
    );
  });

  it.each([
    [{ businessName: 'Acme' }],
    [{ businessName: 'Acme', supportPhone: '', supportEmail: null }],
    [{ businessName: 'Acme', supportEmail: ' \n ' }],
  ])('refuses to build without a customer-care contact: %o', (input) => {
    expect(() => helpResponse(input)).toThrow(expect.objectContaining({ code: 'HELP_CONTACT_REQUIRED' }));
  });

  it('drops the frequency line, then shortens the name, to keep one segment', () => {
    const text = helpResponse({
      businessName: 'Acme Plumbing & Heating of Greater Miami-Dade',
      supportPhone: '(305) 555-0123',
      supportEmail: 'customer.support@acmeplumbingandheating.com',
    });
    expect(text).not.toContain('Msg freq varies');
    expect(text).toContain('...');
    expect(smsEncoding(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('always keeps the required lines (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /\w/.test(s)), (name, phone) => {
        const text = helpResponse({ businessName: name, supportPhone: phone });
        expect(text).toContain('Msg&data rates may apply.');
        expect(text).toContain('Reply STOP to opt out.');
        expect(text).toContain(' texts: help at ');
        expect(smsEncoding(text).encoding).toBe('GSM-7');
      }),
    );
  });
});
