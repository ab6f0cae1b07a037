import { useState } from 'react';
import { Link } from 'react-router';
import { useFailedNotifications } from '../../../api/get-notifications';
import { formatRelative, plural } from '../../../utils/format';

const SEEN_KEY = 'spfwatch.failedNotificationsSeen';

function readSeen(): string | null {
  try {
    return window.localStorage.getItem(SEEN_KEY);
  } catch {
    return null;
  }
}

/**
 * On the page everyone opens first: alerts or reports that never reached their channel after
 * every retry ("is anyone being told?"). Dismissing hides it until a newer one fails.
 */
export function FailedNotificationsBanner({ enabled }: { enabled: boolean }) {
  const failed = useFailedNotifications({ enabled });
  const [seen, setSeen] = useState(readSeen);
  const data = failed.data;
  if (!data || data.total === 0 || !data.latestAt || (seen !== null && seen >= data.latestAt)) return null;
  const dismiss = (): void => {
    try {
      window.localStorage.setItem(SEEN_KEY, data.latestAt!);
    } catch {
      // Private mode: it hides for this visit only.
    }
    setSeen(data.latestAt);
  };
  return (
    <div className="banner-failed" role="alert" data-testid="failed-notifications-banner">
      <p>
        <strong>{plural(data.total, 'notification')} could not be delivered</strong> after every retry — the latest {formatRelative(data.latestAt)}. The channels they were for never received them.
      </p>
      <Link className="btn btn-small" to="/settings?tab=notifications&status=failed">
        See what failed
      </Link>
      <button type="button" className="btn btn-small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
