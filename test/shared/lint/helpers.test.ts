import { describe, expect, it } from 'vitest';
import {
  findPlaceholders,
  fingerprint,
  formatMinutes,
  hasNextStep,
  hasOptOut,
  isGeneric,
  jaccard,
  jaccardIds,
  stepOffsets,
  tokenize,
} from '../../../shared/lint';

describe('findPlaceholders', () => {
  it.each([
    ['Hi {{callerFirstName|there}}!', [['callerFirstName', 'there']]],
    ['{{ businessName }} and {{agentName}}', [['businessName', null], ['agentName', null]]],
    ['{{department|the front desk}}', [['department', 'the front desk']]],
    ['no {placeholders} here {{', []],
    ['{{}}', [['', null]]],
    ['escaped \\{{callerName}} is literal', []],
    ['{{ two words }}', [['', null]]],
  ])('parses %j', (text, expected) => {
    expect(findPlaceholders(text).map((p) => [p.name, p.fallback])).toEqual(expected);
  });
});

describe('stepOffsets', () => {
  it('resolves "previous" from the step above and "call" absolutely', () => {
    const steps = [
      { id: 'a', delay: { minutes: 5, from: 'previous' as const } },
      { id: 'b', delay: { minutes: 60, from: 'previous' as const } },
      { id: 'c', delay: { minutes: 30, from: 'call' as const } },
      { id: 'd', delay: { minutes: 10, from: 'previous' as const } },
    ];
    expect(stepOffsets({ steps }).map((o) => o.minutes)).toEqual([5, 65, 30, 40]);
  });
});

describe('text checks', () => {
  it.each([
    ['Reply STOP to opt out', true],
    ['Text STOP to unsubscribe', true],
    ['STOP to end', true],
    ['reply "stop" to cancel', true],
    ['To opt-out, reply here', true],
    ['Please stop by our shop', false],
    ['Reply YES for a call', false],
    // Spanish and French
    ['Responda STOP para no recibir más mensajes', true],
    ['Responde stop', true],
    ['Envíe BAJA', true],
    ['Envie "baja" para cancelar', true],
    ['Escriba ALTO', true],
    ['Para darse de baja, responda aquí', true],
    ['Si no desea recibir más, responda con STOP', true],
    ['Répondez STOP', true],
    ['Textez ARRET', true],
    ['Répondez « ARRÊT »', true],
    ['Pour vous désabonner, répondez ici', true],
    ['Responda aquí con su horario', false],
    ['Ventas: alto volumen de llamadas', false],
    ['Répondez à ce message', false],
    ['Nous vous rappelons bientôt', false],
  ])('hasOptOut(%j) is %s', (text, ok) => {
    expect(hasOptOut(text)).toBe(ok);
  });

  const biz = { name: 'Acme', callbackNumber: '555-0100' };
  it.each([
    ['Reply with a good time', true],
    ['Call us any time', true],
    ['Book at {{callbackLink}}', true],
    ['Ring 555-0100', true],
    ['See https://acme.example.com', true],
    ['We missed your call. Reply STOP to opt out', false],
    ['Thanks for your call', false],
    // Spanish and French
    ['Responda aquí con una hora', true],
    ['Llámenos cuando pueda', true],
    ['Llame al consultorio', true],
    ['Reserve su cita en línea', true],
    ['Agende una visita', true],
    ['Escríbanos', true],
    ['Répondez à ce message', true],
    ['Appelez-nous', true],
    ['Rappelez-nous demain', true],
    ['Réservez en ligne', true],
    ['Écrivez-nous', true],
    ['Responda STOP para no recibir más mensajes', false],
    ['Le llamaremos pronto', false],
    ['Répondez STOP pour vous désabonner', false],
    ['Nous vous rappellerons', false],
  ])('hasNextStep(%j) is %s', (text, ok) => {
    expect(hasNextStep(text, biz)).toBe(ok);
  });

  it.each([
    ['Sorry we missed your call!', true],
    ['We apologize that we missed you', true],
    ['Sorry we missed your call, {{callerFirstName}}', false],
    ['Thanks for calling {{businessName}}', false],
    // Spanish and French
    ['Lo sentimos, perdimos su llamada.', true],
    ['Disculpe, no pudimos atender su llamada', true],
    ['Perdimos tu llamada', true],
    ["Désolés d'avoir manqué votre appel", true],
    ['Nous avons manqué votre appel', true],
    ['Nous sommes désolés de ne pas avoir pu répondre', true],
    ['Lo sentimos, perdimos su llamada, {{callerFirstName}}.', false],
    ["Désolés d'avoir manqué votre appel à {{department}}", false],
    ['Lo sentimos. Le llamaremos pronto.', false],
    ['Gracias por llamar a {{businessName}}', false],
  ])('isGeneric(%j) is %s', (text, generic) => {
    expect(isGeneric(text)).toBe(generic);
  });
});

describe('text similarity', () => {
  it('tokenizes case- and punctuation-insensitively with placeholder tokens', () => {
    expect(tokenize('Hi, {{callerName|you}}! Call US.')).toEqual(['hi', 'ph_callername', 'call', 'us']);
  });

  it.each([
    ['a b c d', 'a b c d', 1],
    ['a b c d', 'a b c e', 3 / 5],
    ['a b', 'c d', 0],
    ['', '', 1],
  ])('jaccard(%j, %j) = %d on sets and on fingerprints', (a, b, j) => {
    expect(jaccard(new Set(tokenize(a)), new Set(tokenize(b)))).toBeCloseTo(j);
    const dict = new Map<string, number>();
    expect(jaccardIds(fingerprint(a, dict).ids, fingerprint(b, dict).ids)).toBeCloseTo(j);
  });

  it('caps tokens so long texts stay cheap', () => {
    expect(tokenize('w '.repeat(1000)).length).toBe(300);
  });
});

describe('formatMinutes', () => {
  it.each([
    [0, '0 min'],
    [90, '1 h 30 min'],
    [2880, '2 d'],
    [8641, '6 d 1 min'],
  ])('%i → %s', (m, s) => {
    expect(formatMinutes(m)).toBe(s);
  });
});
