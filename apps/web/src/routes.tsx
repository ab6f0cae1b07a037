import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppShell } from './components/app-shell';
import { NotFoundPage } from './components/not-found-page';
import { RouteError } from './components/route-error';

// Every page is its own chunk: recharts only loads with the pages that draw charts.
const FleetPage = lazy(() => import('./features/fleet/fleet-page'));
const DomainPage = lazy(() => import('./features/domain/domain-page'));
const AlertsPage = lazy(() => import('./features/alerts/alerts-page'));
const ClientsPage = lazy(() => import('./features/clients/clients-page'));
const ToolsPage = lazy(() => import('./features/tools/tools-page'));
const SettingsPage = lazy(() => import('./features/settings/settings-page'));

export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <FleetPage /> },
      { path: 'domains/:domainId', element: <DomainPage /> },
      { path: 'alerts', element: <AlertsPage /> },
      { path: 'clients', element: <ClientsPage /> },
      { path: 'tools', element: <Navigate to="/tools/check-ip" replace /> },
      { path: 'tools/:tool', element: <ToolsPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
