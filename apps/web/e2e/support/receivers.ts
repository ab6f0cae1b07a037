/**
 * Real receivers on loopback for the notification e2e, after apps/api/test/notifications/support.ts:
 * an SMTP server (smtp-server) that accepts every message and keeps it, and an HTTP endpoint that
 * answers every webhook with an outage (503), counting what it refused.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO addresses (the envelope). */
  envelopeTo: string[];
  /** The message as received (headers and body). */
  raw: string;
  subject: string;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:PORT, for SMTP_URL */
  url: string;
  mails: ReceivedMail[];
  stop(): Promise<void>;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) decoded; the space between two of them dropped. */
export function decodeEncodedWords(text: string): string {
  return text
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, encoding: string, data: string) => {
      if (encoding.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
      const bytes = data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    });
}

/** The Subject header of a raw message, unfolded and decoded. */
function subjectOf(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const match = /^Subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(head);
  return decodeEncodedWords(match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim() ?? '');
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, subject: subjectOf(raw) });
        // 250: accepted — what spfwatch records as delivered.
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface FailingWebhook {
  url: string;
  /** Requests refused so far. */
  refused: number;
  stop(): Promise<void>;
}

/** An endpoint "down for maintenance": every POST gets 503 with that text. */
export async function startFailingWebhook(path = '/hooks/spfwatch'): Promise<FailingWebhook> {
  const hook: FailingWebhook = { url: '', refused: 0, stop: async () => undefined };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hook.refused++;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  hook.stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return hook;
}
