import { simpleParser, type ParsedMail } from 'mailparser';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/** One caught message, as the page lists it. */
export interface CaughtMail {
  file: string;
  date: string;
  from: string;
  to: string;
  subject: string;
  attachments: string[];
}

export interface MailCatcher {
  /** smtp://127.0.0.1:PORT, for SMTP_URL. */
  smtpUrl: string;
  /** http://localhost:PORT: the caught messages, newest first. */
  pageUrl: string;
  dir: string;
  list(): Promise<CaughtMail[]>;
  stop(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A local SMTP catcher for the demo: accepts every message on 127.0.0.1 (no TLS, no auth), keeps
 * it as an .eml file in `dir`, and lists them on a small page (with each message's text, HTML
 * and attachments). Nothing is relayed anywhere.
 */
export async function startMailCatcher(options: { dir: string; pagePort: number }): Promise<MailCatcher> {
  mkdirSync(options.dir, { recursive: true });
  let sequence = readdirSync(options.dir).filter((f) => f.endsWith('.eml')).length;
  const parsed = new Map<string, ParsedMail>();
  const parse = async (file: string): Promise<ParsedMail> => {
    let mail = parsed.get(file);
    if (!mail) {
      mail = await simpleParser(readFileSync(join(options.dir, file)));
      parsed.set(file, mail);
    }
    return mail;
  };

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        sequence += 1;
        const file = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(sequence).padStart(4, '0')}.eml`;
        writeFileSync(join(options.dir, file), Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(0, '127.0.0.1', () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const list = async (): Promise<CaughtMail[]> => {
    const files = readdirSync(options.dir).filter((f) => f.endsWith('.eml')).sort().reverse();
    return Promise.all(
      files.map(async (file) => {
        const mail = await parse(file);
        const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
        return { file, date: (mail.date ?? new Date(0)).toISOString(), from: mail.from?.text ?? '', to, subject: mail.subject ?? '(no subject)', attachments: mail.attachments.map((a) => a.filename ?? a.contentType) };
      }),
    );
  };

  const page: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const file = url.pathname.slice(1).replace(/\.(eml|html|txt)$/, '.eml');
      if (url.pathname === '/' || url.pathname === '/index.html') {
        const mails = await list();
        const rows = mails
          .map(
            (m) =>
              `<tr><td>${escapeHtml(m.date.slice(0, 16).replace('T', ' '))}</td><td>${escapeHtml(m.to)}</td><td><a href="/${escapeHtml(m.file.replace(/\.eml$/, '.html'))}">${escapeHtml(m.subject)}</a></td><td>${escapeHtml(m.attachments.join(', '))}</td><td><a href="/${escapeHtml(m.file)}">.eml</a></td></tr>`,
          )
          .join('\n');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Caught emails — spfwatch demo</title>
<style>body{font:15px system-ui,sans-serif;margin:1.5rem;color:#1d2433}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #dde2ea;vertical-align:top}th{background:#f3f5f9}.wrap{overflow-x:auto}</style></head>
<body><h1>Caught emails</h1><p>${mails.length} message(s) spfwatch sent during the demo, kept in <code>${escapeHtml(options.dir)}</code>. Nothing left this machine.</p>
<div class="wrap"><table><thead><tr><th>Date (UTC)</th><th>To</th><th>Subject</th><th>Attachments</th><th>Raw</th></tr></thead><tbody>${rows}</tbody></table></div></body></html>`);
        return;
      }
      if (!/^[\w.-]+\.eml$/.test(file) || !readdirSync(options.dir).includes(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('No such message');
        return;
      }
      if (url.pathname.endsWith('.eml')) {
        res.writeHead(200, { 'content-type': 'message/rfc822', 'content-disposition': `attachment; filename="${file}"` });
        res.end(readFileSync(join(options.dir, file)));
        return;
      }
      const mail = await parse(file);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      // The message's own HTML (spfwatch's, escaped by its renderer), else its text.
      res.end(typeof mail.html === 'string' ? mail.html : `<pre>${escapeHtml(mail.text ?? '')}</pre>`);
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    page.once('error', reject);
    page.listen(options.pagePort, () => resolve());
  });
  const pagePort = (page.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    pageUrl: `http://localhost:${pagePort}`,
    dir: options.dir,
    list,
    stop: async () => {
      await Promise.all([new Promise<void>((resolve) => smtp.close(() => resolve())), new Promise<void>((resolve) => page.close(() => resolve()))]);
    },
  };
}
