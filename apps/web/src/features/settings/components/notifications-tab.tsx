import { useState } from 'react';
import type { CreatedChannelResponse } from '@spfwatch/contracts';
import { useClients } from '../../../api/get-clients';
import { useOrganization } from '../../../api/get-organization';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { useRole } from '../../auth/api/use-role';
import { useChannels } from '../api/get-channels';
import { ChannelCard } from './channel-card';
import { ChannelEditorForm } from './channel-editor-form';
import { ChannelSecretNotice } from './channel-secret-notice';
import { DeliveriesPanel } from './deliveries-panel';

/** Channels (owners and admins: GET/POST /api/notification-channels need admin). */
function ChannelsPanel() {
  const channels = useChannels();
  const clients = useClients();
  const organization = useOrganization();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedChannelResponse | null>(null);
  const clientList = clients.data?.items ?? [];
  const timeZone = organization.data?.timeZone;

  return (
    <section className="panel" aria-labelledby="channels-title">
      <div className="panel-head">
        <h2 id="channels-title">Channels{channels.data ? ` (${channels.data.total})` : ''}</h2>
        {!adding ? (
          <button type="button" className="btn btn-primary" onClick={() => (setAdding(true), setCreated(null))}>
            Add a channel
          </button>
        ) : null}
      </div>
      <p className="muted small" style={{ marginTop: 0 }}>
        Where alerts and weekly reports go: email lists, signed webhooks, Slack. A channel covers every domain, one client’s or one domain’s.
      </p>
      {created ? <ChannelSecretNotice channel={created} onDone={() => setCreated(null)} /> : null}
      {adding ? (
        <div className="panel" style={{ background: '#fafbfc' }}>
          <h3>New channel</h3>
          <ChannelEditorForm
            clients={clientList}
            organizationTimeZone={timeZone}
            onSaved={(saved) => {
              setAdding(false);
              if ('secret' in saved && saved.secret) setCreated(saved);
            }}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : null}
      {channels.isPending ? (
        <LoadingState label="Loading channels" />
      ) : channels.isError ? (
        <ErrorState error={channels.error} onRetry={() => void channels.refetch()} />
      ) : channels.data.items.length === 0 ? (
        adding ? null : <EmptyState title="No channels yet">Add one so alerts reach someone: without a channel, alerts only show here in the dashboard.</EmptyState>
      ) : (
        <ul className="channel-list" aria-label="Channels">
          {channels.data.items.map((c) => (
            <ChannelCard key={c.id} channel={c} clients={clientList} organizationTimeZone={timeZone} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function NotificationsTab() {
  const isAdmin = useRole().can('admin');
  return (
    <div className="stack">
      {isAdmin ? (
        <ChannelsPanel />
      ) : (
        <p className="notice">Notification channels are set up by admins and owners; here you see what was sent and what could not be delivered.</p>
      )}
      <DeliveriesPanel />
    </div>
  );
}
