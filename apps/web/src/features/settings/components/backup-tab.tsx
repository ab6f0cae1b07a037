import type { ConfigImportReport } from '@spfwatch/contracts';
import { type ChangeEvent, useRef, useState } from 'react';
import { isApiError } from '../../../api/http';
import { CopyButton } from '../../../components/copy-button';
import { EmptyState, LoadingState } from '../../../components/states';
import { useRole } from '../../auth/api/use-role';
import { exportConfigurationUrl } from '../api/export-configuration';
import { useImportConfiguration } from '../api/import-configuration';
import { changesNothing, issuesOf, readConfigFile, scopeLabel } from '../utils/config-import';

/** Settings → Backup (owners and admins): the configuration as a JSON file, and its import (owners). */
export function BackupTab() {
  const { role, can } = useRole();
  return (
    <>
      <section className="panel" aria-labelledby="export-title">
        <h2 id="export-title">Export configuration</h2>
        <p style={{ marginTop: 0 }}>
          One JSON file with the clients and their domains (tags, check interval, paused), the alert policies, the notification channels and the weekly report schedule — by name, so it
          imports into another organization or another spfwatch. Webhook signing secrets are never in it (an import makes new ones). History — snapshots, checks, alerts, reports, the audit
          log — is not configuration: back up the database for that (see docs/backups.md).
        </p>
        <p className="notice small">The file holds the channels’ recipients and URLs (a Slack webhook URL works as a password): keep it somewhere safe.</p>
        <a className="btn btn-primary" href={exportConfigurationUrl()} download>
          Export configuration
        </a>
      </section>

      <section className="panel" aria-labelledby="import-title">
        <h2 id="import-title">Import configuration</h2>
        {role === undefined ? (
          <LoadingState label="Loading your role" />
        ) : can('owner') ? (
          <ImportConfiguration />
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            Only owners import a configuration.
          </p>
        )}
      </section>
    </>
  );
}

function ImportConfiguration() {
  const preview = useImportConfiguration();
  const apply = useImportConfiguration();
  const [file, setFile] = useState<{ name: string; document: unknown } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [secretsStored, setSecretsStored] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const choose = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const chosen = event.target.files?.[0];
    preview.reset();
    apply.reset();
    setFile(null);
    setFileError(null);
    setSecretsStored(false);
    if (!chosen) return;
    let read: ReturnType<typeof readConfigFile>;
    try {
      read = readConfigFile(await readText(chosen));
    } catch {
      read = { ok: false, message: 'This file could not be read.' };
    }
    if (!read.ok) {
      setFileError(read.message);
      return;
    }
    setFile({ name: chosen.name, document: read.document });
    preview.mutate({ document: read.document, dryRun: true });
  };

  const cancel = (): void => {
    preview.reset();
    apply.reset();
    setFile(null);
    setFileError(null);
    if (input.current) input.current.value = '';
  };

  const done = apply.data;
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>
        Merged by name, nothing is deleted: clients, domains and channels that exist are left as they are; a policy replaces the one of its scope; the report schedule is set when the file
        has one. You see what would change before anything is written, and everything is written at once or not at all.
      </p>
      <div className="field">
        <label htmlFor="config-file">
          Configuration file <span className="field-hint">(JSON, from “Export configuration”)</span>
        </label>
        <input
          ref={input}
          id="config-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => void choose(e)}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? 'config-file-error' : undefined}
        />
        {fileError ? (
          <span id="config-file-error" className="field-error" role="alert">
            {fileError}
          </span>
        ) : null}
      </div>

      {preview.isPending ? <LoadingState label="Checking the file (nothing is written)" /> : null}
      {preview.isError ? <ImportError error={preview.error} title="This file cannot be imported" /> : null}

      {preview.data && !done ? (
        <div className="stack" aria-labelledby="preview-title">
          <h3 id="preview-title" style={{ margin: 0 }}>
            Preview of {file?.name ?? 'the file'} <span className="muted small">(nothing imported yet)</span>
          </h3>
          <ImportReportView report={preview.data} />
          {changesNothing(preview.data) ? (
            <EmptyState title="Nothing to import">Everything in this file is already here{preview.data.domains.invalid.length > 0 ? ' (or invalid)' : ''}.</EmptyState>
          ) : null}
          {apply.isPending ? <LoadingState label="Importing" /> : null}
          {apply.isError ? <ImportError error={apply.error} title="Nothing was imported" /> : null}
          <p className="row" style={{ margin: 0 }}>
            {!changesNothing(preview.data) ? (
              <button type="button" className="btn btn-primary" disabled={apply.isPending} onClick={() => file && apply.mutate({ document: file.document, dryRun: false })}>
                Import
              </button>
            ) : null}
            <button type="button" className="btn" disabled={apply.isPending} onClick={cancel}>
              Cancel
            </button>
          </p>
        </div>
      ) : null}

      {done ? (
        <div className="stack" aria-labelledby="imported-title">
          <h3 id="imported-title" className="ok-text" aria-live="polite" style={{ margin: 0 }}>
            Imported {file?.name ?? 'the file'}.
          </h3>
          {done.channels.secrets.length > 0 && !secretsStored ? (
            <div className="notice secret-box" role="status">
              <p style={{ margin: 0 }}>
                Signing secrets of the new webhooks — copy them now, they are shown <strong>once</strong>. Verify <code>X-Spfwatch-Signature</code> with them (HMAC-SHA256 of the raw
                body).
              </p>
              <ul className="plain-list" style={{ marginTop: '0.4rem' }}>
                {done.channels.secrets.map((s) => (
                  <li key={s.name} className="row">
                    <strong>{s.name}</strong> <code data-testid="import-secret">{s.secret}</code> <CopyButton text={s.secret} label={`Copy the secret of ${s.name}`} />
                  </li>
                ))}
              </ul>
              <p style={{ margin: '0.4rem 0 0' }}>
                <button type="button" className="btn btn-small" onClick={() => setSecretsStored(true)}>
                  I have stored them
                </button>
              </p>
            </div>
          ) : null}
          <ImportReportView report={done} />
          <p style={{ margin: 0 }}>
            <button type="button" className="btn" onClick={cancel}>
              Import another file
            </button>
          </p>
        </div>
      ) : null}
    </div>
  );
}

