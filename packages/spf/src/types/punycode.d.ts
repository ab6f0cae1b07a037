// The userland punycode.js package, imported as 'punycode/' so Node's deprecated builtin is not used.
declare module 'punycode/' {
  export function toASCII(input: string): string;
  export function toUnicode(input: string): string;
}
