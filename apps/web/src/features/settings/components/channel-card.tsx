import { useState } from 'react';
import type { ChannelResponse, ClientResponse, CreatedChannelResponse } from '@spfwatch/contracts';
import { useDomain } from '../../../api/get-domain';
import { SeverityBadge } from '../../../components/status-badge';
import { useDeleteChannel } from '../api/delete-channel';
import { useRotateChannelSecret } from '../api/rotate-channel-secret';
import { useTestChannel } from '../api/test-channel';
import { CHANNEL_EVENT_LABELS, CHANNEL_KIND_LABELS, channelTarget } from '../utils/channel-form';
import { describeTestResult } from '../utils/notification-labels';
import { ChannelEditorForm } from './channel-editor-form';
import { ChannelSecretNotice } from './channel-secret-notice';

function Binding({ channel, clients }: { channel: ChannelResponse; clients: ClientResponse[] }) {
  const domain = useDomain(channel.domainId);
  if (channel.domainId) return <>Domain {domain.data?.name ?? '…'}</>;
  if (channel.clientId) return <>Client {clients.find((c) => c.id === channel.clientId)?.name ?? '…'}</>;
  return <>Every domain</>;
}

/** One channel: where it sends and what, with Test, Edit, Rotate secret (webhooks) and Delete. */
export function ChannelCard({ channel, clients, organizationTimeZone }: { channel: ChannelResponse; clients: ClientResponse[]; organizationTimeZone?: string | undefined }) {
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'delete' | 'rotate' | null>(null);
  const [secret, setSecret] = useState<CreatedChannelResponse | null>(null);
  const test = useTestChannel();
  const rotate = useRotateChannelSecret();
  const remove = useDeleteChannel();
  const outcome = test.data ? describeTestResult(test.data) : null;
  const actionError = rotate.error ?? remove.error;

  return (
    <li className="channel-card" data-testid="channel-card" data-channel-name={channel.name}>
      <div className="channel-card-head">
        <h3>{channel.name}</h3>
        <span className="badge badge-info">{CHANNEL_KIND_LABELS[channel.kind]}</span>
        {channel.enabled ? <span className="badge badge-ok">enabled</span> : <span className="badge badge-unknown">disabled</span>}
      </div>
      {secret?.secret ? <ChannelSecretNotice channel={secret} onDone={() => setSecret(null)} /> : null}
      {editing ? (
        <ChannelEditorForm channel={channel} clients={clients} organizationTimeZone={organizationTimeZone} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
      ) : (
        <>
          <dl className="kv small">
            <dt>Sends to</dt>
            <dd className="break">{channelTarget(channel) || '—'}</dd>
            <dt>Covers</dt>
            <dd>
              <Binding channel={channel} clients={clients} />
            </dd>
            <dt>Receives</dt>
            <dd>
              {channel.events.map((e) => CHANNEL_EVENT_LABELS[e]).join(' and ')}
              {channel.events.includes('alerts') ? (
                <>
                  {' '}
                  · alerts from <SeverityBadge severity={channel.minSeverity} />
                </>
              ) : null}
            </dd>
            <dt>Quiet hours</dt>
            <dd>{channel.quietHours ? `${channel.quietHours.start}–${channel.quietHours.end} (${channel.quietHours.timeZone})` : 'none'}</dd>
            {channel.kind === 'webhook' ? (
              <>
                <dt>Signing secret</dt>
                <dd>{channel.hasSecret ? 'set (shown only when created or rotated)' : 'none'}</dd>
              </>
            ) : null}
          </dl>
          <div className="row" style={{ marginTop: '0.6rem' }}>
            <button type="button" className="btn btn-small" disabled={test.isPending} onClick={() => test.mutate(channel.id)} aria-label={`Send a test to ${channel.name}`}>
              {test.isPending ? 'Sending…' : 'Send test'}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setEditing(true)} aria-label={`Edit ${channel.name}`}>
              Edit
            </button>
            {channel.kind === 'webhook' ? (
              confirm === 'rotate' ? (
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={rotate.isPending}
                  onClick={() => rotate.mutate(channel.id, { onSuccess: (rotated) => (setSecret(rotated), setConfirm(null)) })}
                >
                  Confirm: replace the secret of {channel.name} (the old one stops at once)
                </button>
              ) : (
                <button type="button" className="btn btn-small" onClick={() => setConfirm('rotate')} aria-label={`Rotate the secret of ${channel.name}`}>
                  Rotate secret
                </button>
              )
            ) : null}
            {confirm === 'delete' ? (
              <button type="button" className="btn btn-small" disabled={remove.isPending} onClick={() => remove.mutate(channel.id, { onSettled: () => setConfirm(null) })}>
                Confirm: delete {channel.name} and its history
              </button>
            ) : (
              <button type="button" className="btn btn-small" onClick={() => setConfirm('delete')} aria-label={`Delete ${channel.name}`}>
                Delete
              </button>
            )}
            {confirm ? (
              <button type="button" className="btn btn-small" onClick={() => setConfirm(null)}>
                Keep it
              </button>
            ) : null}
          </div>
          <div aria-live="polite">
            {outcome ? (
              <p className={`test-result ${outcome.ok ? 'test-result-ok' : 'test-result-failed'}`} data-testid="test-result">
                <strong>{outcome.ok ? '✓ ' : '✗ '}</strong>
                {outcome.text}
              </p>
            ) : null}
            {test.isError ? (
              <p className="test-result test-result-failed" data-testid="test-result">
                The test could not be sent: {test.error.message}
              </p>
            ) : null}
          </div>
          {actionError ? (
            <p className="field-error" role="alert">
              {actionError.message}
            </p>
          ) : null}
        </>
      )}
    </li>
  );
}
