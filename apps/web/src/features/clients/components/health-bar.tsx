import type { DomainCounts } from '@spfwatch/contracts';

const PARTS = [
  { key: 'broken', colour: '#b42318', label: 'broken' },
  { key: 'warning', colour: '#d99a00', label: 'warning' },
  { key: 'ok', colour: '#1d7a46', label: 'OK' },
  { key: 'unknown', colour: '#9ca3af', label: 'not checked' },
] as const;

/** A client's domains by status, as one stacked bar with a text equivalent. */
export function HealthBar({ counts }: { counts: DomainCounts }) {
  const text = PARTS.filter((p) => counts[p.key] > 0)
    .map((p) => `${counts[p.key]} ${p.label}`)
    .join(', ');
  if (counts.total === 0) return <span className="muted small">no domains</span>;
  return (
    <div>
      <div className="progress" style={{ display: 'flex', height: 8 }} role="img" aria-label={text}>
        {PARTS.map((p) =>
          counts[p.key] > 0 ? <div key={p.key} style={{ width: `${(counts[p.key] / counts.total) * 100}%`, background: p.colour }} /> : null,
        )}
      </div>
      <span className="small muted">{text}</span>
    </div>
  );
}
