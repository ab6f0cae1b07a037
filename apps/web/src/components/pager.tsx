export function Pager({ page, pageSize, total, onPage, label = 'items' }: { page: number; pageSize: number; total: number; onPage: (page: number) => void; label?: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted">
        {from.toLocaleString()}–{to.toLocaleString()} of {total.toLocaleString()} {label}
      </span>
      <span className="pager-buttons">
        <button type="button" className="btn btn-small" onClick={() => onPage(1)} disabled={page <= 1} aria-label="First page">
          «
        </button>
        <button type="button" className="btn btn-small" onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label="Previous page">
          ‹ Prev
        </button>
        <span aria-current="page">
          Page {page} of {pages.toLocaleString()}
        </span>
        <button type="button" className="btn btn-small" onClick={() => onPage(page + 1)} disabled={page >= pages} aria-label="Next page">
          Next ›
        </button>
        <button type="button" className="btn btn-small" onClick={() => onPage(pages)} disabled={page >= pages} aria-label="Last page">
          »
        </button>
      </span>
    </nav>
  );
}
