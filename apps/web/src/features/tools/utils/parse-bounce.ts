import { isIPv4, isIPv6, isIpAddress, isNonPublicIp } from './ip-address';

/**
 * Reads a pasted bounce (NDR, postfix log line, Gmail/Exchange reject text, openspf "why" link,
 * message headers) and pulls out what an SPF check needs: the sending IP and the envelope sender.
 * Pure and forgiving: it never throws, and says what it could not find so the UI can ask.
 */

/** Who an IP in the bounce belongs to: the server that sent (what SPF checks) or the one that refused. */
export type IpRole = 'sender' | 'receiver' | 'unknown';

export interface IpCandidate {
  ip: string;
  role: IpRole;
  /** Where it was found, in words ("the openspf “why” link"). */
  source: string;
}

export type SenderStrength = 'envelope' | 'domain' | 'header';

export interface SenderCandidate {
  /** The full address when the bounce gives one; null when only the domain is named. */
  address: string | null;
  domain: string;
  strength: SenderStrength;
  source: string;
}

export interface SendingServiceHint {
  /** Catalogue service id. */
  id: string;
  name: string;
  /** The words that gave it away. */
  cue: string;
}

export interface BounceFacts {
  /** The sending IP to check: one the bounce names as the sender's, or the only unattributed one. */
  ip: string | null;
  ipSource: string | null;
  /** True when the IP was not named as the sender's: the user should confirm it. */
  ipGuessed: boolean;
  /** Envelope sender (MAIL FROM) when found; else null. */
  sender: string | null;
  /** The domain whose SPF policy applies (the sender's domain). */
  domain: string | null;
  senderSource: string | null;
  /** True when the best sender is the From: header, which may differ from the envelope sender. */
  senderFromHeader: boolean;
  /** The server that refused the message. */
  receiver: string | null;
  /** Basic SMTP reply code ("550") and enhanced status ("5.7.26"). */
  smtpCode: string | null;
  statusCode: string | null;
  /** The reply code in plain words, when it is one that matters for SPF. */
  codeMeaning: string | null;
  /** The text talks about SPF (or an SPF-only phrase like "is not allowed to send mail from"). */
  mentionsSpf: boolean;
  /** A sending service the bounce shows the message went through ("Google tried to deliver …"). */
  sendingService: SendingServiceHint | null;
  /** The message was sent by the user's own MTA (Postfix log), whose public IP must be listed. */
  ownServer: string | null;
  /** SPF records quoted in the text. */
  quotedRecords: string[];
  /** Values the bounce shows but redacted ("x.x.x.x", "[email protected]", "[ipaddress]"). */
  redacted: Array<'ip' | 'sender'>;
  ipCandidates: IpCandidate[];
  senderCandidates: SenderCandidate[];
  /** What the check still needs from the user. */
  missing: Array<'ip' | 'sender'>;
}

