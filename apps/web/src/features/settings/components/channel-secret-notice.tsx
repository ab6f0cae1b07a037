import type { CreatedChannelResponse } from '@spfwatch/contracts';
import { CopyButton } from '../../../components/copy-button';

/** A webhook's signing secret, shown once (after creation or rotation): the API never returns it again. */
export function ChannelSecretNotice({ channel, onDone }: { channel: CreatedChannelResponse; onDone: () => void }) {
  if (!channel.secret) return null;
  return (
    <div className="notice secret-box" role="status" style={{ marginBottom: '0.75rem' }}>
      <p style={{ margin: 0 }}>
        Signing secret of <strong>{channel.name}</strong> — copy it now, it is shown <strong>once</strong>. Verify <code>X-Spfwatch-Signature</code> with it (HMAC-SHA256 of the raw body).
      </p>
      <p className="row" style={{ margin: '0.4rem 0 0' }}>
        <code data-testid="channel-secret">{channel.secret}</code> <CopyButton text={channel.secret} label="Copy secret" />
        <button type="button" className="btn btn-small" onClick={onDone}>
          I have stored it
        </button>
      </p>
    </div>
  );
}
