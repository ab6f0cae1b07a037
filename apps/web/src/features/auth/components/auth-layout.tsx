import type { ReactNode } from 'react';

/** The signed-out pages' frame: the brand and one card. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <main id="main" className="auth-card">
        <p className="brand auth-brand">
          <span className="brand-dot" aria-hidden="true" />
          spfwatch
        </p>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
