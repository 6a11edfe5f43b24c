export { sendTwilioSms, twilioAuthFrom, retryAfterMs, TWILIO_API_BASE } from './twilio';
export type { TwilioAuth, TwilioSmsInput, RetryOptions, TwilioFailure, TwilioSendResult } from './twilio';
export { sendSmtpMail, sendSmtpMailRetrying, closeSmtpTransports, enhancedStatusOf } from './smtp';
export type { SmtpConfig, SmtpMessage, SmtpSendResult, SmtpSendOutcome, SmtpRetryOptions, SmtpFailureReason, SmtpFailure, SmtpStage } from './smtp';
export { recordSandboxSend, SANDBOX_AUDIT_KIND } from './sandbox';
export type { SandboxSend } from './sandbox';
export { sendDialpadSms, dialpadAuthFrom, DIALPAD_API_BASE } from './dialpad';
export type { DialpadAuth, DialpadSmsInput, DialpadFailure, DialpadSendResult } from './dialpad';
export { requestWithRetry } from './requestWithRetry';
