import { describe, expect, it } from 'vitest';
import {
  base64UrlToBytes,
  decodeJwt,
  defaultClassifyText,
  headerValue,
  lookupPath,
  normalizeNumber,
  parseBody,
  parseForm,
  snakeReason,
  WebhookParseError,
} from '../../../shared/telephony';
import { fixture, fixtureJson } from './fixtures';

describe('normalizeNumber', () => {
  it.each([
    ['+44 330 818 6690', {}, '+443308186690'],
    ['+1 (415) 555-7777', {}, '+14155557777'],
    ['(415) 555-7777', {}, '+14155557777'],
    ['4155557777', {}, '+14155557777'],
    ['14155557777', {}, '+14155557777'],
    ['0044 20 7946 0000', {}, '+442079460000'],
    ['442079460000', { international: true }, '+442079460000'],
    ['442079460000', {}, '442079460000'],
    ['1001', {}, '1001'],
    ['1001', { international: true }, '1001'],
    ['0123456789', {}, '0123456789'],
    ['anonymous', {}, 'anonymous'],
    ['restricted', {}, 'restricted'],
    ['client:alice', {}, 'client:alice'],
    ['sip:100@example.com', {}, 'sip:100@example.com'],
    ['', {}, ''],
    ['+12', {}, '+12'],
  ] as const)('%s %j → %s', (raw, opts, want) => {
    expect(normalizeNumber(raw, opts)).toBe(want);
  });
});

describe('snakeReason', () => {
  it.each([
    ['no-answer', 'no_answer'],
    ['TargetBusy', 'busy'],
    ['BlindTransfer', 'blind_transfer'],
    ['Call Cancel', 'canceled'],
    ['cancelled', 'canceled'],
    ['unanswered', 'no_answer'],
    ['abandoned_in_ivr', 'abandoned_in_ivr'],
    ['  Hang Up ', 'hang_up'],
  ])('%s → %s', (raw, want) => expect(snakeReason(raw)).toBe(want));
});

describe('defaultClassifyText', () => {
  it.each([
    ['STOP', 'opt_out'],
    [' stop. ', 'opt_out'],
    ['Unsubscribe', 'opt_out'],
    ['STOPALL', 'opt_out'],
    ['quit!', 'opt_out'],
    ['start', 'opt_in'],
    ['UNSTOP', 'opt_in'],
    ['Help', 'help'],
    ['info', 'help'],
    ['stop calling me at work', 'reply'],
    ['Who is this?', 'reply'],
    ['', 'reply'],
  ])('"%s" → %s', (text, want) => expect(defaultClassifyText(text)).toBe(want));
});

describe('parseBody', () => {
  it.each([
    ['{"a":1}', undefined, 'json'],
    ['  {"a":1}\n', 'text/plain', 'json'],
    ['a=1&b=2', undefined, 'form'],
    ['{"a":1}', 'application/vnd.api+json; charset=utf-8', 'json'],
    ['', 'application/json', 'empty'],
    ['   ', undefined, 'empty'],
  ] as const)('%j with %s is %s', (body, type, format) => {
    expect(parseBody('test', body, type).format).toBe(format);
  });

  it('lets the content type win over sniffing', () => {
    expect(() => parseBody('test', 'a=1', 'application/json')).toThrow(WebhookParseError);
    expect(parseBody('test', '{"a":1}', 'application/x-www-form-urlencoded').data).toEqual({ '{"a":1}': '' });
  });

  it('decodes JWT bodies only when allowed', () => {
    const jwt = fixture('dialpad-call-missed-derived.jwt.txt');
    expect(parseBody('dialpad', jwt, undefined, true)).toMatchObject({ format: 'jwt', data: { state: 'missed' } });
    expect(() => parseBody('twilio', jwt)).toThrow(/only accepted from Dialpad/);
  });

  it('rejects arrays and non-objects', () => {
    expect(() => parseBody('test', [] as never)).toThrow(WebhookParseError);
    expect(() => parseBody('test', '"text"', 'application/json')).toThrow(/not an object/);
  });
});

describe('parseForm', () => {
  it('decodes + as space and %-escapes, keeps the first of repeated fields, keeps values untrimmed', () => {
    expect({ ...parseForm('t', 'Body=Stop+now%21&To=%2B1415&To=%2B9&Pad=+x+&Empty=&Flag') }).toEqual({ Body: 'Stop now!', To: '+1415', Pad: ' x ', Empty: '', Flag: '' });
  });

  it('stores a __proto__ field as data, never as the prototype', () => {
    const out = parseForm('t', '__proto__=x&polluted=1');
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(out['__proto__']).toBe('x');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('decodeJwt', () => {
  it('decodes header and payload without verifying', () => {
    const jwt = decodeJwt('dialpad', fixture('dialpad-call-missed-derived.jwt.txt'));
    expect(jwt.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(jwt.payload).toEqual(fixtureJson('dialpad-call-missed-derived.json'));
    expect(jwt.signingInput.split('.')).toHaveLength(2);
  });

  it.each(['a.b', 'a.b.c.d', '!!.b.c', 'e30.e30'])('rejects %s', (token) => {
    expect(() => decodeJwt('dialpad', token)).toThrow(WebhookParseError);
  });

  it('decodes UTF-8 base64url', () => {
    expect(new TextDecoder().decode(base64UrlToBytes('44OG44K544OI'))).toBe('テスト');
    expect(() => base64UrlToBytes('a')).toThrow();
  });
});

describe('lookupPath', () => {
  const obj = { data: { call: { id: 'c1', parties: [{ n: '1' }, { n: '2' }] } } };
  it.each([
    ['data.call.id', 'c1'],
    ['data.call.parties[1].n', '2'],
    ['data.call.parties[5].n', undefined],
    ['data.call.id.length', undefined],
    ['data.missing.deep', undefined],
    ['data.call.parties.length', undefined],
    ['data.call.hasOwnProperty', undefined],
  ])('%s → %s', (path, want) => expect(lookupPath(obj, path)).toBe(want));

  it.each(['__proto__', 'a.constructor', 'a.prototype.b', 'a..b', 'a[x]', '', 'a.[0]'])('rejects the path %j', (path) => {
    expect(() => lookupPath(obj, path)).toThrow(expect.objectContaining({ code: 'INVALID_MAPPING' }));
  });
});

describe('headerValue', () => {
  it('matches names case-insensitively and takes the first of repeated values', () => {
    expect(headerValue({ 'Validation-Token': 'a' }, 'validation-token')).toBe('a');
    expect(headerValue({ 'x-a': ['1', '2'] }, 'X-A')).toBe('1');
    expect(headerValue({ 'x-a': '' }, 'x-a')).toBeNull();
    expect(headerValue(undefined, 'x-a')).toBeNull();
  });
});
