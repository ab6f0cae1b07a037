/**
 * Removes secrets from text headed for logs: API tokens, argon2 hashes, the tokens in
 * invitation and setup URLs, cookie/authorization header values and password fields in
 * JSON-ish text. Applied to the error filter's log lines; the accounts code never logs secrets.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/spfw_[A-Za-z0-9_-]+/g, 'spfw_[redacted]'],
  [/\$argon2(?:id|i|d)\$[^\s"']+/g, '$argon2id$[redacted]'],
  [/(\/invitations\/)[A-Za-z0-9_-]{20,}/g, '$1[redacted]'],
  [/(\/invite\/)[A-Za-z0-9_-]{20,}/g, '$1[redacted]'],
  [/([?&](?:token|setupToken)=)[^&\s]+/gi, '$1[redacted]'],
  [/((?:authorization|cookie|set-cookie|x-csrf-token)["']?\s*[:=]\s*["']?)[^"'\n]+/gi, '$1[redacted]'],
  [/((?:password|passwordHash|password_hash|token|csrfToken)["']?\s*[:=]\s*)(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s",}&]+)/gi, '$1[redacted]'],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
