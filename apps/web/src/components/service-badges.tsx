export interface ServiceLike {
  id: string;
  name: string;
  include?: string;
}

export function ServiceBadges({ services, empty = 'No known sending service' }: { services: readonly ServiceLike[]; empty?: string }) {
  const unique = [...new Map(services.map((s) => [s.id, s])).values()];
  if (unique.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="chips" aria-label="Sending services">
      {unique.map((s) => (
        <li key={s.id} className="chip chip-service" title={s.include ? `via include:${s.include}` : s.name}>
          {s.name}
        </li>
      ))}
    </ul>
  );
}
