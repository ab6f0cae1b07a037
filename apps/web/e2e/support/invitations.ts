import type { Page } from 'playwright-core';

/**
 * The signed-in owner on `page` invites `email` as a client viewer of the client named
 * `clientName`, through the API from the page (session cookie + CSRF header, as the app does).
 */
export async function inviteClientViewer(page: Page, email: string, clientName: string): Promise<{ status: number; body: { token: string } }> {
  return page.evaluate(
    async ({ email, clientName }) => {
      const csrf = /(?:^|; )spfwatch_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '';
      const clients = (await (await fetch('/api/clients')).json()) as { items: Array<{ id: string; name: string }> };
      const client = clients.items.find((c) => c.name === clientName);
      const res = await fetch('/api/invitations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        body: JSON.stringify({ email, role: 'client_viewer', clientIds: [client?.id] }),
      });
      return { status: res.status, body: (await res.json()) as { token: string } };
    },
    { email, clientName },
  );
}
