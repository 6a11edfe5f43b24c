/**
 * Realistic automated emails (bounces, auto-replies) as raw RFC 5322 text, for automatedEmail and the
 * Sequence Exit tests. `asN8nItem` parses one the way the n8n Email Trigger (IMAP, Resolved format)
 * does: mailparser, headers as `{ key: whole header line }`, attachments moved to binary.
 */
import { simpleParser } from 'mailparser';
import type { IDataObject } from 'n8n-workflow';

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** The original email of ours a bounce returns (its Message-ID and X-Missed-Call-Touch). */
export function originalMessage(o: { messageId: string; touchId: string | null; to?: string }): string {
  return `From: Brightside Plumbing <hello@brightside.example.com>
To: ${o.to ?? 'dana@example.com'}
Subject: Your call to Brightside Plumbing: pick a time that suits you
Message-ID: ${o.messageId}
${o.touchId === null ? '' : `X-Missed-Call-Touch: ${o.touchId}\n`}List-Unsubscribe: <mailto:help@brightside.example.com?subject=unsubscribe>
Content-Type: text/plain; charset=utf-8

Hi Dana, thanks for calling Brightside Plumbing. Book a time: https://brightside.example.com/book
Not interested? Reply STOP or unsubscribe: help@brightside.example.com
`;
}

/** Postfix's bounce: a notification, a delivery report and the returned message (message/rfc822; `touchId` null: without our header). */
export function postfixBounce(o: { messageId: string; touchId: string | null; queueId?: string; recipient?: string; returned?: 'message' | 'headers' | 'none' }): string {
  const to = o.recipient ?? 'dana@example.com';
  const returned =
    o.returned === 'none' ? ''
    : o.returned === 'headers' ? `--B1
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

${originalMessage({ ...o, to }).split('\n\n')[0]}

`
    : `--B1
Content-Description: Undelivered Message
Content-Type: message/rfc822

${originalMessage({ ...o, to })}
`;
  return crlf(`Return-Path: <>
Received: by mail.brightside.example.com (Postfix)
	id 4F1A2${o.queueId ?? ''}; Fri, 20 Nov 2026 17:05:01 +0000 (UTC)
Date: Fri, 20 Nov 2026 17:05:01 +0000 (UTC)
From: MAILER-DAEMON@mail.brightside.example.com (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: hello@brightside.example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="B1"
Content-Transfer-Encoding: 7bit
Message-Id: <20261120170501.4F1A2${o.queueId ?? ''}@mail.brightside.example.com>

This is a MIME-encapsulated message.

--B1
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.brightside.example.com.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<${to}>: host mx.example.com[203.0.113.5] said: 550 5.1.1
    <${to}>: Recipient address rejected: User unknown in virtual mailbox
    table (in reply to RCPT TO command)

--B1
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.brightside.example.com
X-Postfix-Queue-ID: 4F1A2${o.queueId ?? ''}
X-Postfix-Sender: rfc822; hello@brightside.example.com
Arrival-Date: Fri, 20 Nov 2026 17:05:00 +0000 (UTC)

Final-Recipient: rfc822; ${to}
Original-Recipient: rfc822;${to}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 550 5.1.1 <${to}>: Recipient address rejected: User
    unknown in virtual mailbox table

${returned}--B1--
`);
}

/** Postfix's delay warning (Action: delayed, 4.4.1). */
export const postfixDelay = crlf(`From: MAILER-DAEMON@mail.brightside.example.com (Mail Delivery System)
Subject: Delayed Mail (still being retried)
To: hello@brightside.example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="D1"
Message-Id: <20261120210501.77AB@mail.brightside.example.com>

--D1
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.brightside.example.com.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

<dana@example.com>: connect to mx.example.com[203.0.113.5]:25: Connection timed out

--D1
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.brightside.example.com
X-Postfix-Queue-ID: 77AB
Arrival-Date: Fri, 20 Nov 2026 17:05:00 +0000 (UTC)

Final-Recipient: rfc822; dana@example.com
Original-Recipient: rfc822;dana@example.com
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.example.com[203.0.113.5]:25: Connection
    timed out
Will-Retry-Until: Wed, 25 Nov 2026 17:05:00 +0000 (UTC)

--D1--
`);

