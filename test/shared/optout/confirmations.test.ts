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

describe('confirmations in Spanish and French (the language the caller’s texts were in)', () => {
  it('confirms a STOP in Spanish and French', () => {
    expect(stopConfirmation('Casa Verde', 'es')).toBe('Se dio de baja de los mensajes de Casa Verde. No le enviaremos mensajes nuevos. Responda START para volver a suscribirse.');
    expect(stopConfirmation('Plomberie Laval', 'fr')).toBe('Désabonnement confirmé: vous ne recevrez plus de textos de Plomberie Laval. Répondez START pour vous réabonner.');
    expect(stopConfirmation(' ', 'es')).toContain('mensajes de este programa.');
  });

  it('answers HELP in Spanish and French, with the frequency line when it fits', () => {
    expect(helpResponse({ businessName: 'Casa Verde', supportPhone: '(713) 555-0140', lang: 'es' })).toBe(
      'Casa Verde mensajes: ayuda en (713) 555-0140. Frecuencia variable. Pueden aplicarse tarifas de mensajes y datos. Responda STOP para cancelar.',
    );
    expect(helpResponse({ businessName: 'Casa Verde', supportPhone: '(713) 555-0140', supportEmail: 'hola@casaverde.example.com', lang: 'es' })).toContain('ayuda en (713) 555-0140 o hola@casaverde.example.com.');
    expect(helpResponse({ businessName: 'Plomberie Laval', supportPhone: '(450) 555-0100', lang: 'fr' })).toBe(
      "Plomberie Laval textos: aide au (450) 555-0100. Fréquence variable. Des frais de messagerie peuvent s'appliquer. Répondez STOP pour vous désabonner.",
    );
  });

  it.each(['es', 'fr'] as const)('stays one GSM-7 segment in %s whatever the name and contacts (property)', (lang) => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 40 }), (name, phone) => {
        expect(smsEncoding(stopConfirmation(name, lang))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
        const help = helpResponse({ businessName: name, supportPhone: `+1 ${phone.replace(/[^\d ]/g, '')}0`, lang });
        expect(smsEncoding(help)).toMatchObject({ encoding: 'GSM-7' });
        expect(help).toContain('STOP');
      }),
    );
  });
});
