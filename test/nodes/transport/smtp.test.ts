import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { header, startSmtp } from './smtpServer';
import { closeSmtpTransports, sendSmtpMail, type SmtpConfig } from '../../../nodes/transport/smtp';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let cfg: SmtpConfig;
beforeAll(async () => {
  smtp = await startSmtp();
  cfg = { host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer', password: 'secret', from: '"Brightside Plumbing" <hello@brightside.example.com>' };
});
afterAll(async () => {
  closeSmtpTransports();
  await smtp.close();
});
beforeEach(() => {
  smtp.received.length = 0;
});

describe('sendSmtpMail against a real SMTP server', () => {
  it('delivers subject, text, html and a List-Unsubscribe header', async () => {
    const r = await sendSmtpMail(cfg, {
      to: 'dana@example.com',
      subject: 'Your call to Brightside Plumbing',
      text: 'Hi Dana,\nPick a time: https://brightside.example.com/book',
      html: '<p>Hi Dana</p>',
      listUnsubscribe: ['mailto:help@brightside.example.com?subject=unsubscribe', 'https://brightside.example.com/u/1'],
      oneClick: true,
    });
    expect(r.accepted).toEqual(['dana@example.com']);
    const m = smtp.received[0]!;
    expect(m.subject).toBe('Your call to Brightside Plumbing');
    expect(m.text?.trim()).toBe('Hi Dana,\nPick a time: https://brightside.example.com/book');
    expect(m.html).toContain('<p>Hi Dana</p>');
    expect(m.from?.value[0]).toMatchObject({ address: 'hello@brightside.example.com', name: 'Brightside Plumbing' });
    expect(header(m, 'list-unsubscribe')).toBe('<mailto:help@brightside.example.com?subject=unsubscribe>, <https://brightside.example.com/u/1>');
    expect(header(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(m.messageId).toBe(r.messageId);
  });

  it('omits the one-click header without an https address', async () => {
    await sendSmtpMail(cfg, { to: 'dana@example.com', subject: 's', text: 't', listUnsubscribe: ['mailto:stop@example.com'], oneClick: true });
    expect(header(smtp.received[0]!, 'list-unsubscribe-post')).toBeUndefined();
    expect(header(smtp.received[0]!, 'list-unsubscribe')).toBe('<mailto:stop@example.com>');
  });

  it.each([
    ['a wrong password', { password: 'nope' }, 'dana@example.com', 535],
    ['a rejected recipient', {}, 'x@rejected.example', 550],
  ])('throws with the SMTP response code on %s', async (_n, over, to, code) => {
    await expect(sendSmtpMail({ ...cfg, ...over }, { to, subject: 's', text: 't' })).rejects.toMatchObject({ responseCode: code });
    expect(smtp.received).toHaveLength(0);
  });
});
