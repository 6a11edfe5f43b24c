import { describe, expect, it } from 'vitest';
import { sensitiveDetail, validateSequence } from '../../../shared/lint';
import { SENSITIVE_INDUSTRIES } from '../../../shared/schema';
import { healthcareInformational, STARTER_TEMPLATES } from '../../../shared/templates';
import { cleanTemplate } from './fixtures';

describe('sensitiveDetail', () => {
  it.each([
    ['Your diagnosis is ready.', 'health', 'diagnosis'],
    ['Your lab  results are in.', 'health', 'lab results'],
    ['Your test result came back.', 'health', 'test result'],
    ['Your Prescription is ready for pickup.', 'health', 'Prescription'],
    ['About your medication: call us.', 'health', 'medication'],
    ['We can start treatment next week.', 'health', 'treatment'],
    ['Your balance is $120.', 'account', 'balance'],
    ['The amount due is listed online.', 'account', 'amount due'],
    ['Your invoice is past-due.', 'account', 'past-due'],
    ['Your account is overdue.', 'account', 'overdue'],
    ['You owe us a payment.', 'account', 'You owe'],
    ['About your debt with us.', 'account', 'debt'],
    ['Your payment due date is Friday.', 'account', 'payment due'],
    ['Confirm your account number.', 'account', 'account number'],
    ['Your card ending 4421 was declined.', 'account', 'card ending'],
    ['Your case number is 42.', 'case', 'case number'],
    ['Please have your claim # ready.', 'case', 'claim #'],
    ['About your lawsuit.', 'case', 'lawsuit'],
    ['Your court date moved.', 'case', 'court date'],
    ['About the criminal charges.', 'case', 'criminal charges'],
    ['You were charged with speeding.', 'case', 'charged with'],
    // the earliest detail in the text is named
    ['Past due: your balance.', 'account', 'Past due'],
    // a placeholder's fallback is text the caller may read
    ['Our {{department|past due accounts}} team will call.', 'account', 'past due'],
    // Spanish and French (translations)
    ['Su diagnóstico está listo.', 'health', 'diagnóstico'],
    ['Sus resultados de laboratorio llegaron.', 'health', 'resultados de laboratorio'],
    ["Vos résultats d'analyses sont prêts.", 'health', "résultats d'analyses"],
    ['Su receta está lista.', 'health', 'receta'],
    ['Votre ordonnance est prête.', 'health', 'ordonnance'],
    ['Sobre su medicamento: llámenos.', 'health', 'medicamento'],
    ['Votre traitement commence lundi.', 'health', 'traitement'],
    ['Su saldo es de $120.', 'account', 'saldo'],
    ['Votre solde est de 120 $.', 'account', 'Votre solde'],
    ['Sobre su deuda con nosotros.', 'account', 'deuda'],
    ['Tiene un pago vencido.', 'account', 'pago vencido'],
    ['Vous avez une facture en retard.', 'account', 'facture en retard'],
    ['El monto adeudado está en línea.', 'account', 'monto adeudado'],
    ['Confirme su número de cuenta.', 'account', 'número de cuenta'],
    ['Votre numéro de compte, svp.', 'account', 'numéro de compte'],
    ['Su número de caso es 42.', 'case', 'número de caso'],
    ['Votre numéro de dossier est 42.', 'case', 'numéro de dossier'],
    ['Sobre los cargos penales.', 'case', 'cargos penales'],
    ['Votre procès est reporté.', 'case', 'procès'],
    ['Cambió su fecha de audiencia.', 'case', 'fecha de audiencia'],
  ])('finds %j (%s: %s)', (text, kind, words) => {
    expect(sensitiveDetail(text)).toEqual({ kind, words });
  });

  it.each([
    'Our {{department}} will call you back during office hours.',
    'Our {{department|billing office}} will call you back.',
    'Due to the holiday we open late.',
    'In any case, reply here with a good time.',
    'Your account with us is all set: reply with a time that suits you.',
    'There is no charge for the call back.',
    'We are glad to help you find the right balanced plan.',
    'We treat every caller with care.',
    'Thanks for calling about your claim: reply with a good time.',
    'Reply with a day and time that works and we will call you then.',
    'Le llamaremos pronto: responda aquí con una hora.',
    'Soldes de printemps : appelez-nous.',
    'Accusé de réception : nous vous rappellerons.',
    'Su cuenta con nosotros está al día.',
  ])('finds nothing in %j', (text) => {
    expect(sensitiveDetail(text)).toBeNull();
  });
});

