import { CredentialCache } from '../shared/CredentialCache';

/** The Missed Call Trigger's decrypted provider credentials (one cache per n8n process). */
export const webhookCredentials = new CredentialCache();
