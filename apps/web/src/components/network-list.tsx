export interface NetworkLike {
  cidr: string;
  path: string[];
  term: string;
}

/** Authorised networks with where each comes from ("via include:_spf.google.com → _netblocks.google.com"). */
export function NetworkList({ networks, limit = 200, emptyText = 'No fixed networks.', className }: { networks: readonly NetworkLike[]; limit?: number; emptyText?: string; className?: string }) {
  if (networks.length === 0) return <p className="muted">{emptyText}</p>;
  const shown = networks.slice(0, limit);
  return (
    <div className="table-wrap scroll-list">
      <table className={className}>
        <thead>
          <tr>
            <th scope="col">Network</th>
            <th scope="col" className="hide-narrow">
              Term
            </th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((n, i) => (
            <tr key={`${n.cidr}-${i}`}>
              <td className="mono nowrap">{n.cidr}</td>
              <td className="mono hide-narrow">{n.term}</td>
              <td className="small">{n.path.length <= 1 ? <span className="muted">own record</span> : n.path.slice(1).join(' → ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {networks.length > shown.length ? <p className="muted small">…and {networks.length - shown.length} more.</p> : null}
    </div>
  );
}
