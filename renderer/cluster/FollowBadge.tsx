/** On a module's faceplate: a red mark when follow mode's last apply of its object failed, the reason as its title. */
import { memo } from 'react';
import { useModuleFailures } from './followStore';
import './follow.css';

export const FollowBadge = memo(function FollowBadge({ moduleId }: { moduleId: string }) {
  const failures = useModuleFailures(moduleId);
  if (!failures.length) return null;
  const title = failures.map((f) => `${f.kind} ${f.name} was not applied: ${f.error}`).join('\n');
  return (
    <span className="follow-badge" data-testid={`follow-failed-${moduleId}`} title={title} role="img" aria-label={title}>
      !
    </span>
  );
});
