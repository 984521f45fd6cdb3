import { Toast } from 'radix-ui';
import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { LoadingState } from '../../ui/states';
import { ViewerProvider } from '../auth/viewer';
import { ApprovalAlerts } from './approval-alerts';
import { ConnectionBanner } from './connection-banner';
import { MaestroSidebar } from './maestro-sidebar';

/** The signed-in layout: sidebar, connection banner, the page, and approval alerts on top. */
export function AppShell() {
  return (
    <ViewerProvider fallback={<LoadingState label="Loading your session…" />}>
      <Toast.Provider swipeDirection="right" label="Notification">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <div className="shell">
          <MaestroSidebar />
          <div className="main">
            <ConnectionBanner />
            <main className="content" id="main">
              <Suspense fallback={<LoadingState />}>
                <Outlet />
              </Suspense>
            </main>
          </div>
        </div>
        <ApprovalAlerts />
        <Toast.Viewport className="toast-viewport" label="Alerts ({hotkey})" />
      </Toast.Provider>
    </ViewerProvider>
  );
}
