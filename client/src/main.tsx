import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { ApiProvider } from './api/api-provider';
import { startEarlySession } from './api/session-clients';
import { router } from './app-routes';
import { applyThemeChoice, readThemeChoice } from './features/shell/theme';
import { prefetchRoute } from './route-prefetch';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/login.css';
import './styles/features.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Before the first render, so that a dark choice never flashes light.
applyThemeChoice(readThemeChoice());
// Before the first render too: the opening page's requests start beside the viewer's.
prefetchRoute(window.location.pathname, startEarlySession());

createRoot(root).render(
  <StrictMode>
    <ApiProvider>
      <RouterProvider router={router} />
    </ApiProvider>
  </StrictMode>,
);
