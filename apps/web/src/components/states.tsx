import type { ReactNode } from 'react';
import { isApiError } from '../api/http';

export function LoadingState({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}…
    </div>
  );
}

export function ErrorState({ error, title = 'Something went wrong', onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  const id = isApiError(error) ? error.correlationId : undefined;
  return (
    <div className="state state-error" role="alert">
      <strong>{title}</strong>
      <p>{message}</p>
      {id ? <p className="muted small">Reference: {id}</p> : null}
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children ? <div className="muted">{children}</div> : null}
    </div>
  );
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
  refetch: () => unknown;
}

/** Renders the loading or error state of a query, or its data through `children`. */
export function QueryBoundary<T>({ query, label, children }: { query: QueryLike<T>; label?: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <LoadingState {...(label ? { label } : {})} />;
  if (query.isError || query.data === undefined) {
    return <ErrorState error={query.error ?? 'No data'} onRetry={() => void query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}
