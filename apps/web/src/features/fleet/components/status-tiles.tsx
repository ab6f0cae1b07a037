import type { DomainStatusValue, FleetSummary } from '@spfwatch/contracts';

const TILES: Array<{ status: DomainStatusValue; label: string }> = [
  { status: 'broken', label: 'Broken' },
  { status: 'warning', label: 'Warning' },
  { status: 'ok', label: 'OK' },
  { status: 'unknown', label: 'Not checked yet' },
];

/** "Is anything broken?" — one tile per status; a tile filters the table below. */
export function StatusTiles({ counts, selected, onSelect }: { counts: FleetSummary['counts']; selected: DomainStatusValue | ''; onSelect: (status: DomainStatusValue | '') => void }) {
  return (
    <div className="tiles" role="group" aria-label="Domains by status">
      {TILES.map((t) => (
        <button key={t.status} type="button" className={`tile tile-${t.status}`} aria-pressed={selected === t.status} onClick={() => onSelect(selected === t.status ? '' : t.status)}>
          <span className="tile-count">{counts[t.status].toLocaleString()}</span>
          <span className="tile-label">{t.label}</span>
        </button>
      ))}
    </div>
  );
}
