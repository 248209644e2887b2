import { describe, expect, it } from 'vitest';
import { searchCatalog } from './browser-search';

const entries = [
  { type: 'service', name: 'Service', description: 'A stable name in front of Pods.', tags: ['networking'] },
  { type: 'pod', name: 'Pod', description: 'The smallest thing Kubernetes runs.', tags: ['workload'] },
  { type: 'deployment', name: 'Deployment', description: 'Keeps Pods running.', tags: ['workload', 'apps/v1'] },
  { type: 'etcd', name: 'etcd', description: 'The cluster memory.', tags: ['control-plane'] },
];

const names = (q: string) => searchCatalog(entries, q).map((e) => e.name);

describe('searchCatalog', () => {
  it('lists everything by name for an empty query', () => {
    expect(names('  ')).toEqual(['Deployment', 'etcd', 'Pod', 'Service']);
  });

  it('puts name-prefix matches first, then tags, then descriptions, case-insensitively', () => {
    expect(names('POD')).toEqual(['Pod', 'Deployment', 'Service']);
    expect(names('workload')).toEqual(['Deployment', 'Pod']);
    expect(names('work')).toEqual(['Deployment', 'Pod', 'Service']);
    expect(names('control')).toEqual(['etcd']);
    expect(names('pods running')).toEqual(['Deployment']);
    expect(names('zzz')).toEqual([]);
  });
});
