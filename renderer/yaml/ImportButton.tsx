/**
 * Import of Kubernetes manifests or a docker-compose file: asks for a path (a file or a folder on
 * the machine running the rack) and opens the result as a new untitled patch, after asking to
 * discard unsaved changes as New and Open do. What was added (Nodes) is an info notice; what
 * could not be carried over goes to the Problems list, readable after the notice is gone.
 */
import { useState } from 'react';
import { confirmDiscard } from '../actions/file-actions';
import { notify, setProblems, useRack } from '../store/rackStore';

export function ImportButton() {
  const [asking, setAsking] = useState(false);
  const [path, setPath] = useState('');
  const run = async () => {
    const { client } = useRack.getState();
    if (!client || !path.trim()) return;
    if (!(await confirmDiscard())) return;
    const result = await client.request('yaml.import', { path: path.trim() });
    if (!result.ok) return notify('error', result.error);
    setAsking(false);
    const name = path.trim().split(/[\\/]/).pop() || path.trim();
    setProblems(result.warnings.length ? { title: `import of ${name}`, items: result.warnings } : null);
    const problems = result.warnings.length
      ? ` ${result.warnings.length} ${result.warnings.length === 1 ? 'thing was' : 'things were'} not carried over: see Notifications.`
      : '';
    notify(result.warnings.length ? 'warning' : 'info', [`Imported ${name}.`, ...result.notices].join(' ') + problems);
  };
  if (!asking)
    return (
      <button
        type="button"
        className="yaml-panel__button"
        title="Import Kubernetes manifests or a docker-compose.yaml"
        onClick={() => setAsking(true)}
        data-testid="yaml-import"
      >
        Import…
      </button>
    );
  return (
    <form
      className="yaml-import"
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      <input
        autoFocus
        className="yaml-import__path"
        placeholder="/path/to/manifests or docker-compose.yaml"
        value={path}
        onChange={(e) => setPath(e.target.value)}
        data-testid="yaml-import-path"
        aria-label="File or folder to import"
      />
      <button type="submit" className="yaml-panel__button" data-testid="yaml-import-go">
        Import
      </button>
      <button type="button" className="yaml-panel__button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </form>
  );
}
