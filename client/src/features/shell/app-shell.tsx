import { Toast } from 'radix-ui';
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { BrandMark } from '../../ui/brand-mark';
import { MenuIcon } from '../../ui/icons';
import { LoadingState } from '../../ui/states';
import { ViewerProvider } from '../auth/viewer';
import { ApprovalAlerts } from './approval-alerts';
import { ConnectionBanner } from './connection-banner';
import { MaestroSidebar } from './maestro-sidebar';

/**
 * The signed-in layout: sidebar, connection banner, the page, and approval alerts on top. On a
 * narrow screen the sidebar is a drawer behind the top bar's menu button, closed on navigation.
 */
export function AppShell() {
  const [navOpen, setNavOpen] = useState(false);
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the drawer.
  useEffect(() => setNavOpen(false), [pathname]);
  useEffect(() => {
    if (!navOpen) return;
    const close = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setNavOpen(false);
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [navOpen]);
  return (
    <ViewerProvider fallback={<LoadingState label="Loading your session…" />}>
      <Toast.Provider swipeDirection="right" label="Notification">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <div className="shell" data-nav-open={navOpen}>
          <MaestroSidebar id="sidebar" />
          {navOpen ? (
            <div className="sidebar-backdrop" aria-hidden="true" onClick={() => setNavOpen(false)} />
          ) : null}
          <div className="main">
            <header className="topbar">
              <button
                type="button"
                className="btn btn-ghost topbar-menu"
                aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
                aria-expanded={navOpen}
                aria-controls="sidebar"
                onClick={() => setNavOpen((open) => !open)}
              >
                <MenuIcon size={20} />
              </button>
              <BrandMark size={14} />
              <span className="topbar-title">Maestro</span>
            </header>
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
