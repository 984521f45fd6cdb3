import { useEffect, useState, useSyncExternalStore } from 'react';
import { getConnectionState, subscribeConnectionState } from '../../api/connection-status';
import { WifiOffIcon } from '../../ui/icons';

/** Shows while the live connection is down; disappears by itself when graphql-ws reconnects. */
export function ConnectionBanner() {
  const state = useSyncExternalStore(subscribeConnectionState, getConnectionState);
  // A blip shorter than a second (a reconnect after a deploy) is not worth a flash of yellow.
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (state !== 'lost') {
      setVisible(false);
      return;
    }
    const timer = window.setTimeout(() => setVisible(true), 800);
    return () => window.clearTimeout(timer);
  }, [state]);
  if (!visible) return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      <WifiOffIcon />
      <span>Connection lost — reconnecting…</span>
    </div>
  );
}
