import { describe, expect, it } from 'vitest';
import { bounceSuppresses, suppressionCode, type BounceSuppressionReason } from '../../../shared/delivery';
import { automatedEmail, type BounceEmail } from '../../../shared/optout';
import { asN8nItem, exchangeNdr, gmailBounce, postfixBounce, postfixDelay } from '../optout/automatedEmailSamples';

const ORIGINAL = '<6f1c2a90-3b7e-4d7e-9d0a-2f5b8e1c4a77@brightside.example.com>';

/** The bounce automatedEmail reads from a raw email as the n8n Email Trigger gives it. */
async function bounceOf(raw: string): Promise<BounceEmail> {
  const { json } = await asN8nItem(raw);
  const r = automatedEmail({ from: json.from, subject: json.subject, headers: json.headers, text: json.text });
  if (r?.kind !== 'bounce') throw new Error('not a bounce');
  return r;
}

describe('bounceSuppresses: permanent bounces, by the enhanced status', () => {
  it.each<[string, string, number | null, BounceSuppressionReason]>([
    // Gmail, Postfix, Exchange: the mailbox or the domain does not exist
    ['550 5.1.1 The email account that you tried to reach does not exist', '5.1.1', 550, 'bad_address'],
    ['550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', '5.1.10', 550, 'bad_address'],
    ['Host or domain name not found. Name service error for name=contoso.invalid type=A', '5.1.2', null, 'bad_address'],
    ['553 5.1.3 The recipient address <dana@@example.com> is not a valid RFC 5321 address', '5.1.3', 553, 'bad_address'],
    ['550 5.2.1 The email account that you tried to reach is disabled', '5.2.1', 550, 'mailbox_disabled'],
    ['Postfix: Host or domain name not found (Status: 5.4.4)', '5.4.4', null, 'unroutable'],
    // Exchange Online's Directory-Based Edge Blocking: the recipient is not in the directory
    ['550 5.4.1 Recipient address rejected: Access denied', '5.4.1', 550, 'permanent_status'],
    ['550 5.5.0 Requested action not taken: mailbox unavailable', '5.5.0', 550, 'permanent_status'],
    ['550 5.3.0 Mailbox no longer accepts mail', '5.3.0', 550, 'permanent_status'],
  ])('suppresses %s', (_reply, status, code, reason) => {
    expect(bounceSuppresses({ permanent: true, status, smtpCode: code })).toEqual({ suppress: true, reason, status, code });
  });

  it.each<[string, string, number | null, BounceSuppressionReason]>([
    // about us, not the address: policy, spam, authentication
    ['550 5.7.1 Service unavailable, Client host [203.0.113.9] blocked using Spamhaus', '5.7.1', 550, 'policy'],
    ['550 5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users', '5.7.26', 550, 'policy'],
    ['554 5.7.9 Message not accepted for policy reasons', '5.7.9', 554, 'policy'],
    ['535 5.7.8 Username and Password not accepted', '5.7.8', 535, 'policy'],
    ['550 5.7.606 Access denied, banned sending IP', '5.7.606', 550, 'policy'],
    // our own sender address
    ['553 5.1.8 <hello@brightside.example.com>: Sender address rejected: Domain not found', '5.1.8', 553, 'sender_address'],
    ['501 5.1.7 Bad sender address syntax', '5.1.7', 501, 'sender_address'],
    // this message, or the mailbox for now
    ['552 5.2.2 The email account that you tried to reach is over quota', '5.2.2', 552, 'mailbox_full'],
    ['552 5.3.4 Message size exceeds fixed maximum message size', '5.3.4', 552, 'message_too_big'],
    ['552 5.2.3 Message exceeds local size limit', '5.2.3', 552, 'message_too_big'],
    ['554 5.6.0 Corrupt message content', '5.6.0', 554, 'content'],
    ['550 5.4.7 Delivery expired (message too old)', '5.4.7', 550, 'expired'],
    // Postfix gave up retrying (Action: failed) on a temporary failure
    ['Action: failed / Status: 4.4.7 (delivery temporarily suspended)', '4.4.7', null, 'transient_status'],
    ['Action: failed / Status: 4.2.2 (mailbox full, retried for 5 days)', '4.2.2', 452, 'transient_status'],
  ])('keeps the address after %s', (_reply, status, code, reason) => {
    expect(bounceSuppresses({ permanent: true, status, smtpCode: code })).toEqual({ suppress: false, reason, status, code });
  });
});

describe('bounceSuppresses: without an enhanced status, by the SMTP code', () => {
  it.each([550, 551, 553])('%i names the mailbox: suppresses, also when permanence is only inferred from the mailer daemon', (code) => {
    expect(bounceSuppresses({ permanent: true, status: null, smtpCode: code })).toEqual({ suppress: true, reason: 'address_code', status: null, code });
    expect(bounceSuppresses({ permanent: null, status: null, smtpCode: code }, { reportedByDaemon: true })).toMatchObject({ suppress: true, reason: 'address_code' });
  });

  it('554 (Yahoo’s “delivery error: dd This user doesn’t have an account”) suppresses only on a bounce that says it failed', () => {
    expect(bounceSuppresses({ permanent: true, status: null, smtpCode: 554 })).toMatchObject({ suppress: true, reason: 'permanent_code', code: 554 });
    expect(bounceSuppresses({ permanent: null, status: null, smtpCode: 554 }, { reportedByDaemon: true })).toMatchObject({ suppress: false, reason: 'unclear_code' });
  });

  it('552 (storage allocation exceeded) never suppresses; a 4xx never', () => {
    expect(bounceSuppresses({ permanent: true, status: null, smtpCode: 552 })).toMatchObject({ suppress: false, reason: 'mailbox_full' });
    expect(bounceSuppresses({ permanent: true, status: null, smtpCode: 452 })).toMatchObject({ suppress: false, reason: 'transient_status' });
  });

  it('with neither status nor code, only a bounce that says it failed', () => {
    expect(bounceSuppresses({ permanent: true, status: null, smtpCode: null })).toEqual({ suppress: true, reason: 'permanent', status: null, code: null });
    expect(bounceSuppresses({ permanent: null, status: null, smtpCode: null }, { reportedByDaemon: true })).toMatchObject({ suppress: false, reason: 'no_evidence' });
  });
});

