import { describe, expect, it } from 'vitest';
import { withoutUrlCredentials } from '../../../nodes/shared/withoutUrlCredentials';

describe('withoutUrlCredentials', () => {
  it.each([
    ['getaddrinfo ENOTFOUND postgres://ledger:pw-1@db.example:5432/x', 'getaddrinfo ENOTFOUND postgres://•••@db.example:5432/x'],
    ['getaddrinfo ENOTFOUND smtp://mailer:p@ss@mail.example', 'getaddrinfo ENOTFOUND smtp://•••@mail.example'],
    ['getaddrinfo EAI_AGAIN mailer:pw-2@mail.example', 'getaddrinfo EAI_AGAIN •••@mail.example'],
    ['password authentication failed for user "u:pw-3@db"', 'password authentication failed for user "•••@db"'],
    ['see https://a:b@x.example/p and https://c:d@y.example/q', 'see https://•••@x.example/p and https://•••@y.example/q'],
  ])('masks the credentials in %j', (text, masked) => {
    expect(withoutUrlCredentials(text)).toBe(masked);
  });

  it.each([
    'connect ECONNREFUSED 127.0.0.1:5432',
    'connect ECONNREFUSED ::1:5432',
    'recipient rejected: 550 5.1.1 <dana@example.com>: Recipient address rejected',
    'Invalid login: 535 5.7.8 Error: authentication failed',
    'POST https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?x=a@b',
  ])('leaves %j as it is', (text) => {
    expect(withoutUrlCredentials(text)).toBe(text);
  });
});
