/** `scheme://` then the userinfo up to the last `@` before the host (a password may hold an unencoded `@`). */
const SCHEME_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;
/** A bare `user:password@host` word, as a DNS error echoes a Host field that holds one. */
const BARE_USERINFO = /(^|[\s"'(<=])[^\s"'(<>=/:@]+:[^\s"'/]*@/g;

/**
 * `text` with the credentials of every URL in it replaced by •••: for messages built from a
 * library's error, which echo a host or URL as given (`getaddrinfo ENOTFOUND postgres://u:pw@db`
 * when a connection URL was pasted into a Host field). Over-masks rather than under-masks.
 * @example withoutUrlCredentials('getaddrinfo ENOTFOUND postgres://u:pw@db/x') // 'getaddrinfo ENOTFOUND postgres://•••@db/x'
 * @example withoutUrlCredentials('getaddrinfo ENOTFOUND u:pw@db') // 'getaddrinfo ENOTFOUND •••@db'
 */
export function withoutUrlCredentials(text: string): string {
  return text.replace(SCHEME_USERINFO, '$1•••@').replace(BARE_USERINFO, '$1•••@');
}
