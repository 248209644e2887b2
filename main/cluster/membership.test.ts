import { describe, expect, it } from 'vitest';
import { needsAdoption, otherOwners, ownedPaths } from './membership';

const cm = (labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels } });

describe('ApplySet membership', () => {
  it('an object missing the part-of label, or holding another set id, needs adoption', () => {
    const want = cm({ 'applyset.kubernetes.io/part-of': 'applyset-x-v1' });
    expect(needsAdoption(cm({}), want)).toBe(true);
    expect(needsAdoption(cm({ 'applyset.kubernetes.io/part-of': 'applyset-y-v1' }), want)).toBe(true);
    expect(needsAdoption(cm({ 'applyset.kubernetes.io/part-of': 'applyset-x-v1', other: 'kept' }), want)).toBe(false);
  });

  it('lists owned leaves without the map markers, metadata or status', () => {
    expect(
      ownedPaths({ 'f:data': { '.': {}, 'f:mode': {} }, 'f:metadata': { 'f:labels': {} }, 'f:status': { 'f:x': {} } }),
    ).toEqual(['f:data/f:mode']);
  });

  it('a manager owning only fields the rack owns too is not another owner; one with a field of its own is', () => {
    const ours = { manager: 'k8s-synth', operation: 'Apply', fieldsV1: { 'f:data': { 'f:mode': {} } } };
    const same = { manager: 'kubectl-client-side-apply', operation: 'Update', fieldsV1: { 'f:data': { '.': {}, 'f:mode': {} } } };
    const extra = { manager: 'someone', operation: 'Update', fieldsV1: { 'f:data': { 'f:extra': {} } } };
    const status = { manager: 'ctrl', operation: 'Update', subresource: 'status', fieldsV1: { 'f:status': { 'f:x': {} } } };
    expect(otherOwners([ours, same, status])).toEqual([]);
    expect(otherOwners([ours, same, extra])).toEqual(['someone']);
    // Without the rack's entry every field of another manager is its own.
    expect(otherOwners([same])).toEqual(['kubectl-client-side-apply']);
  });
});
