/**
 * A small SMTP server (node:net) whose answers can be scripted per connection: a 4xx/5xx reply at
 * MAIL, RCPT, DATA or after the end of data (EOD), a dropped connection at any of those stages, or a
 * reply held for a while. Mails the server acknowledged with 250 are `received`; mails whose data
 * arrived but whose 250 never went out (drop or hold at EOD) are `unacknowledged` — a client that
 * sent those again would deliver a duplicate.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type SmtpStage = 'MAIL' | 'RCPT' | 'DATA' | 'EOD';
export type SmtpFault = { stage: SmtpStage } & ({ reply: string } | { drop: true } | { holdMs: number });

export interface FaultySmtp {
  port: number;
  user: string;
  password: string;
  received: ParsedMail[];
  unacknowledged: ParsedMail[];
  /** one entry per connection: the faults it met (empty when none) */
  connections: { faults: SmtpFault[] }[];
  /** faults for the next connections, consumed one per connection, in order */
  script(...faults: SmtpFault[]): void;
  close(): Promise<void>;
}

/**
 * @example
 * const smtp = await startFaultySmtp('mailer', 'pw');
 * smtp.script({ stage: 'RCPT', reply: '451 4.3.0 Try again later' }); // the next mail meets a 451
 */
export async function startFaultySmtp(user: string, password: string): Promise<FaultySmtp> {
  const queue: SmtpFault[] = [];
  const sockets = new Set<Socket>();
  const s: FaultySmtp = {
    port: 0,
    user,
    password,
    received: [],
    unacknowledged: [],
    connections: [],
    script: (...f) => void queue.push(...f),
    close: () =>
      new Promise<void>((r) => {
        for (const k of sockets) k.destroy();
        server.close(() => r());
      }),
  };

  const server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
    const fault = queue.shift();
    s.connections.push({ faults: fault ? [fault] : [] });
    let buf = '';
    let inData = false;
    let data: string[] = [];
    let authLogin: 0 | 1 | 2 = 0;
    let authUser = '';
    const send = (line: string) => {
      if (!sock.destroyed) sock.write(`${line}\r\n`);
    };
    /** applies the fault at `stage`; true when it answered (or dropped) instead of the normal reply */
    const faultAt = (stage: SmtpStage, normal: string, onHeld?: () => void): boolean => {
      if (!fault || fault.stage !== stage) return false;
      if ('drop' in fault) {
        onHeld?.();
        sock.destroy();
        return true;
      }
      if ('holdMs' in fault) {
        onHeld?.();
        setTimeout(() => send(normal), fault.holdMs);
        return true;
      }
      send(fault.reply);
      return true;
    };
    const onLine = (line: string) => {
      if (inData) {
        if (line !== '.') return void data.push(line.startsWith('..') ? line.slice(1) : line);
        inData = false;
        const raw = `${data.join('\r\n')}\r\n`;
        data = [];
        const acked = !faultAt('EOD', '250 2.0.0 OK queued', () => void simpleParser(raw).then((m) => s.unacknowledged.push(m)));
        if (!acked) return;
        void simpleParser(raw).then((m) => {
          s.received.push(m);
          send('250 2.0.0 OK queued');
        });
        return;
      }
      if (authLogin === 1) {
        authUser = Buffer.from(line, 'base64').toString('utf8');
        authLogin = 2;
        return send('334 UGFzc3dvcmQ6');
      }
      if (authLogin === 2) {
        authLogin = 0;
        const ok = authUser === user && Buffer.from(line, 'base64').toString('utf8') === password;
        return send(ok ? '235 2.7.0 Authentication successful' : '535 5.7.8 Authentication failed');
      }
      const [cmd = '', ...rest] = line.split(' ');
      switch (cmd.toUpperCase()) {
        case 'EHLO':
          send('250-faulty.smtp.test');
          send('250-AUTH PLAIN LOGIN');
          return send('250 8BITMIME');
        case 'HELO':
          return send('250 faulty.smtp.test');
        case 'AUTH': {
          const [mech, initial] = rest;
          if (mech?.toUpperCase() === 'LOGIN') {
            authLogin = 1;
            return send('334 VXNlcm5hbWU6');
          }
          const [, u, p] = Buffer.from(initial ?? '', 'base64').toString('utf8').split('\0');
          return send(u === user && p === password ? '235 2.7.0 Authentication successful' : '535 5.7.8 Authentication failed');
        }
        case 'MAIL':
          return void (faultAt('MAIL', '250 2.1.0 OK') || send('250 2.1.0 OK'));
        case 'RCPT':
          return void (faultAt('RCPT', '250 2.1.5 OK') || send('250 2.1.5 OK'));
        case 'DATA':
          if (faultAt('DATA', '354 End data with <CR><LF>.<CR><LF>', () => (inData = true))) return;
          inData = true;
          return send('354 End data with <CR><LF>.<CR><LF>');
        case 'RSET':
        case 'NOOP':
          return send('250 2.0.0 OK');
        case 'QUIT':
          send('221 2.0.0 Bye');
          return void sock.end();
        default:
          return send('502 5.5.2 Command not recognized');
      }
    };
    sock.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        onLine(line);
      }
    });
    send('220 faulty.smtp.test ESMTP');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  s.port = (server.address() as AddressInfo).port;
  return s;
}
