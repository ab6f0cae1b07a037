import type { ClientResponse } from '@spfwatch/contracts';

/** Checkboxes for the clients a client viewer (person or token) may see. */
export function ClientPicker({ clients, value, onChange, legend }: { clients: ClientResponse[]; value: string[]; onChange: (ids: string[]) => void; legend: string }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {clients.length === 0 ? <p className="muted small">No clients yet.</p> : null}
      {clients.map((c) => (
        <label key={c.id} className="check">
          <input type="checkbox" checked={value.includes(c.id)} onChange={(e) => onChange(e.target.checked ? [...value, c.id] : value.filter((id) => id !== c.id))} />
          {c.name}
        </label>
      ))}
    </fieldset>
  );
}
