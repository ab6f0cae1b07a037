import { useState, type ChangeEvent } from 'react';
import type { ClientResponse, ImportReport } from '@spfwatch/contracts';
import { ErrorState } from '../../../components/states';
import { useImportDomains } from '../api/import-domains';

const STATUS_CLASS: Record<string, string> = { created: 'ok', duplicate: 'unknown', invalid: 'broken' };

function ReportTable({ report }: { report: ImportReport }) {
  const [onlyProblems, setOnlyProblems] = useState(report.invalid > 0);
  const lines = onlyProblems ? report.lines.filter((l) => l.status !== 'created') : report.lines;
  return (
    <div data-testid="import-report">
      <p role="status">
        <strong>{report.dryRun ? 'Preview: ' : 'Imported: '}</strong>
        {report.created} {report.dryRun ? 'would be created' : 'created'}, {report.duplicates} duplicate{report.duplicates === 1 ? '' : 's'}, {report.invalid} invalid
        {report.clientsCreated.length > 0 ? ` · new client${report.clientsCreated.length === 1 ? '' : 's'}: ${report.clientsCreated.join(', ')}` : ''}.
        {!report.dryRun && report.invalid > 0 ? ' Nothing was imported: fix the invalid lines and import again.' : ''}
      </p>
      <label className="check small">
        <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} /> Only duplicates and invalid lines
      </label>
      <div className="table-wrap scroll-list" style={{ marginTop: '0.4rem' }}>
        <table>
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Result</th>
              <th scope="col">Domain</th>
              <th scope="col" className="hide-narrow">
                Client
              </th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.line}>
                <td className="num">{l.line}</td>
                <td>
                  <span className={`badge badge-${STATUS_CLASS[l.status] ?? 'unknown'}`}>{l.status}</span>
                </td>
                <td className="mono small break">{l.domain ?? l.input}</td>
                <td className="hide-narrow small">{l.client ?? ''}</td>
                <td className="small">{l.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Bulk import: paste or upload, preview with a dry run, then import all or nothing. */
export function ImportPanel({ clients, defaultClientId }: { clients: ClientResponse[]; defaultClientId: string | null }) {
  const [text, setText] = useState('');
  const [clientId, setClientId] = useState(defaultClientId ?? '');
  const [fileError, setFileError] = useState<string | null>(null);
  const importer = useImportDomains();

  const onFile = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileError(null);
    file.text().then(setText, (e: unknown) => setFileError(e instanceof Error ? e.message : 'The file could not be read'));
  };
  const run = (dryRun: boolean): void => {
    importer.mutate({ text, dryRun, ...(clientId ? { defaultClientId: clientId } : {}) });
  };

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import domains</h2>
      <p className="muted small" style={{ marginTop: 0 }}>
        A CSV with a header row <code>client,domain,tags</code> (tags separated by <code>;</code>), or one domain per line (optionally <code>client,domain</code>). Nothing is half-imported: any invalid line stops the import.
      </p>
      <div className="field">
        <label htmlFor="import-text">Domains</label>
        <textarea id="import-text" rows={7} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} placeholder={'client,domain,tags\nAcme,acme.example,vip;eu\nAcme,shop.acme.example,'} />
      </div>
      <div className="filters" style={{ marginTop: '0.6rem' }}>
        <div className="field">
          <label htmlFor="import-file">…or a file</label>
          <input id="import-file" type="file" accept=".csv,.txt,text/csv,text/plain" onChange={onFile} />
        </div>
        <div className="field">
          <label htmlFor="import-client">Client for lines without one</label>
          <select id="import-client" value={clientId} onChange={(e) => setClientId(e.target.value)}>
            <option value="">(each line names its client)</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn" onClick={() => run(true)} disabled={!text.trim() || importer.isPending}>
          Preview
        </button>
        <button type="button" className="btn btn-primary" onClick={() => run(false)} disabled={!text.trim() || importer.isPending}>
          {importer.isPending ? 'Working…' : 'Import'}
        </button>
      </div>
      {fileError ? <p className="field-error">{fileError}</p> : null}
      {importer.isError ? <ErrorState title="The import failed" error={importer.error} /> : null}
      {importer.data ? <ReportTable key={JSON.stringify([importer.data.dryRun, importer.data.created, importer.data.lines.length])} report={importer.data} /> : null}
    </section>
  );
}
