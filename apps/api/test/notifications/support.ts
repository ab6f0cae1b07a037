/**
 * Real receivers on loopback for the notification tests: an SMTP server (smtp-server) whose
 * messages are parsed with mailparser, and an HTTP webhook receiver (node:http). Both can be
 * told to refuse for a while (an outage) and record everything they saw.
 */
import { type ParsedMail, simpleParser } from 'mailparser';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO addresses (the envelope). */
  envelopeTo: string[];
  parsed: ParsedMail;
  raw: Buffer;
  messageId: string;
}

export interface SmtpSink {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Every RCPT TO/DATA refusal sent (code). */
  refusals: number[];
  /** While set, RCPT TO answers this code (421 = service not available, try later). */
  refuseWith: number | null;
  /** Called once a message's data is complete, before replying; the reply waits for it (crash tests). */
  beforeAccept: ((session: SMTPServerSession) => Promise<void>) | null;
  /** Messages whose data arrived complete but whose client was gone before the reply (never accepted). */
  aborted: ReceivedMail[];
  waitForMails(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: '',
    port: 0,
    mails: [],
    refusals: [],
    refuseWith: null,
    beforeAccept: null,
    aborted: [],
    waitForMails: (count, timeoutMs = 20_000) => waitFor(() => (sink.mails.length >= count ? sink.mails : null), timeoutMs, () => `${sink.mails.length}/${count} mails`),
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (sink.refuseWith !== null) {
        sink.refusals.push(sink.refuseWith);
        const error = new Error('Service not available, try again later') as Error & { responseCode: number };
        error.responseCode = sink.refuseWith;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (async () => {
          // The message is complete; the client waits for our reply (250 = accepted).
          if (sink.beforeAccept) await sink.beforeAccept(session);
          const raw = Buffer.concat(chunks);
          try {
            const parsed = await simpleParser(raw);
            const mail = { envelopeTo: session.envelope.rcptTo.map((r) => r.address), parsed, raw, messageId: parsed.messageId ?? '' };
            // The client is gone before we accepted: it never got a 250, nothing was delivered.
            if (closed.has(session.id)) sink.aborted.push(mail);
            else {
              sink.mails.push(mail);
              callback();
            }
          } catch (error) {
            callback(error as Error);
          }
        })();
      });
    },
    onClose(session) {
      closed.add(session.id);
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  sink.port = port;
  sink.url = `smtp://127.0.0.1:${port}`;
  return sink;
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  /** X-Spfwatch-Signature checked against the secret the receiver was given (null: none given). */
  signatureValid: boolean | null;
}

export interface WebhookSink {
  url: string;
  hooks: ReceivedHook[];
  /** While set, requests are answered with this status (and counted). */
  failWith: number | null;
  failures: number;
  /** The channel secret to verify signatures with. */
  secret: string | null;
  waitForHooks(count: number, timeoutMs?: number): Promise<ReceivedHook[]>;
  stop(): Promise<void>;
}

/** Verifies `sha256=<hex>` the way a receiver should: HMAC of the raw body, constant-time compare. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(body, 'utf8').digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startWebhookSink(path = '/hooks/spfwatch'): Promise<WebhookSink> {
  const sink: WebhookSink = {
    url: '',
    hooks: [],
    failWith: null,
    failures: 0,
    secret: null,
    waitForHooks: (count, timeoutMs = 20_000) => waitFor(() => (sink.hooks.length >= count ? sink.hooks : null), timeoutMs, () => `${sink.hooks.length}/${count} webhooks`),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (sink.failWith !== null) {
        sink.failures++;
        res.writeHead(sink.failWith, { 'content-type': 'text/plain' }).end('down for maintenance');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const header = req.headers['x-spfwatch-signature'];
      sink.hooks.push({
        headers: req.headers,
        body,
        json: JSON.parse(body) as Record<string, unknown>,
        signatureValid: sink.secret === null ? null : verifySignature(sink.secret, body, Array.isArray(header) ? header[0] : header),
      });
      res.writeHead(req.url === path ? 204 : 404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return sink;
}

/** Polls `check` every 50 ms until it returns a value. */
export async function waitFor<T>(check: () => T | null | Promise<T | null>, timeoutMs = 20_000, describe: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms ${describe()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
