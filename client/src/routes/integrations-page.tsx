// /maestro/integrations: connections, notification channels, API tokens, users, and the outbox of sent email.
import { usePermissions } from '../features/auth/viewer';
import { ApiTokensSection } from '../features/integrations/api-tokens';
import { Connections } from '../features/integrations/connections';
import { NotificationChannelsSection } from '../features/integrations/notification-channels';
import { OutboxSection } from '../features/integrations/outbox-section';
import { UsersSection } from '../features/integrations/users-section';
import { PageHeader } from '../ui/page-header';

const SECTIONS = [
  ['providers', 'LLM providers'],
  ['tools', 'Tools'],
  ['mcp', 'MCP servers'],
  ['mail', 'Mail'],
  ['notifications', 'Notification channels', 'admin'],
  ['api-tokens', 'API tokens', 'admin'],
  ['users', 'Users', 'admin'],
  ['outbox', 'Outbox'],
] as const;

export function IntegrationsPage() {
  const can = usePermissions();
  return (
    <>
      <PageHeader
        title="Integrations"
        description="What this deployment is connected to, who may use it, and the email agents have sent."
      />
      <nav className="anchor-nav" aria-label="Sections">
        {SECTIONS.filter((section) => section[2] !== 'admin' || can.administer).map(([id, label]) => (
          <a key={id} href={`#${id}`}>
            {label}
          </a>
        ))}
      </nav>
      <div className="stack-lg">
        <Connections />
        {can.configure ? <NotificationChannelsSection /> : null}
        {can.administer ? <ApiTokensSection /> : null}
        {can.administer ? <UsersSection /> : null}
        <OutboxSection />
      </div>
    </>
  );
}
