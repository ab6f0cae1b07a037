/** "7 / 10 DNS lookups" with a bar that turns amber at 8 and red over 10. */
export function LookupMeter({ count, limit = 10 }: { count: number; limit?: number }) {
  const level = count > limit ? 'broken' : count >= 8 ? 'warning' : 'ok';
  return (
    <div className="stat">
      <span className="stat-value">
        {count} <span className="muted small">/ {limit}</span>
      </span>
      <span className="muted small">DNS lookups</span>
      <div className="progress" style={{ width: 140, marginTop: 4 }} role="meter" aria-valuemin={0} aria-valuemax={limit} aria-valuenow={count} aria-label={`${count} of ${limit} DNS lookups`}>
        <div className={`progress-bar${level === 'broken' ? ' progress-bar-failed' : ''}`} style={{ width: `${Math.min(100, (count / limit) * 100)}%`, background: level === 'warning' ? '#d99a00' : undefined }} />
      </div>
    </div>
  );
}
