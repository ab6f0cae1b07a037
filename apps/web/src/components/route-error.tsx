import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** Last resort for errors thrown while rendering a route (including a page chunk that failed to load). */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : 'Unknown error';
  return (
    <div className="shell">
      <main className="main">
        <div className="state state-error" role="alert">
          <strong>This page failed to load</strong>
          <p>{message}</p>
          <p>
            <Link to="/">Back to the fleet</Link> or reload the page.
          </p>
        </div>
      </main>
    </div>
  );
}
