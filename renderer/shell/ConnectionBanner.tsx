/**
 * In web mode the page talks to the rack editor over a WebSocket; when it drops, edits cannot
 * reach main, so the banner says so plainly while the transport reconnects.
 */
import { useRack } from '../store/rackStore';
import './shell.css';

/** The banner while the WebSocket is down; nothing while it is open (or still connecting). */
export function ConnectionBanner() {
  const connection = useRack((s) => s.connection);
  if (connection !== 'lost' && connection !== 'reconnecting') return null;
  return (
    <div className="shell-banner" role="alert" data-testid="connection-banner">
      Connection to the rack editor lost — reconnecting…
    </div>
  );
}
