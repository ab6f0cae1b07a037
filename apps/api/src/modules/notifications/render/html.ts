/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Tagged template: interpolated values are escaped unless wrapped in `raw()`. */
export class RawHtml {
  constructor(readonly html: string) {}
}

export function raw(html: string): RawHtml {
  return new RawHtml(html);
}

type HtmlValue = string | number | RawHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof RawHtml) return value.html;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): RawHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new RawHtml(out);
}

export const SEVERITY_COLOURS: Record<string, string> = { critical: '#b42318', warning: '#b54708', info: '#175cd3' };

/** A full HTML document with the shared inline styles of spfwatch mail. */
export function emailDocument(title: string, body: RawHtml): string {
  return html`<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d2939;line-height:1.45;max-width:760px;margin:0 auto;padding:16px">
${body}
<p style="color:#667085;font-size:12px;margin-top:32px">Sent by spfwatch.</p>
</body></html>`.html;
}
