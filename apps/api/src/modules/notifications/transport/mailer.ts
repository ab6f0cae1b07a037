import { Injectable } from '@nestjs/common';
import nodemailer from 'nodemailer';
import { AppConfig } from '../../../config/app-config';

export interface MailAttachment {
  filename: string;
  content: Buffer | string;
  contentType: string;
}

export interface MailMessage {
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  /** `<id@host>`, fixed before the first attempt: every retry sends the same one. */
  messageId: string;
  attachments?: readonly MailAttachment[];
  /** Extra headers (X-Spfwatch-…). */
  headers?: Record<string, string>;
}

/** The SMTP server's acceptance of a message (its reply to the end of DATA). */
export interface MailAccepted {
  accepted: string[];
  rejected: string[];
  /** e.g. 250 */
  responseCode: number | null;
  /** e.g. "250 2.0.0 Ok: queued as 4F2A1" */
  response: string;
}

/** A refused or failed delivery, with the SMTP reply when there was one (421, 550 …). */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError' as const;
  constructor(
    message: string,
    readonly responseCode: number | null,
    readonly response: string | null,
  ) {
    super(message);
  }
}

export function isMailDeliveryError(error: unknown): error is MailDeliveryError {
  return error instanceof Error && error.name === 'MailDeliveryError';
}

/** Sends one email (the side effect behind email channels and reports; tests swap it or point SMTP_URL at a loopback server). */
export abstract class Mailer {
  /** Resolves once the server accepted the message for at least one recipient; throws MailDeliveryError otherwise. */
  abstract send(message: MailMessage): Promise<MailAccepted>;
  /** The From address, e.g. for Message-ID host names. */
  abstract get from(): string;
}

/** The host part of an address ("spfwatch <spf@agency.example>" → "agency.example"). */
export function hostOfAddress(address: string): string {
  const match = /@([^\s@<>]+)>?\s*$/.exec(address);
  return match?.[1]?.toLowerCase() ?? 'spfwatch.invalid';
}

const RESPONSE_CODE = /^(\d{3})\b/;

/**
 * SMTP through nodemailer (SMTP_URL: smtp:// with STARTTLS when offered, smtps:// for implicit
 * TLS). One connection per message; the whole exchange must finish within SMTP_TIMEOUT_MS.
 */
@Injectable()
export class NodemailerMailer extends Mailer {
  constructor(private readonly config: AppConfig) {
    super();
  }

  get from(): string {
    return this.config.env.SMTP_FROM;
  }

  async send(message: MailMessage): Promise<MailAccepted> {
    const { SMTP_URL, SMTP_TIMEOUT_MS, SMTP_TLS_REJECT_UNAUTHORIZED } = this.config.env;
    if (!SMTP_URL) throw new MailDeliveryError('SMTP_URL is not set: email channels cannot send', null, null);
    const transport = nodemailer.createTransport({
      url: SMTP_URL,
      tls: { rejectUnauthorized: SMTP_TLS_REJECT_UNAUTHORIZED },
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
      disableFileAccess: true,
      disableUrlAccess: true,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    let timer: NodeJS.Timeout | undefined;
    try {
      const sending = transport.sendMail({
        from: this.from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        headers: message.headers ?? {},
        attachments: (message.attachments ?? []).map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      });
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          transport.close();
          reject(new MailDeliveryError(`SMTP delivery took longer than ${SMTP_TIMEOUT_MS} ms`, null, null));
        }, SMTP_TIMEOUT_MS);
      });
      const info = (await Promise.race([sending, deadline])) as { accepted?: unknown[]; rejected?: unknown[]; response?: string };
      const response = String(info.response ?? '');
      return {
        accepted: (info.accepted ?? []).map(String),
        rejected: (info.rejected ?? []).map(String),
        responseCode: Number(RESPONSE_CODE.exec(response)?.[1] ?? '') || null,
        response,
      };
    } catch (error) {
      if (isMailDeliveryError(error)) throw error;
      const e = error as Error & { responseCode?: number; response?: string; code?: string };
      const code = typeof e.responseCode === 'number' ? e.responseCode : null;
      throw new MailDeliveryError(`${e.code ? `${e.code}: ` : ''}${e.message}`, code, e.response ?? null);
    } finally {
      clearTimeout(timer);
      transport.close();
    }
  }
}