describe('bounceSuppresses: permanence', () => {
  it('a delay or a success notice never suppresses, whatever its status says', () => {
    expect(bounceSuppresses({ permanent: false, status: '4.4.1', smtpCode: null })).toEqual({ suppress: false, reason: 'not_permanent', status: '4.4.1', code: null });
    expect(bounceSuppresses({ permanent: false, status: '5.1.1', smtpCode: 550 }, { reportedByDaemon: true })).toMatchObject({ suppress: false, reason: 'not_permanent' });
  });

  it('permanence not said counts only when a mailer daemon reported it', () => {
    expect(bounceSuppresses({ permanent: null, status: '5.1.1', smtpCode: 550 })).toMatchObject({ suppress: false, reason: 'permanence_unknown' });
    expect(bounceSuppresses({ permanent: null, status: '5.1.1', smtpCode: 550 }, { reportedByDaemon: false })).toMatchObject({ suppress: false, reason: 'permanence_unknown' });
    expect(bounceSuppresses({ permanent: null, status: '5.1.1', smtpCode: 550 }, { reportedByDaemon: true })).toMatchObject({ suppress: true, reason: 'bad_address' });
  });
});

describe('bounceSuppresses: malformed input', () => {
  it.each<[string, unknown, unknown]>([
    ['a status without its detail', '5.1', 550],
    ['a status of another class', '6.1.1', 550],
    ['a status in words', 'user unknown', 550],
    ['a status of the wrong type', 511, 550],
  ])('reads %s as no status', (_label, status, smtpCode) => {
    expect(bounceSuppresses({ permanent: true, status: status as string, smtpCode: smtpCode as number })).toMatchObject({ status: null, code: 550, reason: 'address_code' });
  });

  it('reads a code that is no SMTP reply code as none, and never throws', () => {
    for (const smtpCode of [5501, 55, 550.5, Number.NaN, '550' as unknown as number, null]) {
      expect(bounceSuppresses({ permanent: true, status: null, smtpCode }).code, String(smtpCode)).toBeNull();
    }
    expect(() => bounceSuppresses({} as never)).not.toThrow();
    expect(bounceSuppresses({} as never)).toMatchObject({ suppress: false, reason: 'permanence_unknown' });
  });

  it('normalizes a padded status: " 5.01.1 " is 5.1.1', () => {
    expect(bounceSuppresses({ permanent: true, status: ' 5.01.1 ', smtpCode: null })).toMatchObject({ suppress: true, status: '5.1.1' });
  });
});

describe('bounceSuppresses of real bounces (shared/optout automatedEmail)', () => {
  it('a Postfix “User unknown” bounce, Gmail’s “address not found” and Exchange’s RecipientNotFound suppress', async () => {
    expect(bounceSuppresses(await bounceOf(postfixBounce({ messageId: ORIGINAL, touchId: null })))).toMatchObject({ suppress: true, reason: 'bad_address', status: '5.1.1', code: 550 });
    expect(bounceSuppresses(await bounceOf(gmailBounce(ORIGINAL)))).toMatchObject({ suppress: true, reason: 'bad_address', status: '5.1.1' });
    expect(bounceSuppresses(await bounceOf(exchangeNdr(ORIGINAL)))).toMatchObject({ suppress: true, reason: 'bad_address', status: '5.1.10' });
  });

  it('a Postfix delay warning does not', async () => {
    expect(bounceSuppresses(await bounceOf(postfixDelay), { reportedByDaemon: true })).toMatchObject({ suppress: false, reason: 'not_permanent', status: '4.4.1' });
  });

  it('a mailer daemon’s bounce that blames our IP’s reputation does not', () => {
    const b = automatedEmail({
      from: 'MAILER-DAEMON@mx.brightside.example.com (Mail Delivery System)',
      subject: 'Undelivered Mail Returned to Sender',
      text: [
        'Final-Recipient: rfc822; dana@example.com',
        'Action: failed',
        'Status: 5.7.1',
        'Diagnostic-Code: smtp; 550 5.7.1 Service unavailable; client [203.0.113.9] blocked using zen.spamhaus.org',
      ].join('\n'),
    });
    expect(b && b.kind === 'bounce' ? bounceSuppresses(b) : null).toMatchObject({ suppress: false, reason: 'policy', status: '5.7.1', code: 550 });
  });
});

describe('suppressionCode', () => {
  it('is the enhanced status, else the SMTP code, else null', () => {
    expect(suppressionCode({ status: '5.1.1', code: 550 })).toBe('5.1.1');
    expect(suppressionCode({ status: null, code: 550 })).toBe('550');
    expect(suppressionCode({ status: null, code: null })).toBeNull();
  });
});
