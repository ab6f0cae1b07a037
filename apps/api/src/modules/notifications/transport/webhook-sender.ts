import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';

export interface WebhookRequest {
  url: string;
  /** The exact bytes signed and sent. */
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface WebhookResponse {
  /** HTTP status; null when no response came (connection refused, timeout). */
  status: number | null;
  /** The first 500 characters of the body, or the network error. */
  body: string;
  ok: boolean;
  error: string | null;
}

/** Posts a webhook (the side effect behind webhook and Slack channels). */
export abstract class WebhookSender {
  abstract post(request: WebhookRequest): Promise<WebhookResponse>;
}

/** `sha256=<hex HMAC-SHA256 of the raw body, keyed with the channel's secret>` (X-Spfwatch-Signature). */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

const MAX_BODY = 500;

/** node's fetch, no redirects followed (a 3xx is a failure: the URL should be fixed). */
@Injectable()
export class FetchWebhookSender extends WebhookSender {
  async post(request: WebhookRequest): Promise<WebhookResponse> {
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      const text = (await response.text().catch(() => '')).slice(0, MAX_BODY);
      const ok = response.status >= 200 && response.status < 300;
      return { status: response.status, body: text, ok, error: ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      const reason = e.name === 'TimeoutError' ? `no response within ${request.timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
      return { status: null, body: '', ok: false, error: reason };
    }
  }
}
