/**
 * `text` with every occurrence of `secret` replaced by •••, for messages built from a library's
 * error (which may echo what it was given); an empty secret leaves the text as it is.
 * @example withoutSecret('login failed for pw123', 'pw123') // 'login failed for •••'
 */
export function withoutSecret(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('•••') : text;
}
