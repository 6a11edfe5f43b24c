import { describe, expect, it } from 'vitest';
import { normalizeInbound } from '../../../shared/optout';

describe('normalizeInbound', () => {
  it.each([
    ['Who is this?? STOP 🛑', 'who is this stop', ['who is this', 'stop']],
    ["Don't   TEXT me!", 'dont text me', ['dont text me']],
    ['OPT-OUT', 'opt out', ['opt out']],
    ['Stop - John', 'stop john', ['stop', 'john']],
    ['Stop—John', 'stop john', ['stop', 'john']],
    ['Arrêt', 'arret', ['arret']],
    ['NO MÁS', 'no mas', ['no mas']],
    ['line one\nline two', 'line one line two', ['line one', 'line two']],
    ['ＳＴＯＰ', 'stop', ['stop']],
    ['a\u00a0b\tc', 'a b c', ['a b c']],
    ['', '', []],
    ['?!…', '', []],
    ['stop f***ing texting', 'stop fing texting', ['stop fing texting']],
    ['Wrong #!', 'wrong number', ['wrong number']],
    ['call #2 at 5', 'call 2 at 5', ['call', '2 at 5']],
  ])('%j → %j', (text, flat, clauses) => {
    expect(normalizeInbound(text)).toMatchObject({ flat, clauses });
  });
});

describe('normalizeInbound: spelled-out words', () => {
  it.each([
    ['S T O P', 'stop'],
    ['s.t.o.p', 'stop'],
    ['a b\tc', 'abc'],
    ['stop now', null],
    ['a b', null],
  ])('%j spells %j', (text, spelled) => {
    expect(normalizeInbound(text).spelled).toBe(spelled);
  });
});
