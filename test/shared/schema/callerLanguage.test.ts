import { describe, expect, it } from 'vitest';
import { callerLanguage, callerLanguages, isLanguage } from '../../../shared/schema';
import { bilingual } from '../../../shared/templates';

describe('callerLanguage', () => {
  it('takes the contact’s preference first, then the department’s language, then the template’s', () => {
    expect(callerLanguage(bilingual, 'Office', 'es')).toBe('es');
    expect(callerLanguage(bilingual, 'Español', 'en')).toBe('en');
    expect(callerLanguage(bilingual, 'Español', 'fr')).toBe('fr');
    expect(callerLanguage(bilingual, 'Español', null)).toBe('es');
    expect(callerLanguage(bilingual, 'Office')).toBe('en');
    expect(callerLanguage({ ...bilingual, language: 'fr' }, null, undefined)).toBe('fr');
  });

  it('ignores a preference it does not know, and without a template answers the preference, else English', () => {
    expect(callerLanguage(bilingual, 'Español', 'de')).toBe('es');
    expect(callerLanguage(bilingual, 'Office', 'ES')).toBe('en');
    expect(callerLanguage(null, 'Español', 'es')).toBe('es');
    expect(callerLanguage(null, 'Español', null)).toBe('en');
  });

  it('isLanguage knows en, es and fr only', () => {
    expect(['en', 'es', 'fr', 'de', 'EN', '', null, 1].map(isLanguage)).toEqual([true, true, true, false, false, false, false, false]);
  });
});

describe('callerLanguages', () => {
  it('lists the preference, the department’s language and the template’s, best first and each once', () => {
    expect(callerLanguages(bilingual, 'Español', 'fr')).toEqual(['fr', 'es', 'en']);
    expect(callerLanguages(bilingual, 'Español', 'en')).toEqual(['en', 'es']);
    expect(callerLanguages(bilingual, 'Español', null)).toEqual(['es', 'en']);
    expect(callerLanguages(bilingual, 'Office', 'xx')).toEqual(['en']);
  });
});
