import { type ComponentType, useState } from 'react';
import { NavLink } from 'react-router-dom';
import { clearToken } from '../../api/session-store';
import { useThrottled } from '../../api/use-live';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import { BrandMark } from '../../ui/brand-mark';
import {
  AgentIcon,
  ApprovalIcon,
  ChartIcon,
  CheckIcon,
  DashboardIcon,
  KeyIcon,
  LogoutIcon,
  PlayIcon,
  PlugIcon,
  PolicyIcon,
} from '../../ui/icons';
import { ChangePasswordDialog } from '../auth/change-password-dialog';
import { useViewer } from '../auth/viewer';
import { useHitlEvents } from '../hitl/hitl-live';
import { ThemeToggle } from './theme-toggle';

const PendingApprovalCount = graphql(`
  query PendingApprovalCount {
    hitlRequests(status: PENDING, first: 100) {
      edges {
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

type NavItem = { to: string; label: string; icon: ComponentType<{ size?: number }>; end?: boolean };

const OPERATE: NavItem[] = [
  { to: '/', label: 'Dashboard', icon: DashboardIcon, end: true },
  { to: '/agents', label: 'Agents', icon: AgentIcon },
  { to: '/hitl', label: 'Approvals', icon: ApprovalIcon },
];
const ANALYSE: NavItem[] = [
  { to: '/runs', label: 'Runs', icon: PlayIcon },
  { to: '/evaluations', label: 'Evaluations', icon: CheckIcon },
  { to: '/observability', label: 'Observability', icon: ChartIcon },
  { to: '/governance', label: 'Governance', icon: PolicyIcon },
  { to: '/integrations', label: 'Integrations', icon: PlugIcon },
];

function usePendingCount(): { count: number; more: boolean } {
  const [{ data }, refetch] = useStickyQuery({ query: PendingApprovalCount });
  const refresh = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 500);
  useHitlEvents(refresh);
  return {
    count: data?.hitlRequests.edges.length ?? 0,
    more: data?.hitlRequests.pageInfo.hasNextPage ?? false,
  };
}

/** The console's navigation: every section, live pending-approval count, who is signed in. */
export function MaestroSidebar({ id }: { id: string }) {
  const viewer = useViewer();
  const pending = usePendingCount();
  const [changingPassword, setChangingPassword] = useState(false);
  const renderItem = (item: NavItem) => {
    const Icon = item.icon;
    const badge =
      item.to === '/hitl' && pending.count > 0 ? `${pending.count}${pending.more ? '+' : ''}` : null;
    return (
      <li key={item.to}>
        <NavLink to={item.to} end={item.end} className="sidebar-link">
          <Icon size={17} />
          <span>{item.label}</span>
          {badge ? (
            <span className="sidebar-badge" data-testid="pending-approvals-badge">
              {badge}
              <span className="visually-hidden"> pending</span>
            </span>
          ) : null}
        </NavLink>
      </li>
    );
  };
  const name = viewer.email ?? 'API token';
  return (
    <aside className="sidebar" id={id} aria-label="Sidebar">
      <NavLink to="/" className="sidebar-brand" aria-label="Maestro home">
        <BrandMark size={16} />
        <span>
          <span className="sidebar-brand-name" style={{ display: 'block' }}>
            Maestro
          </span>
          <span className="sidebar-brand-sub">Spark-Ops console</span>
        </span>
      </NavLink>
      <nav className="sidebar-nav" aria-label="Maestro">
        <div className="sidebar-section-label">Operate</div>
        <ul style={{ listStyle: 'none' }}>{OPERATE.map(renderItem)}</ul>
        <div className="sidebar-section-label">Analyse &amp; configure</div>
        <ul style={{ listStyle: 'none' }}>{ANALYSE.map(renderItem)}</ul>
      </nav>
      <div className="sidebar-footer">
        <div className="sidebar-user" data-testid="sidebar-viewer">
          <span className="avatar" aria-hidden="true">
            {name.charAt(0)}
          </span>
          <div style={{ minWidth: 0 }}>
            <div className="sidebar-user-email truncate" title={name}>
              {name}
            </div>
            <div className="sidebar-user-role">{viewer.role.toLowerCase()}</div>
          </div>
        </div>
        <ThemeToggle />
        <div className="row">
          <button type="button" className="btn btn-sm sidebar-signout" onClick={clearToken}>
            <LogoutIcon size={14} />
            Sign out
          </button>
          {viewer.email ? (
            <button
              type="button"
              className="btn btn-sm sidebar-signout sidebar-icon-button"
              aria-label="Change password"
              title="Change password"
              onClick={() => setChangingPassword(true)}
            >
              <KeyIcon size={14} />
            </button>
          ) : null}
        </div>
        <ChangePasswordDialog
          open={changingPassword}
          onOpenChange={setChangingPassword}
          needsCurrent={!viewer.viaLoginLink}
        />
      </div>
    </aside>
  );
}
