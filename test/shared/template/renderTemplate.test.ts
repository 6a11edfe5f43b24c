import { describe, expect, it } from 'vitest';
import { DEFAULT_FALLBACKS_BY_LANGUAGE, ELLIPSIS, placeholdersIn, renderTemplate, sanitizeValue, smsEncoding, truncate } from '../../../shared/template';

const base = { businessName: 'Acme Plumbing', callerFirstName: 'Ana' };

describe('renderTemplate', () => {
  it.each([
    ['fills known placeholders', 'Hi {{callerFirstName}}, {{businessName}} here.', base, 'Hi Ana, Acme Plumbing here.'],
    ['allows whitespace inside the braces', 'Hi {{ callerFirstName }}!', base, 'Hi Ana!'],
    ['uses the inline fallback when the value is missing', 'Hi {{callerName|friend}}', base, 'Hi friend'],
    ['trims the inline fallback', 'Hi {{ callerName | dear caller }}', base, 'Hi dear caller'],
    ['uses the inline fallback when the value is blank', 'Hi {{callerFirstName|friend}}', { callerFirstName: ' \n ' }, 'Hi friend'],
    ['prefers the value over the inline fallback', 'Hi {{callerFirstName|friend}}', base, 'Hi Ana'],
    ['keeps an empty inline fallback as an explicit choice', 'Hi{{callerFirstName|}}!', {}, 'Hi!'],
    ['uses the default table for callerFirstName', 'Hi {{callerFirstName}}', {}, 'Hi there'],
    ['uses the default table for department', 'Call {{department}}', { department: null }, 'Call our team'],
    ['fills nextOpening', 'Open {{nextOpening}}.', { nextOpening: 'tomorrow at 8:00 AM' }, 'Open tomorrow at 8:00 AM.'],
    ['uses the default table for a blank nextOpening', 'Open again {{nextOpening}}.', { nextOpening: '' }, 'Open again soon.'],
    ['prefers the inline fallback of nextOpening', 'Open {{nextOpening|on Monday}}.', { nextOpening: '' }, 'Open on Monday.'],
    ['renders numbers', 'Ticket {{ticket}}', { ticket: 42 }, 'Ticket 42'],
    ['renders custom keys present in values', '{{promo}}', { promo: 'Spring' }, 'Spring'],
    ['renders \\{{ as literal braces', 'Use \\{{businessName}} to insert', base, 'Use {{businessName}} to insert'],
    ['leaves a lone }} alone', 'a }} b', base, 'a }} b'],
    ['keeps triple braces around a value', '{{{businessName}}}', base, '{Acme Plumbing}'],
    ['leaves malformed tokens as written', 'Hi {{first name}}', base, 'Hi {{first name}}'],
    ['leaves an unclosed token as written', 'Hi {{callerFirstName', base, 'Hi {{callerFirstName'],
    ['does not expand a value that looks like a placeholder', 'From {{callerName}}', { callerName: '{{businessName}}' }, 'From {{businessName}}'],
    ['does not expand an escaped-looking value', 'From {{callerName}}', { callerName: '\\{{x}}' }, 'From \\{{x}}'],
    ['does not expand an inline fallback', 'Hi {{callerName|x}}{{businessName}}', {}, 'Hi x'],
  ])('%s', (_name, template, values, expected) => {
    expect(renderTemplate(template, values).text).toBe(expected);
  });

  it.each([
    ['a known name with no value and no fallback is missing', '{{businessName}} says hi', {}, { missing: ['businessName'], unknown: [], text: ' says hi' }],
    ['a blank value with no fallback is missing', '{{callbackNumber}}', { callbackNumber: '   ' }, { missing: ['callbackNumber'], unknown: [] }],
    ['a typo is unknown and, without fallback, missing', '{{buisnessName}}', base, { missing: ['buisnessName'], unknown: ['buisnessName'] }],
    ['a typo with a fallback is unknown but not missing', '{{nmae|you}}', base, { missing: [], unknown: ['nmae'], text: 'you' }],
    ['a custom key in values is not unknown even when blank', '{{promo|x}}', { promo: '' }, { missing: [], unknown: [], text: 'x' }],
    ['Object prototype names are not values', '{{constructor}}{{__proto__}}', {}, { missing: ['constructor', '__proto__'], unknown: ['constructor', '__proto__'], text: '' }],
    ['names are reported once each', '{{agentName}} {{agentName}}', {}, { missing: ['agentName'], used: ['agentName'] }],
    ['used lists every name in order', '{{businessName}} {{callerFirstName}} {{businessName}}', base, { used: ['businessName', 'callerFirstName'] }],
    ['escaped tokens are not used', '\\{{businessName}}', {}, { used: [], missing: [] }],
    ['invalid tokens are reported', '{{ }} {{a b}} {{1x}}', {}, { invalid: ['{{ }}', '{{a b}}', '{{1x}}'], used: [] }],
  ])('%s', (_name, template, values, expected) => {
    expect(renderTemplate(template, values)).toMatchObject(expected);
  });

  it('knows nextOpening: never unknown, never missing (it has a default)', () => {
    expect(renderTemplate('{{nextOpening}}', {})).toMatchObject({ text: 'soon', unknown: [], missing: [], used: ['nextOpening'] });
  });

  it('replaces the default table when opts.defaults is given', () => {
    expect(renderTemplate('Hi {{callerFirstName}}', {}, { defaults: {} })).toMatchObject({ text: 'Hi ', missing: ['callerFirstName'] });
    expect(renderTemplate('Hi {{agentName}}', {}, { defaults: { agentName: 'Sam' } }).text).toBe('Hi Sam');
  });

  it.each([
    ['control characters are removed', 'Ana\u0000\u0007\u001b\u007f\u0085\u009b', 'Ana'],
    ['newlines collapse to one space', 'Ana\r\n\n  Maria', 'Ana Maria'],
    ['tabs and line separators become spaces', 'Ana\tB\u2028C', 'Ana B C'],
    ['bidi overrides are removed (spoofing)', 'Ana\u202egnp.exe', 'Anagnp.exe'],
    ['zero-width characters are removed', 'A\u200bn\u200da\ufeff', 'Ana'],
    ['lone surrogates are removed', 'A\ud800na\udc00', 'Ana'],
    ['decomposed accents are composed (NFC)', 'Jose\u0301', 'José'],
    ['surrounding whitespace is trimmed', '  \u00a0Ana\u3000 ', 'Ana'],
  ])('sanitizes values: %s', (_name, value, expected) => {
    expect(renderTemplate('{{callerName}}', { callerName: value }).text).toBe(expected);
  });

  it('drops the space before a comma or period when a placeholder renders empty, and nowhere else', () => {
    const r = (text: string, values = {}) => renderTemplate(text, values, { defaults: DEFAULT_FALLBACKS_BY_LANGUAGE.es }).text;
    expect(r('Hola {{callerFirstName}}, le habla {{businessName}}.', { businessName: 'Acme' })).toBe('Hola, le habla Acme.');
    expect(r('Gracias {{callerName}}. Hasta {{nextOpening}}.')).toBe('Gracias. Hasta pronto.');
    expect(r('Hola {{callerFirstName}} y bienvenido')).toBe('Hola  y bienvenido');
    expect(r('Hola {{callerFirstName}}, soy {{agentName|}}, de {{businessName}}.', { businessName: 'Acme' })).toBe('Hola, soy, de Acme.');
    expect(r('Hola {{callerFirstName}}, {{businessName}}', { callerFirstName: 'Dana', businessName: 'Acme' })).toBe('Hola Dana, Acme');
    // an empty inline fallback in English too; an empty value reported missing still renders empty
    expect(renderTemplate('Hi {{callerFirstName|}}, Acme here.', {}).text).toBe('Hi, Acme here.');
    expect(renderTemplate('Call {{agentName}}.', {})).toMatchObject({ text: 'Call.', missing: ['agentName'] });
    // one period where a value ends in one and the text goes on with its own
    expect(r('Abrimos {{nextOpening}}. Gracias.', { nextOpening: 'mañana a las 8:00 a.m.' })).toBe('Abrimos mañana a las 8:00 a.m. Gracias.');
    expect(r('Abrimos {{nextOpening}}, gracias.', { nextOpening: 'mañana a las 8:00 a.m.' })).toBe('Abrimos mañana a las 8:00 a.m., gracias.');
    // U+FFFF in the template itself is left alone when nothing was dropped
    expect(renderTemplate('a \uFFFF b', {}).text).toBe('a \uFFFF b');
  });

  it('caps a 10,000-character name at 100 code points with an ellipsis', () => {
    const r = renderTemplate('Hi {{callerName}}!', { callerName: 'x'.repeat(10_000) });
    expect(r.text).toBe(`Hi ${'x'.repeat(100 - ELLIPSIS.length)}${ELLIPSIS}!`);
  });

  it('gives callbackLink a longer cap than names', () => {
    const link = `https://example.com/cb?t=${'a'.repeat(300)}`;
    expect(renderTemplate('{{callbackLink}}', { callbackLink: link }).text).toBe(link);
  });

  it('honours per-name caps', () => {
    expect(renderTemplate('{{callerName}}', { callerName: 'Maximiliano' }, { maxLengths: { callerName: 8 } }).text).toBe('Maxim...');
    expect(renderTemplate('{{promo}}', { promo: 'abcdefghij' }, { maxLength: 5 }).text).toBe('ab...');
  });

  it('renders a 10,000-character template with 1,000 placeholders', () => {
    const template = '{{callerFirstName}} {{nope|x}} '.repeat(1_000);
    const r = renderTemplate(template, base);
    expect(r.text).toBe('Ana x '.repeat(1_000));
    expect(r.unknown).toEqual(['nope']);
  });

  it('handles pathological brace input in linear time', () => {
    const inputs = ['{{' + ' '.repeat(20_000), '{{a|' + ' '.repeat(20_000) + '}', '{'.repeat(20_000), '{{a'.repeat(7_000), '\\{{'.repeat(7_000)];
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) for (const s of inputs) renderTemplate(s, base);
    expect(performance.now() - t0).toBeLessThan(2_000); // generous: quadratic behaviour would take minutes
  });

  it('keeps a GSM template GSM when the ellipsis is added', () => {
    const r = renderTemplate('Hi {{callerName}}', { callerName: 'y'.repeat(500) });
    expect(smsEncoding(r.text).encoding).toBe('GSM-7');
  });
});

describe('placeholdersIn', () => {
  it.each([
    ['', []],
    ['no placeholders', []],
    ['{{a}} {{ b | x }} {{a}}', ['a', 'b']],
    ['\\{{a}} {{b}}', ['b']],
    ['{{a b}} {{}} {{c', []],
    ['{{callerFirstName|there}}, {{businessName}}', ['callerFirstName', 'businessName']],
  ])('%j → %j', (text, names) => {
    expect(placeholdersIn(text)).toEqual(names);
  });
});

describe('truncate and sanitizeValue', () => {
  it.each([
    ['abc', 3, 'abc'],
    ['abcd', 3, 'abc'],
    ['abcdef', 5, 'ab...'],
    ['ab    cdef', 6, 'ab...'],
    ['😀😀😀😀😀😀', 5, '😀😀...'],
    ['😀😀😀', 3, '😀😀😀'],
    ['😀😀😀😀', 2, '😀😀'],
    ['abc', 0, ''],
  ])('truncate(%j, %i) → %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it('sanitizes before capping so stripped characters do not count', () => {
    expect(sanitizeValue('\u0000'.repeat(50) + 'Ana', 5)).toBe('Ana');
  });
});
