/**
 * How a case gets connected: the serial ports the OS lists (each with a Connect button; a listing
 * failure, such as a machine without udevadm, said plainly), and a path field for anything the OS
 * does not list, such as a virtual rack's pseudo-terminal.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useRack } from '../store/rackStore';
import { connectPath, scanPorts, useHardware } from './hardwareStore';

export function ConnectForm() {
  const client = useRack((s) => s.client);
  const scan = useHardware((s) => s.scan);
  const scanning = useHardware((s) => s.scanning);
  const connecting = useHardware((s) => s.connecting);
  const error = useHardware((s) => s.connectError);
  const [path, setPath] = useState('');

  useEffect(() => {
    if (client && useHardware.getState().scan === null) void scanPorts(client);
  }, [client]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (client) void connectPath(client, path).then((ok) => ok && setPath(''));
  };

  return (
    <section className="hw-section" aria-label="Connect a case">
      <div className="hw-section__head">
        <h3 className="hw-section__title">Serial ports</h3>
        <button
          type="button"
          className="shell-button shell-button--small"
          data-testid="hw-scan"
          disabled={!client || scanning}
          onClick={() => client && void scanPorts(client)}
        >
          {scanning ? 'Scanning…' : 'Scan'}
        </button>
      </div>
      {scan?.error && (
        <p className="hw-note hw-note--warn" data-testid="hw-scan-error">
          {scan.error}
        </p>
      )}
      {scan && !scan.error && scan.ports.length === 0 && (
        <p className="shell-muted hw-small" data-testid="hw-scan-empty">
          No serial ports found. Plug the rack’s USB cable in and scan again.
        </p>
      )}
      {scan && scan.ports.length > 0 && (
        <ul className="hw-ports" data-testid="hw-ports">
          {scan.ports.map((p) => (
            <li key={p.path} className="hw-port">
              <span className="hw-mono">{p.path}</span>
              <span className="shell-muted hw-small">{[p.manufacturer, p.serialNumber].filter(Boolean).join(' · ')}</span>
              <button
                type="button"
                className="shell-button shell-button--small"
                disabled={!client || connecting !== null}
                onClick={() => client && void connectPath(client, p.path)}
              >
                Connect
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="hw-connect" onSubmit={submit}>
        <label className="shell-field">
          <span className="shell-field__label">Connect by path</span>
          <input
            className="shell-input hw-mono"
            data-testid="hw-path"
            placeholder="/dev/ttyACM0 or /dev/pts/7"
            value={path}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setPath(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="shell-button shell-button--primary shell-button--small"
          data-testid="hw-connect"
          disabled={!client || connecting !== null}
        >
          {connecting ? 'Connecting…' : 'Connect'}
        </button>
      </form>
      <p className="shell-muted hw-small">
        No rack at hand? Run <code className="shell-code">k8s-synth virtual-rack</code> and paste the path it prints.
      </p>
      {error && (
        <p className="shell-field-error" role="alert" data-testid="hw-connect-error">
          {error}
        </p>
      )}
    </section>
  );
}
