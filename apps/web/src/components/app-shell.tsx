import { Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import type { Role } from '@spfwatch/contracts';
import { useMe } from '../features/auth/api/get-me';
import { UserMenu } from '../features/auth/components/user-menu';
import { LoadingState } from './states';

const NAV = [
  { to: '/', label: 'Fleet', end: true },
  { to: '/alerts', label: 'Alerts', end: false },
  { to: '/clients', label: 'Clients', end: false },
  { to: '/reports', label: 'Reports', end: false },
  { to: '/tools', label: 'Tools', end: false },
  { to: '/settings', label: 'Settings', end: false, hiddenFor: ['client_viewer'] as Role[] },
] as const;

export function AppShell() {
  const location = useLocation();
  const role = useMe().data?.role;
  const nav = NAV.filter((item) => !('hiddenFor' in item) || role === undefined || !item.hiddenFor.includes(role));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label="spfwatch home">
          <span className="brand-dot" aria-hidden="true" />
          spfwatch
        </NavLink>
        <nav aria-label="Main">
          <ul className="nav-list">
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <UserMenu />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {/* A page's chunk loads here; keyed by path so a failed page does not stick. */}
        <Suspense key={location.pathname} fallback={<LoadingState label="Loading page" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