/** Gmail's bounce from "Mail Delivery Subsystem" (references the original; the DSN's 550-5.1.1 continuation). */
export function gmailBounce(messageId: string): string {
  return crlf(`Delivered-To: hello@brightside.example.com
Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: hello@brightside.example.com
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
References: ${messageId}
In-Reply-To: ${messageId}
X-Failed-Recipients: dana.lee.nope@gmail.com
Message-ID: <5f6e7d8c.050a0220.3b0c1.abcd.GMR@mx.google.com>
Date: Fri, 20 Nov 2026 09:05:02 -0800 (PST)
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000g1"; report-type=delivery-status

--000000000000g1
Content-Type: text/plain; charset="UTF-8"


** Address not found **

Your message wasn't delivered to dana.lee.nope@gmail.com because the address couldn't be found, or is unable to receive mail.

Learn more here: https://support.google.com/mail/?p=NoSuchUser

The response from the remote server was:
550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. Learn more at https://support.google.com/mail/?p=NoSuchUser a1-20020a170902 - gsmtp

--000000000000g1
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Arrival-Date: Fri, 20 Nov 2026 09:05:01 -0800 (PST)
X-Original-Message-ID: ${messageId}

Final-Recipient: rfc822; dana.lee.nope@gmail.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; gmail-smtp-in.l.google.com. (142.250.1.26, the server for the domain gmail.com.)
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try
 550-5.1.1 double-checking the recipient's email address for typos or
 550 5.1.1 unnecessary spaces. a1-20020a170902 - gsmtp
Last-Attempt-Date: Fri, 20 Nov 2026 09:05:02 -0800 (PST)

--000000000000g1--
`);
}

/** Exchange Online's NDR ("Undeliverable:", X-MS-Exchange-Message-Is-Ndr, sent by "Microsoft Outlook"). */
export function exchangeNdr(messageId: string): string {
  return crlf(`From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.onmicrosoft.com>
To: <hello@brightside.example.com>
Subject: Undeliverable: Your call to Brightside Plumbing: pick a time that suits you
Thread-Topic: Your call to Brightside Plumbing: pick a time that suits you
Date: Fri, 20 Nov 2026 17:05:03 +0000
Message-ID: <a1b2c3d4-e5f6-47a8-9b0c-d1e2f3a4b5c6@BN8PR12MB3329.namprd12.prod.outlook.com>
In-Reply-To: ${messageId}
References: ${messageId}
X-MS-Exchange-Message-Is-Ndr:
X-MS-Has-Attach: yes
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="_000_NDR_"

--_000_NDR_
Content-Type: text/plain; charset="us-ascii"

Your message to dana@contoso.com couldn't be delivered.

dana wasn't found at contoso.com.

Action Required
Recipient
Unknown To address

Diagnostic information for administrators:

Generating server: BN8PR12MB3329.namprd12.prod.outlook.com

dana@contoso.com
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

--_000_NDR_--
`);
}

/** An Outlook vacation auto-reply (Auto-Submitted: auto-replied, X-Auto-Response-Suppress). */
export function vacationReply(text = "Thanks, I'll reply soon"): string {
  return crlf(`From: Dana Lee <dana@example.com>
To: Brightside Plumbing <hello@brightside.example.com>
Subject: Automatic reply: Your call to Brightside Plumbing: pick a time that suits you
Date: Fri, 20 Nov 2026 17:06:00 +0000
Message-ID: <SA1PR12MB-autoreply-${Math.random().toString(36).slice(2)}@SA1PR12MB.namprd12.prod.outlook.com>
Auto-Submitted: auto-replied
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: dana@example.com
Content-Type: text/plain; charset="us-ascii"

${text}
`);
}

/** The item with its attachments left on it as JSON (`content` a Buffer's JSON), as some triggers and Code nodes give it. */
export async function withJsonAttachments(raw: string): Promise<IDataObject> {
  const { json, attachments } = await asN8nItem(raw);
  return { ...json, attachments: attachments.map((a) => ({ contentType: a.contentType, content: a.content.toJSON() })) };
}

/**
 * The item the n8n Email Trigger (IMAP, Resolved format) makes of a raw email: mailparser's output,
 * `headers` as `{ lower-case name: whole header line }`, `attachments` moved to `binary` (returned too).
 */
export async function asN8nItem(raw: string): Promise<{ json: IDataObject; attachments: { contentType: string; content: Buffer }[] }> {
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const h of parsed.headerLines) headers[h.key] = h.line;
  const { attachments, headerLines: _lines, ...rest } = parsed;
  const json = JSON.parse(JSON.stringify({ ...rest, headers })) as IDataObject;
  return { json, attachments: attachments.map((a) => ({ contentType: a.contentType, content: a.content })) };
}
