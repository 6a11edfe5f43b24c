import { CredentialCache } from './CredentialCache';

/** The webhook triggers' decrypted provider credentials (one cache per n8n process). */
export const webhookCredentials = new CredentialCache();
