import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppShell } from './components/app-shell';
import { NotFoundPage } from './components/not-found-page';
import { LoadingState } from './components/states';
import { RouteError } from './components/route-error';
import { RequireAuth } from './features/auth/components/require-auth';

// Every page is its own chunk: recharts only loads with the pages that draw charts.
const FleetPage = lazy(() => import('./features/fleet/fleet-page'));
const DomainPage = lazy(() => import('./features/domain/domain-page'));
const AlertsPage = lazy(() => import('./features/alerts/alerts-page'));
const ClientsPage = lazy(() => import('./features/clients/clients-page'));
const ReportsPage = lazy(() => import('./features/reports/reports-page'));
const ToolsPage = lazy(() => import('./features/tools/tools-page'));
const SettingsPage = lazy(() => import('./features/settings/settings-page'));
const LoginPage = lazy(() => import('./features/auth/login-page'));
const SetupPage = lazy(() => import('./features/auth/setup-page'));
const InvitePage = lazy(() => import('./features/auth/invite-page'));

/** A signed-out page's chunk, with the same loading and error states as the shell's pages. */
function Public({ page: Page }: { page: ComponentType }) {
  return (
    <Suspense fallback={<LoadingState label="Loading page" />}>
      <Page />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <Public page={LoginPage} />, errorElement: <RouteError /> },
  { path: '/setup', element: <Public page={SetupPage} />, errorElement: <RouteError /> },
  { path: '/invite/:token', element: <Public page={InvitePage} />, errorElement: <RouteError /> },
  {
    // Everything below needs a session (or sends the user to /setup or /login).
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        path: '/',
        element: <AppShell />,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <FleetPage /> },
          { path: 'domains/:domainId', element: <DomainPage /> },
          { path: 'alerts', element: <AlertsPage /> },
          { path: 'clients', element: <ClientsPage /> },
          { path: 'reports', element: <ReportsPage /> },
          { path: 'tools', element: <Navigate to="/tools/check-ip" replace /> },
          { path: 'tools/:tool', element: <ToolsPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
