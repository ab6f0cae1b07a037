import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../../api/http';
import { useCreateClient } from '../api/create-client';

export function AddClientForm({ onCreated }: { onCreated: (id: string) => void }) {
  const [name, setName] = useState('');
  const create = useCreateClient();
  const errors = fieldErrors(create.error);
  const error = errors.name ?? (create.isError ? create.error.message : null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: (client) => {
          setName('');
          onCreated(client.id);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="row" aria-label="Add a client" style={{ alignItems: 'flex-end' }}>
      <div className="field" style={{ flex: '1 1 180px' }}>
        <label htmlFor="new-client-name">New client</label>
        <input id="new-client-name" type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="Client name" aria-invalid={error ? true : undefined} aria-describedby={error ? 'new-client-error' : undefined} />
      </div>
      <button type="submit" className="btn" disabled={create.isPending || !name.trim()}>
        Add client
      </button>
      {error ? (
        <span id="new-client-error" className="field-error" role="alert" style={{ flexBasis: '100%' }}>
          {error}
        </span>
      ) : null}
    </form>
  );
}
