/** Test helpers: a real SMTP server (smtp-server) whose received mails are parsed with mailparser. */
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server (smtp-server) on 127.0.0.1 with AUTH; received mails parsed with mailparser. */
export async function startSmtp(user = 'mailer', pass = 'secret') {
  const received: ParsedMail[] = [];
  const envelopes: { from: string; to: string[] }[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _s, cb) {
      if (auth.username === user && auth.password === pass) cb(null, { user });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(addr, _s, cb) {
      if (addr.address.endsWith('@rejected.example')) cb(Object.assign(new Error('No such user'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((m) => {
          received.push(m);
          envelopes.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) });
          cb();
        })
        .catch(cb);
    },
    logger: false,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, received, envelopes, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A raw header value as it arrived (mailparser folds List-* headers into `list`). */
export function header(m: ParsedMail, key: string): string | undefined {
  const line = m.headerLines.find((h) => h.key === key)?.line;
  return line?.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim();
}