/** The file's text (FileReader: what every browser, and jsdom, has). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

function ImportError({ error, title }: { error: unknown; title: string }) {
  const issues = isApiError(error) ? issuesOf(error.details) : [];
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="state state-error" role="alert">
      <strong>{title}</strong>
      {issues.length > 0 ? (
        <ul className="plain-list scroll-list" aria-label="Problems in the file">
          {issues.map((i, n) => (
            <li key={`${i.path}-${n}`} className="break">
              {i.path ? <code>{i.path}</code> : null} {i.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="break">{message}</p>
      )}
      {isApiError(error) && error.correlationId ? <p className="muted small">Reference: {error.correlationId}</p> : null}
    </div>
  );
}

/** Each kind of item with how many are new, already here, changed…; the names behind a disclosure. */
function ImportReportView({ report }: { report: ConfigImportReport }) {
  const verb = report.dryRun ? { created: 'to create', updated: 'to update' } : { created: 'created', updated: 'updated' };
  return (
    <div className="stack">
      <ReportGroup title="Clients" lists={[[verb.created, report.clients.created], ['already here', report.clients.existing]]} />
      <ReportGroup title="Domains" lists={[[verb.created, report.domains.created], ['already here (left as they are)', report.domains.existing]]} />
      {report.domains.invalid.length > 0 ? (
        <div>
          <strong>
            {report.domains.invalid.length} domain{report.domains.invalid.length === 1 ? '' : 's'} not imported
          </strong>
          <ul className="plain-list scroll-list" aria-label="Domains not imported">
            {report.domains.invalid.map((d, i) => (
              <li key={`${d.name}-${i}`} className="break">
                <code>{d.name}</code> — {d.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ReportGroup
        title="Alert policies"
        lists={[
          [verb.created, report.policies.created.map(scopeLabel)],
          [verb.updated, report.policies.updated.map(scopeLabel)],
          ['unchanged', report.policies.unchanged.map(scopeLabel)],
        ]}
      />
      <ReportGroup title="Notification channels" lists={[[verb.created, report.channels.created], ['already here', report.channels.existing]]} />
      <p style={{ margin: 0 }}>
        <strong>Weekly report schedule:</strong> {report.schedule === 'updated' ? (report.dryRun ? 'to update' : 'updated') : 'unchanged'}
      </p>
    </div>
  );
}

function ReportGroup({ title, lists }: { title: string; lists: Array<[string, string[]]> }) {
  const shown = lists.filter(([, names]) => names.length > 0);
  return (
    <div>
      <strong>{title}:</strong> {shown.length === 0 ? <span className="muted">none in the file</span> : shown.map(([label, names]) => `${names.length} ${label}`).join(', ')}
      {shown.map(([label, names]) => (
        <details key={label}>
          <summary>
            {names.length} {label}
          </summary>
          <ul className="plain-list scroll-list break">
            {names.map((name, i) => (
              <li key={`${name}-${i}`}>{name}</li>
            ))}
          </ul>
        </details>
      ))}
    </div>
  );
}