type T = ReturnType<typeof cleanTemplate>;
function sensitive(mutate: (t: T) => void, industry = 'financial') {
  const t = cleanTemplate();
  t.business.industry = industry as never;
  mutate(t);
  return validateSequence(t).filter((d) => d.code === 'SENSITIVE_DETAIL');
}

describe('SENSITIVE_DETAIL', () => {
  it('warns about a detail in an SMS of a sensitive-industry business, naming the step and the words, at the text field', () => {
    const d = sensitive((t) => (t.steps[0].message.text = 'Hi, this is {{businessName}} about your past due balance. Reply here. Reply STOP to opt out.'));
    expect(d).toEqual([{
      code: 'SENSITIVE_DETAIL',
      severity: 'warning',
      stepId: 's1',
      path: 'steps[0].message.text',
      message: 'Step 1 (s1): the message mentions "past due", an account detail. Texts and emails of a financial business must stay free of health, account and case details, since anyone may see them on a screen: say only who will get back to the caller and how to reach you.',
    }]);
  });

  it('stays silent for the same text of a general business', () => {
    expect(sensitive((t) => (t.steps[0].message.text = 'Hi, {{businessName}} here about your past due balance. Reply STOP to opt out.'), 'general')).toEqual([]);
  });

  it('checks email subjects and bodies, A/B variants and the first message per call class, each at its own field', () => {
    const d = sensitive((t) => {
      t.steps[0].message.variants = [{ id: 'b', text: 'Hi from {{businessName}}: your lab results are in. Reply STOP to opt out.' }];
      t.steps[1].message.subject = 'Your court date with {{businessName}}';
      t.steps[1].message.text = 'Pick a time to talk about your case number: {{callbackLink}}.';
      t.trigger = { firstMessage: { voicemail: 'Thanks for your voicemail to {{businessName}} about your prescription. Reply STOP to opt out.' } };
    }, 'legal');
    expect(d.map((x) => [x.stepId, x.path, x.message.slice(0, x.message.indexOf('.') + 1)])).toEqual([
      ['s1', 'steps[0].message.variants[0].text', 'Step 1 (s1): the message of Variant B mentions "lab results", a health detail.'],
      ['e1', 'steps[1].message.subject', 'Step 2 (e1): the subject mentions "court date", a case detail.'],
      ['e1', 'steps[1].message.text', 'Step 2 (e1): the body mentions "case number", a case detail.'],
      ['s1', 'trigger.firstMessage.voicemail', 'The first message for voicemail calls mentions "prescription", a health detail.'],
    ]);
    expect(d.every((x) => x.message.includes('of a legal business'))).toBe(true);
  });

  it('does not read callback tasks or agent notifications, which stay inside the business', () => {
    expect(sensitive((t) => (t.steps[2].message.title = 'Call back about the past due balance'), 'debt_collection')).toEqual([]);
  });

  it('leaves the healthcare starter free of every warning', () => {
    expect(validateSequence(healthcareInformational)).toEqual([]);
  });

  it.each(SENSITIVE_INDUSTRIES)('finds nothing in any starter’s texts were its industry %s', (industry) => {
    for (const starter of STARTER_TEMPLATES) {
      const d = validateSequence({ ...starter, business: { ...starter.business, industry } }).filter((x) => x.code === 'SENSITIVE_DETAIL');
      expect(d).toEqual([]);
    }
  });
});
