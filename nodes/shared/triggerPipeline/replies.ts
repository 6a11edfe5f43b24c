import type { HttpReply } from './types';

/** The empty TwiML document: Twilio voice/SMS webhooks must get valid TwiML back. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export function jsonReply(status: number, body: unknown, headers?: Record<string, string>): HttpReply {
  return { status, contentType: 'application/json', body: JSON.stringify(body), ...(headers ? { headers } : {}) };
}

export function twimlReply(twiml: string = EMPTY_TWIML): HttpReply {
  return { status: 200, contentType: 'text/xml', body: twiml };
}