const EMAIL = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}/i;
const DOMAIN = /(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}/i;
const IPV4_SOURCE = String.raw`(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)`;
/** "x.x.x.x", "yyy.yyy.yyy.230", "[ipaddress]", "<IP>": an address someone removed before posting. */
const REDACTED_IP = /(?<![\w.])(?:(?:[xyz*#]{1,3}|\d{1,3})\.){3}(?:[xyz*#]{1,3}|\d{1,3})(?![\w.])|[[<](?:ip ?address|ip|sending ip|your ip)[\]>]/i;
const REDACTED_EMAIL = /\[email-protected\]|[[<](?:email|e-mail|sender|email address)[\]>]/i;
const PLACEHOLDER_DOMAIN = /^\[?(?:domain(?: name)?|your ?domain|example)\]?$/i;

/** Local parts of addresses that are the bounce's own (daemon, Exchange system mailbox). */
const SYSTEM_SENDER = /^(?:mailer-daemon|postmaster|microsoftexchange[0-9a-f]*|no-?reply-?daemon)@/i;

const CODE_MEANINGS: Array<[RegExp, string]> = [
  [/^5\.7\.26$/, 'Gmail refused the message as unauthenticated: it passed neither SPF nor DKIM for the sender’s domain (or failed its DMARC policy).'],
  [/^5\.7\.27$/, 'Gmail refused the message because the sender’s domain fails SPF for the sending server.'],
  [/^5\.7\.23$/, 'The receiver refused the message because of an SPF violation (Microsoft’s code for an SPF fail).'],
  [/^5\.7\.25$/, 'The receiver requires the sending IP to have reverse DNS (a PTR record); this is not an SPF problem.'],
  [/^5\.7\.(?:1|0)$/, 'The receiver refused the message on policy grounds: often SPF, sometimes a blocklist or a relay rule — the rest of the text says which.'],
  [/^5\.0\.0$/, 'A generic permanent rejection; the rest of the text says why.'],
  [/^4\.7\.\d+$/, 'A temporary policy refusal: the sending server will retry, but the cause must still be fixed.'],
];

export function parseBounce(input: string): BounceFacts {
  // Decode what mail clients and web pages do to bounces: HTML entities, soft line breaks, tags.
  const text = input
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/=\r?\n/g, '')
    // Cloudflare's "[email protected]" (a space inside) would split every pattern below.
    .replace(/\[email(?:&#160;|\s)+protected\]/gi, '[email-protected]')
    .replace(/<\/?(?:br|p|div|span|a)\b[^>]*>/gi, ' ');

  const ipCandidates: IpCandidate[] = [];
  const senderCandidates: SenderCandidate[] = [];
  const redacted = new Set<'ip' | 'sender'>();
  let receiver: string | null = null;

  const addIp = (raw: string | undefined, role: IpRole, source: string): void => {
    if (!raw) return;
    const ip = raw.replace(/^\[|\]$/g, '').replace(/^ipv6:/i, '');
    if (!isIpAddress(ip)) {
      if (role !== 'receiver' && REDACTED_IP.test(raw)) redacted.add('ip');
      return;
    }
    const existing = ipCandidates.find((c) => c.ip === ip);
    if (existing) {
      // A later, better attribution wins: sender > receiver > unknown.
      if (existing.role === 'unknown' && role !== 'unknown') Object.assign(existing, { role, source });
      return;
    }
    ipCandidates.push({ ip, role, source });
  };
  const addSender = (raw: string | undefined | null, strength: SenderStrength, source: string): void => {
    if (!raw) return;
    const value = raw.trim().replace(/^<|>$/g, '').replace(/[.,;:'")\]]+$/, '');
    if (REDACTED_EMAIL.test(value) || REDACTED_EMAIL.test(raw)) {
      if (strength !== 'header') redacted.add('sender');
      return;
    }
    const email = EMAIL.exec(value);
    if (email && email.index === 0 && email[0].length === value.length) {
      if (SYSTEM_SENDER.test(email[0])) return;
      const address = email[0].toLowerCase();
      pushSender({ address, domain: address.slice(address.lastIndexOf('@') + 1), strength, source });
      return;
    }
    const domain = DOMAIN.exec(value);
    if (domain && domain.index === 0 && domain[0].length === value.length && !PLACEHOLDER_DOMAIN.test(value)) {
      pushSender({ address: null, domain: domain[0].toLowerCase(), strength: strength === 'envelope' ? 'domain' : strength, source });
    } else if (PLACEHOLDER_DOMAIN.test(value) && strength !== 'header') {
      redacted.add('sender');
    }
  };
  const pushSender = (candidate: SenderCandidate): void => {
    const same = senderCandidates.find((c) => c.domain === candidate.domain && (c.address === candidate.address || candidate.address === null));
    if (!same) senderCandidates.push(candidate);
    else if (same.address === null && candidate.address !== null) Object.assign(same, candidate);
  };

  // 1. openspf / pobox "why" links: ?sender=…&ip=…&receiver=… (seed 001's Exchange NDR).
  for (const m of text.matchAll(/why\.html\?([^\s'"<>)]+)/gi)) {
    const params = new URLSearchParams(m[1]);
    addIp(params.get('ip') ?? undefined, 'sender', 'the openspf “why” link');
    addSender(params.get('sender'), 'envelope', 'the openspf “why” link');
    receiver ??= params.get('receiver');
  }

  // 2. The "why" page's own words: "received a message from host (ip) that claimed an envelope sender address of x".
  for (const m of text.matchAll(/received a message from\s+(?:(\S+)\s+)?\(([^)\s]+)\)\s+that claimed an envelope sender address of\s+(\S+)/gi)) {
    addIp(m[2], 'sender', 'the openspf explanation');
    addSender(m[3], 'envelope', 'the openspf explanation');
  }
  for (const m of text.matchAll(/(\S+)\s+rejected a message that claimed an envelope sender address of\s+(\S+)/gi)) {
    receiver ??= cleanHost(m[1]);
    addSender(m[2], 'envelope', 'the openspf explanation');
  }

  // 3. Received-SPF: result (receiver: domain of x does not designate ip as permitted sender) client-ip=…; envelope-from=…
  for (const m of text.matchAll(/Received-SPF:\s*([a-z]+)([^\n]*(?:\n[ \t]+[^\n]*)*)/gi)) {
    const rest = m[2] ?? '';
    addIp(/client-ip=([^;\s]+)/i.exec(rest)?.[1], 'sender', 'the Received-SPF header');
    addSender(/envelope-from=("?)<?([^;\s>"]+)/i.exec(rest)?.[2], 'envelope', 'the Received-SPF header');
    const designates = /domain of\s+(\S+)\s+(?:does not designate|designates|has not authorized|is not authorized)\s+(\S+)/i.exec(rest);
    if (designates) {
      addSender(designates[1], 'envelope', 'the Received-SPF header');
      addIp(designates[2], 'sender', 'the Received-SPF header');
    }
  }

  // 4. Authentication-Results: spf=fail (…) smtp.mailfrom=…
  for (const m of text.matchAll(/\bspf=([a-z]+)\b([^\n]*(?:\n[ \t]+[^\n]*)*)/gi)) {
    const rest = m[2] ?? '';
    addSender(/smtp\.mailfrom=("?)([^;\s"]+)/i.exec(rest)?.[2], 'envelope', 'the Authentication-Results header');
    const designates = /domain of\s+(\S+)\s+(?:does not designate|designates)\s+(\S+)/i.exec(rest);
    if (designates) {
      addSender(designates[1], 'envelope', 'the Authentication-Results header');
      addIp(designates[2], 'sender', 'the Authentication-Results header');
    }
  }

  // 5. "550 [ip] is not allowed to send mail from [domain]" (seed 003) and similar wordings.
  for (const m of text.matchAll(/(\[?[^\s[\]]+\]?|\[[^\]]*\])\s+is not (?:allowed|authori[sz]ed|permitted) to send (?:mail|email|e-mail)?\s*(?:from|for|on behalf of)\s+(\[[^\]]*\]|<[^>]*>|\S+)/gi)) {
    addIp(m[1], 'sender', 'the rejection text');
    addSender(m[2], 'envelope', 'the rejection text');
  }
  for (const m of text.matchAll(/\b(?:sender|sending|client|connecting|originating|remote)[ -]?(?:ip|ip address|host)\s*[:=]?\s*\[?([0-9a-f:.]{7,})\]?/gi)) {
    addIp(m[1], 'sender', 'the rejection text');
  }
  for (const m of text.matchAll(/X-Originating-IP:\s*\[?([0-9a-f:.]+)\]?/gi)) addIp(m[1], 'sender', 'the X-Originating-IP header');

  // 6. Gmail: "Unauthenticated email from example.com is not accepted due to domain's DMARC policy".
  for (const m of text.matchAll(/(?:Unauthenticated email|email|message|mail) from\s+(\S+?)\s+is not accepted/gi)) {
    addSender(m[1], 'envelope', 'the rejection text');
  }

  // 7. Envelope sender in headers and transcripts.
  for (const m of text.matchAll(/Return-Path:\s*(<[^>]*>|\S+)/gi)) addSender(m[1], 'envelope', 'the Return-Path header');
  for (const m of text.matchAll(/MAIL FROM:\s*(<[^>]*>|\S+)/gi)) addSender(m[1], 'envelope', 'the SMTP transcript (MAIL FROM)');
  for (const m of text.matchAll(/envelope[- ]sender(?: address)?(?: of| is|:)\s*(<[^>]*>|\S+)/gi)) addSender(m[1], 'envelope', 'the envelope sender');

  // 8. Receivers: where the bounce says who refused (their IPs are not the ones SPF checked).
  for (const m of text.matchAll(/relay=([^\s[,]+)\[([^\]]+)\]/gi)) {
    receiver ??= cleanHost(m[1]);
    addIp(m[2], 'receiver', 'the relay= field of the Postfix log');
  }
  for (const m of text.matchAll(/\bhost\s+([^\s[]+)\[([^\]]+)\]\s+said/gi)) {
    receiver ??= cleanHost(m[1]);
    addIp(m[2], 'receiver', 'the receiving server’s reply');
  }
  for (const m of text.matchAll(/rejected by the server for the recipient domain\s+\S+\s+by\s+(\S+?)\.?\s+\[([^\]]+)\]/gi)) {
    receiver ??= cleanHost(m[1]);
    addIp(m[2], 'receiver', 'the Gmail bounce (receiving server)');
  }
  for (const m of text.matchAll(/Remote Server returned\s+'<?\s*([^\s#'>]+)\s+#/gi)) receiver ??= cleanHost(m[1]);
  for (const m of text.matchAll(/Remote-MTA:\s*dns;\s*(\S+)/gi)) receiver ??= cleanHost(m[1]);

  // 9. Received: from host (host [ip]) — the hop into the receiver; the sender's public side.
  for (const m of text.matchAll(/Received:\s*from\s+(\S+)\s+\(([^)]*)\)/gi)) {
    const tokens = (m[2] ?? '').split(/[\s,]+/).map((t) => t.replace(/^[[(]+|[\]);]+$/g, '').replace(/^ipv6:/i, ''));
    const ip = tokens.find(isIpAddress) ?? tokens.find((t) => REDACTED_IP.test(t));
    if (ip && isIpAddress(ip) && isNonPublicIp(ip)) continue;
    addIp(ip, 'sender', 'a Received header');
  }

  // 10. From: header — the visible sender, which may differ from the envelope sender.
  for (const m of text.matchAll(/^\s*From:\s*(?:[^<\n]*<([^>\n]+)>|(\S+@\S+))/gim)) addSender(m[1] ?? m[2], 'header', 'the From: header');

  // 11. Any other address in the text, attributed to no one; never SPF terms or host bits of a record.
  for (const m of text.matchAll(new RegExp(IPV4_SOURCE, 'g'))) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 4), m.index);
    if (/ip4:$/i.test(before)) continue;
    if (isIPv4(m[0]) && !isNonPublicIp(m[0])) addIp(m[0], 'unknown', 'the text (not named as the sender’s)');
  }
  for (const m of text.matchAll(/client-ip=([^;\s]+)|\bip=([^&\s;]+)/gi)) addIp(m[1] ?? m[2], 'sender', 'an ip= field');

  // Codes: "550-5.7.26", "550 5.7.1", "#5.0.0 smtp; 551 5.0.0", "553 - Rejected".
  let smtpCode: string | null = null;
  let statusCode: string | null = null;
  const enhanced = /(?<![\d.])([245]\d\d)[ -]([245]\.\d{1,3}\.\d{1,3})(?![\d.]*\d)/.exec(text);
  if (enhanced) {
    smtpCode = enhanced[1] ?? null;
    statusCode = enhanced[2] ?? null;
  } else {
    const basic = /(?<![\d.])((?:5[05][0-5])|(?:4[25][0-4]))\s*[-–]?\s*(?=(?:[a-z]+ )?(?:rejected|denied|refused|blocked|not allowed|unauthori[sz]ed)|\[|[0-9a-f:.]+ is not)/i.exec(text);
    smtpCode = basic?.[1] ?? null;
    statusCode = /#([245]\.\d{1,3}\.\d{1,3})/.exec(text)?.[1] ?? /dsn=([245]\.\d{1,3}\.\d{1,3})/.exec(text)?.[1] ?? null;
  }
  const codeMeaning = statusCode ? (CODE_MEANINGS.find(([re]) => re.test(statusCode!))?.[1] ?? null) : null;

  // Which way the message went.
  let sendingService: SendingServiceHint | null = null;
  const googleSent = /Google tried to deliver your message/i.exec(text);
  if (googleSent) sendingService = { id: 'google-workspace', name: 'Google Workspace', cue: googleSent[0] };
  const generating = /Generating server:\s*(\S+)/i.exec(text);
  if (!sendingService && generating && /\.(?:prod\.)?outlook\.com$|\.protection\.outlook\.com$/i.test(generating[1] ?? '')) {
    sendingService = { id: 'microsoft-365', name: 'Microsoft 365', cue: generating[0] };
  }
  const ownServer = /\bpostfix\/(?:smtp|local|qmgr|cleanup)\b/i.test(text) ? 'Postfix' : /\bexim\b.*\*\*/i.test(text) ? 'Exim' : null;

  const quotedRecords = [...new Set([...text.matchAll(/v=spf1\b[^"'\n<>]*/gi)].map((m) => m[0].trim().replace(/[.,;]$/, '')))];
  const mentionsSpf = /\bspf\b|sender policy framework|not (?:allowed|authori[sz]ed|permitted) to send|designates?\b.*permitted sender|openspf/i.test(text);

  // Best picks.
  const senderIps = ipCandidates.filter((c) => c.role === 'sender');
  const unknownIps = ipCandidates.filter((c) => c.role === 'unknown');
  const best = senderIps[0] ?? (unknownIps.length === 1 ? unknownIps[0] : undefined);
  if (best) redacted.delete('ip');

  const rank: Record<SenderStrength, number> = { envelope: 0, domain: 1, header: 2 };
  const bestSender = [...senderCandidates].sort((a, b) => rank[a.strength] - rank[b.strength])[0];
  if (bestSender && bestSender.strength !== 'header') redacted.delete('sender');
  // An envelope domain outranks a header address at another domain; a header address at the same domain completes it.
  let sender = bestSender?.address ?? null;
  const domain = bestSender?.domain ?? null;
  if (bestSender && sender === null) {
    sender = senderCandidates.find((c) => c.address !== null && c.domain === bestSender.domain)?.address ?? null;
  }

  const missing: Array<'ip' | 'sender'> = [];
  if (!best) missing.push('ip');
  if (!domain) missing.push('sender');

  return {
    ip: best?.ip ?? null,
    ipSource: best?.source ?? null,
    ipGuessed: best !== undefined && best.role !== 'sender',
    sender,
    domain,
    senderSource: bestSender?.source ?? null,
    senderFromHeader: bestSender?.strength === 'header',
    receiver,
    smtpCode,
    statusCode,
    codeMeaning,
    mentionsSpf,
    sendingService,
    ownServer,
    quotedRecords,
    redacted: [...redacted],
    ipCandidates,
    senderCandidates,
    missing,
  };
}

function cleanHost(raw: string | undefined): string | null {
  if (!raw) return null;
  const host = raw.replace(/^[<'"]+|[>'".,;:]+$/g, '').toLowerCase();
  return DOMAIN.test(host) ? host : null;
}

/** For the form: is this a usable IP (v4 or v6)? */
export function looksLikeIp(value: string): boolean {
  const v = value.trim();
  return isIPv4(v) || isIPv6(v);
}
