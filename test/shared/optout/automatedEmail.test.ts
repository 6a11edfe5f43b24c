import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { automatedEmail, headerValues } from '../../../shared/optout';
import { asN8nItem, exchangeNdr, gmailBounce, postfixBounce, postfixDelay, vacationReply } from './automatedEmailSamples';

const ORIGINAL = '<6f1c2a90-3b7e-4d7e-9d0a-2f5b8e1c4a77@brightside.example.com>';
const TOUCH = 'b1e6f0d2-7c4a-4f5e-8a3b-9d2c1e0f4a6b';

/** automatedEmail of a raw email as the n8n Email Trigger gives it (Resolved format; attachments' text appended when asked). */
async function detect(raw: string, withAttachments = false) {
  const { json, attachments } = await asN8nItem(raw);
  const text = [json.text, ...(withAttachments ? attachments.map((a) => a.content.toString('utf8')) : [])].join('\n');
  return automatedEmail({ from: json.from, subject: json.subject, headers: json.headers, text });
}

describe('automatedEmail: bounces', () => {
  it('reads a Postfix bounce: status, code, recipient, and the returned message’s Message-ID and touch', async () => {
    expect(await detect(postfixBounce({ messageId: ORIGINAL, touchId: TOUCH }), true)).toEqual({
      kind: 'bounce',
      permanent: true,
      status: '5.1.1',
      smtpCode: 550,
      recipient: 'dana@example.com',
      originalMessageId: ORIGINAL,
      touchId: TOUCH,
    });
  });

  it('reads a Postfix bounce that returns only the headers (text/rfc822-headers)', async () => {
    const r = await detect(postfixBounce({ messageId: ORIGINAL, touchId: TOUCH, returned: 'headers' }), true);
    expect(r).toMatchObject({ kind: 'bounce', permanent: true, originalMessageId: ORIGINAL, touchId: TOUCH });
  });

  it('knows a Postfix bounce without its attachment, but not which message it returns', async () => {
    expect(await detect(postfixBounce({ messageId: ORIGINAL, touchId: TOUCH }))).toEqual({
      kind: 'bounce',
      permanent: true,
      status: '5.1.1',
      smtpCode: 550,
      recipient: 'dana@example.com',
      originalMessageId: null,
      touchId: null,
    });
  });

  it('reads Gmail’s “Mail Delivery Subsystem” bounce, the original from its report and In-Reply-To', async () => {
    expect(await detect(gmailBounce(ORIGINAL))).toEqual({
      kind: 'bounce',
      permanent: true,
      status: '5.1.1',
      smtpCode: 550,
      recipient: 'dana.lee.nope@gmail.com',
      originalMessageId: ORIGINAL,
      touchId: null,
    });
  });

  it('reads an Exchange Online NDR (not from a daemon: by X-MS-Exchange-Message-Is-Ndr)', async () => {
    expect(await detect(exchangeNdr(ORIGINAL))).toEqual({
      kind: 'bounce',
      permanent: true,
      status: '5.1.10',
      smtpCode: 550,
      recipient: 'dana@contoso.com',
      originalMessageId: ORIGINAL,
      touchId: null,
    });
  });

  it('reads a delay warning as not permanent (Action: delayed, 4.4.1, no SMTP code)', async () => {
    expect(await detect(postfixDelay)).toEqual({
      kind: 'bounce',
      permanent: false,
      status: '4.4.1',
      smtpCode: null,
      recipient: 'dana@example.com',
      originalMessageId: null,
      touchId: null,
    });
  });

  it.each([
    ['MAILER-DAEMON@mx.example.com (Mail Delivery System)'],
    ['"Mail Delivery System" <Mailer-Daemon@mx.example.com>'],
    ['postmaster@example.com'],
    ['Mail-Daemon@example.net'],
    ['MAILER-DAEMON (Mail Delivery System)'],
    [{ value: [{ address: 'mailer-daemon@googlemail.com', name: 'Mail Delivery Subsystem' }], text: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>' }],
  ])('knows a bounce by its sender %j alone', (from) => {
    expect(automatedEmail({ from, subject: 'hello', text: 'something' })).toMatchObject({ kind: 'bounce' });
  });

  it('knows a bounce by Content-Type multipart/report; report-type=delivery-status, in any form', () => {
    const from = 'bounces@mx.example.com';
    expect(automatedEmail({ from, headers: { 'Content-Type': 'multipart/report; report-type="delivery-status"; boundary=x' } })).toMatchObject({ kind: 'bounce' });
    expect(automatedEmail({ from, headers: { 'content-type': { value: 'multipart/report', params: { 'report-type': 'delivery-status', boundary: 'x' } } } })).toMatchObject({ kind: 'bounce' });
    // Exchange's NDR header alone (an empty value: present)
    expect(automatedEmail({ from: 'Microsoft Outlook <MicrosoftExchange329e@contoso.example>', subject: 'Undeliverable: hi', headers: { 'X-MS-Exchange-Message-Is-Ndr': '' } })).toMatchObject({ kind: 'bounce', permanent: true });
    // a read receipt is a report too, but no bounce
    expect(automatedEmail({ from, headers: { 'content-type': 'multipart/report; report-type=disposition-notification' } })).toBeNull();
  });

  it.each([
    ['Undelivered Mail Returned to Sender', true],
    ['Delivery Status Notification (Failure)', true],
    ['Delivery Status Notification (Delay)', false],
    ['Mail delivery failed: returning message to sender', true],
    ['Undeliverable: Your call', true],
    ['Returned mail: see transcript for details', true],
    ['failure notice', true],
    ['Delivery has failed to these recipients or groups', true],
  ])('knows a bounce by an automated header and the subject %j (permanent %s without a status)', (subject, permanent) => {
    const r = automatedEmail({ from: 'it-notices@example.com', subject, headers: { 'Auto-Submitted': 'auto-replied' }, text: 'Your message could not be delivered.' });
    expect(r).toMatchObject({ kind: 'bounce', permanent, status: null, smtpCode: null });
  });

  it('reads "550-5.1.1" (an SMTP continuation line), "#550 5.1.1" and a lone 4xx code', () => {
    const from = 'mailer-daemon@x.example';
    expect(automatedEmail({ from, text: 'The server said: 550-5.1.1 The email account does not exist' })).toMatchObject({ status: '5.1.1', smtpCode: 550, permanent: true });
    expect(automatedEmail({ from, text: '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##' })).toMatchObject({ status: '5.1.1', smtpCode: 550 });
    expect(automatedEmail({ from, text: 'Diagnostic-Code: smtp; 452 mailbox full' })).toMatchObject({ status: null, smtpCode: 452, permanent: false });
    expect(automatedEmail({ from, text: 'Final-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 4.4.7' })).toMatchObject({ permanent: true, status: '4.4.7' });
    expect(automatedEmail({ from, subject: 'Hello', text: 'nothing to read' })).toMatchObject({ permanent: null, status: null, smtpCode: null, recipient: null });
  });

  it('reads the quoted original from ">"-quoted lines and the touch header in any case', () => {
    const text = '> From: hello@brightside.example.com\n> message-id: <q1@brightside.example.com>\n> x-missed-call-touch: t-42\n> Hi Dana';
    expect(automatedEmail({ from: 'postmaster@x.example', text })).toMatchObject({ originalMessageId: '<q1@brightside.example.com>', touchId: 't-42' });
  });

  it('takes the original’s Message-ID from In-Reply-To, else the first of References, when the text quotes none', () => {
    const from = 'postmaster@x.example';
    const refs = '<r1@brightside.example.com> <r2@brightside.example.com>';
    expect(automatedEmail({ from, headers: { 'In-Reply-To': 'In-Reply-To: <i1@brightside.example.com>', References: refs } })).toMatchObject({ originalMessageId: '<i1@brightside.example.com>' });
    expect(automatedEmail({ from, headers: { references: refs } })).toMatchObject({ originalMessageId: '<r1@brightside.example.com>' });
    expect(automatedEmail({ from, headers: { 'in-reply-to': '<i1@b.example>' }, text: 'Message-ID: <q@b.example>' })).toMatchObject({ originalMessageId: '<q@b.example>' });
  });

  it('reads no more than the first 64 KB of the text, quickly', () => {
    const filler = 'x'.repeat(70_000);
    const t0 = performance.now();
    const r = automatedEmail({ from: 'mailer-daemon@x.example', text: `${filler}\nStatus: 5.1.1\nX-Missed-Call-Touch: t1\n${'<a'.repeat(400_000)}` });
    expect(performance.now() - t0).toBeLessThan(500);
    expect(r).toMatchObject({ kind: 'bounce', status: null, touchId: null });
    expect(automatedEmail({ from: 'mailer-daemon@x.example', text: `${'y'.repeat(60_000)}\nStatus: 5.1.1` })).toMatchObject({ status: '5.1.1' });
  });
});

describe('automatedEmail: automatic replies', () => {
  it('knows a vacation auto-reply by Auto-Submitted: auto-replied', async () => {
    expect(await detect(vacationReply('I am on vacation until Dec 3 with limited access to email.'))).toEqual({ kind: 'auto_reply', via: 'auto_submitted' });
  });

  it.each([
    [{ 'Auto-Submitted': 'auto-generated' }, 'auto_submitted'],
    [{ 'AUTO-SUBMITTED': ['auto-replied; owner-email="dana@example.com"'] }, 'auto_submitted'],
    [{ precedence: 'auto_reply' }, 'precedence'],
    [{ Precedence: 'bulk' }, 'precedence'],
    [{ precedence: ['Precedence: junk'] }, 'precedence'],
    [{ 'X-Autoreply': 'yes' }, 'autoreply_header'],
    [{ 'x-autorespond': 'Away' }, 'autoreply_header'],
  ])('knows an automatic reply by %j', (headers, via) => {
    expect(automatedEmail({ from: 'Dana Lee <dana@example.com>', subject: 'Re: your call', headers, text: 'Thanks!' })).toEqual({ kind: 'auto_reply', via });
  });

  it.each([
    ['Auto-Submitted: no (a person)', { 'Auto-Submitted': 'no' }, 'Re: your call'],
    ['an n8n header line saying no', { 'auto-submitted': 'Auto-Submitted: No' }, 'Re: your call'],
    ['Precedence: list (people write to lists)', { Precedence: 'list' }, 'Re: your call'],
    ['X-Auto-Response-Suppress (Outlook sets it on mail people write)', { 'X-Auto-Response-Suppress': 'All' }, 'Re: your call'],
    ['a subject that reads like a bounce, without automated headers', { 'Content-Type': 'text/plain' }, 'Undeliverable package?'],
    ['a person forwarding a bounce', {}, 'Fwd: Undeliverable: Your call'],
    ['no headers at all', undefined, 'Undelivered Mail Returned to Sender'],
  ])('sees a person’s reply in %s', (_, headers, subject) => {
    expect(automatedEmail({ from: 'Dana Lee <dana@example.com>', subject, headers, text: 'Undeliverable package? Call me, 550 5.1.1' })).toBeNull();
  });

  it('is not fooled by a sender that only starts like a daemon', () => {
    expect(automatedEmail({ from: 'postmaster.general@example.com', subject: 'Returned mail' })).toBeNull();
    expect(automatedEmail({ from: 'Mailer-Daemon Fan <fan@example.com>' })).toBeNull();
  });
});

describe('headerValues', () => {
  it('reads every value of a header in any case and form, without the name of an n8n header line', () => {
    const headers = { 'X-Missed-Call-Touch': 't1', 'x-missed-call-touch': ['X-Missed-Call-Touch: t2', 3], other: 'x' };
    expect(headerValues(headers, 'x-missed-call-touch')).toEqual(['t1', 't2', '3']);
    expect(headerValues({ 'content-type': 'Content-Type: multipart/report;\r\n\treport-type=delivery-status' }, 'content-type')).toEqual(['multipart/report; report-type=delivery-status']);
    expect(headerValues({ 'x-ms-exchange-message-is-ndr': '' }, 'x-ms-exchange-message-is-ndr')).toEqual(['']);
    expect(headerValues(['a'], 'a')).toEqual([]);
  });
});

describe('automatedEmail never throws', () => {
  it('on any input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (from, subject, headers, text) => {
        const r = automatedEmail({ from, subject, headers, text });
        expect(r === null || r.kind === 'bounce' || r.kind === 'auto_reply').toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('Auto-Submitted', 'precedence', 'Content-Type', 'from', 'in-reply-to', 'x-failed-recipients'), fc.anything()), fc.string(), (headers, text) => {
        automatedEmail({ from: 'mailer-daemon@x', headers, text });
      }),
    );
  });
});
