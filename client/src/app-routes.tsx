// The console's routes (ARCHITECTURE.md §8), all under /maestro. Pages load on demand.
import { createBrowserRouter } from 'react-router-dom';
import { AppShell } from './features/shell/app-shell';
import { RequireAuth } from './features/shell/require-auth';
import { LoginPage } from './routes/login-page';
import { RouteError } from './routes/route-error';
import { LoadingState } from './ui/states';

export const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginPage /> },
    {
      element: (
        <RequireAuth>
          <AppShell />
        </RequireAuth>
      ),
      hydrateFallbackElement: <LoadingState />,
      children: [
        {
          // Errors of a page render inside the shell, with the sidebar still there.
          errorElement: <RouteError />,
          children: [
            {
              index: true,
              lazy: async () => ({ Component: (await import('./routes/dashboard-page')).DashboardPage }),
            },
            {
              path: 'agents',
              lazy: async () => ({ Component: (await import('./routes/agents-page')).AgentsPage }),
            },
            {
              path: 'agents/:id',
              lazy: async () => ({ Component: (await import('./routes/agent-detail-page')).AgentDetailPage }),
            },
            {
              path: 'runs',
              lazy: async () => ({ Component: (await import('./routes/runs-page')).RunsPage }),
            },
            {
              path: 'runs/:id',
              lazy: async () => ({ Component: (await import('./routes/run-page')).RunPage }),
            },
            {
              path: 'evaluations',
              lazy: async () => ({ Component: (await import('./routes/evaluations-page')).EvaluationsPage }),
            },
            {
              path: 'hitl',
              lazy: async () => ({ Component: (await import('./routes/hitl-page')).HitlPage }),
            },
            {
              path: 'observability',
              lazy: async () => ({
                Component: (await import('./routes/observability-page')).ObservabilityPage,
              }),
            },
            {
              path: 'governance',
              lazy: async () => ({ Component: (await import('./routes/governance-page')).GovernancePage }),
            },
            {
              path: 'integrations',
              lazy: async () => ({
                Component: (await import('./routes/integrations-page')).IntegrationsPage,
              }),
            },
            {
              path: '*',
              lazy: async () => ({ Component: (await import('./routes/not-found-page')).NotFoundPage }),
            },
          ],
        },
      ],
    },
  ],
  { basename: '/maestro' },
);
