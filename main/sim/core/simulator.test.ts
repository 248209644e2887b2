/** One test per semantic rule of main/sim/README.md, on a manual clock (the simulator's own fixed steps). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPatch, examplePatch, simCatalog } from '../../../tests/helpers/sim';
import type { Patch } from '../../patch/model';
import { Simulator } from './simulator';
import type { SimEvent } from './types';

/** No jitter: delays are exact, so a test can say "ready after 2.5 s". */
const EXACT = { jitter: 0 };
const sim = (patch: Patch, seed = 1) => new Simulator(patch, simCatalog(), { seed, config: EXACT });
const phase = (s: Simulator, pod: string) => s.states.pods.get(pod)?.phase;
const reasons = (events: SimEvent[], object?: string) =>
  events.filter((e) => !object || e.object === object).map((e) => e.reason);

/** A Deployment with `pods` Pods patched to its claim/ready pairs, all on one Node. */
function deploymentPatch(replicas: number, pods: number, node: { capacity?: number; cordon?: number } = {}): Patch {
  const modules: Parameters<typeof buildPatch>[0] = {
    dep: { type: 'deployment', params: { replicas } },
    node: { type: 'node', params: { capacity: node.capacity ?? 4000, cordon: node.cordon ?? 0 } },
  };
  const cables: string[] = [];
  for (let i = 1; i <= pods; i++) {
    modules[`p${i}`] = { type: 'pod', params: { cpu: 250 } };
    cables.push(`dep.claim-${i} -> p${i}.life`, `p${i}.ready -> dep.ready-${i}`, `p${i}.load -> node.load`);
  }
  return buildPatch(modules, cables);
}

describe('Deployment', () => {
  it('reconciles on its internal 1 s clock when RECONCILE is unpatched, and Pods go Ready after the configured delays', () => {
    const s = sim(deploymentPatch(3, 3));
    s.advance(990);
    expect(phase(s, 'p1')).toBe('Absent'); // nothing claimed before the first internal tick
    // 1 s reconcile + 1 step for the claim to reach LIFE + scheduleMs 300 + createMs 1200 + readyMs 1000
    s.advance(3520);
    expect(['p1', 'p2', 'p3'].map((p) => phase(s, p))).toEqual(['Ready', 'Ready', 'Ready']);
    s.advance(1000); // the next reconcile writes the status
    expect(s.outputs().volts['dep/ready-count']).toBe(10);
    expect(s.describe('dep')).toContain('COUNT out:    10.00 V');
  });

  it('scaling replicas 3 -> 5 gives two new Pods, Ready after the configured delay', () => {
    const patch = deploymentPatch(3, 6);
    const s = sim(patch);
    s.advance(6000);
    expect(['p1', 'p2', 'p3', 'p4', 'p5'].map((p) => phase(s, p))).toEqual(['Ready', 'Ready', 'Ready', 'Absent', 'Absent']);
    const scaled = { ...patch, modules: patch.modules.map((m) => (m.id === 'dep' ? { ...m, params: { replicas: 5 } } : m)) };
    s.setPatch(scaled);
    const events = s.advance(1000);
    expect(events.find((e) => e.reason === 'ScalingReplicaSet')?.message).toBe('Scaled up replica set dep to 5');
    s.advance(2600);
    expect(['p4', 'p5', 'p6'].map((p) => phase(s, p))).toEqual(['Ready', 'Ready', 'Absent']);
    expect(phase(s, 'p1')).toBe('Ready'); // the old Pods kept running through the edit
  });

  it('replicas above the patched Pods: a FailedCreate warning, and the ready count never reaches 10 V', () => {
    const s = sim(deploymentPatch(4, 2));
    const events = s.advance(8000);
    expect(events.filter((e) => e.reason === 'FailedCreate').map((e) => e.message)).toEqual([
      'no Pod patched to CLAIM 3, 4: those replicas cannot start',
    ]);
    expect(s.outputs().volts['dep/ready-count']).toBe(5); // 10 V × 2 ready / 4 desired
  });

  it('scaling down releases the highest slots: their Pods terminate', () => {
    const patch = deploymentPatch(3, 3);
    const s = sim(patch);
    s.advance(6000);
    s.setPatch({ ...patch, modules: patch.modules.map((m) => (m.id === 'dep' ? { ...m, params: { replicas: 1 } } : m)) });
    const events = s.advance(1000 + 700);
    expect(reasons(events, 'p3')).toContain('Killing');
    expect(['p1', 'p2', 'p3'].map((p) => phase(s, p))).toEqual(['Ready', 'Absent', 'Absent']);
  });
});

describe('Pod', () => {
  it('a bare Pod (LIFE unpatched) runs on its own; with LOAD unpatched it stays Pending, FailedScheduling', () => {
    const s = sim(buildPatch({ p: { type: 'pod' }, q: { type: 'pod' }, n: { type: 'node' } }, ['p.load -> n.load']));
    const events = s.advance(3000);
    expect(phase(s, 'p')).toBe('Ready');
    expect(phase(s, 'q')).toBe('Pending');
    expect(events.filter((e) => e.object === 'q').map((e) => e.reason)).toEqual(['FailedScheduling']);
    expect(s.outputs().volts['p/load']).toBe(0.3); // 250 m → 0.25 V, shown to 0.1 V
  });

  it('killed: CrashLoopBackOff with a doubling backoff, then back to Ready', () => {
    const s = sim(buildPatch({ p: { type: 'pod' }, n: { type: 'node' } }, ['p.load -> n.load']));
    s.advance(3000);
    expect(s.fault({ kind: 'kill-pod', target: 'p' })).toEqual({ ok: true });
    expect(phase(s, 'p')).toBe('CrashLoopBackOff');
    let events = s.advance(1000 + 600 + 1000 + 20);
    expect(reasons(events, 'p').slice(0, 3)).toEqual(['Killed', 'BackOff', 'Pulled']);
    expect(events.find((e) => e.reason === 'BackOff')?.message).toBe('Back-off 1s restarting failed container (restart 1)');
    expect(phase(s, 'p')).toBe('Ready');
    s.fault({ kind: 'kill-pod', target: 'p' });
    events = s.advance(1000);
    expect(events.find((e) => e.reason === 'BackOff')?.message).toBe('Back-off 2s restarting failed container (restart 2)');
    expect(phase(s, 'p')).toBe('CrashLoopBackOff'); // the second wait is 2 s
    events = s.advance(1000 + 600 + 1000 + 20);
    expect(phase(s, 'p')).toBe('Ready');
    expect(s.states.pods.get('p')?.restarts).toBe(2);
    void events;
  });
});

describe('Node', () => {
  it('cordon blocks placement and drives the CORDONED gate; uncordon lets the Pod in', () => {
    const patch = deploymentPatch(1, 1, { cordon: 1 });
    const s = sim(patch);
    const events = s.advance(3000);
    expect(phase(s, 'p1')).toBe('Pending');
    expect(events.find((e) => e.reason === 'FailedScheduling')?.message).toBe('Node node is cordoned (unschedulable)');
    expect(s.outputs().volts['node/cordoned']).toBe(10);
    expect(s.outputs().lights['node/cordon-led']).toBe(1);
    s.setPatch({
      ...patch,
      modules: patch.modules.map((m) => (m.id === 'node' ? { ...m, params: { capacity: 4000, cordon: 0 } } : m)),
    });
    s.advance(2600);
    expect(phase(s, 'p1')).toBe('Ready');
  });

  it('insufficient capacity keeps a Pod Pending; utilization is load over capacity', () => {
    const s = sim(deploymentPatch(3, 3, { capacity: 500 }));
    s.advance(5000);
    expect(['p1', 'p2', 'p3'].map((p) => phase(s, p))).toEqual(['Ready', 'Ready', 'Pending']);
    expect(s.states.pods.get('p3')?.reason).toBe('insufficient cpu');
    expect(s.outputs().volts['node/util']).toBe(10);
    expect(s.outputs().lights['node/util-led']).toBe(1);
  });

  it('overload evicts the last placed Pod into CrashLoopBackOff', () => {
    const patch = deploymentPatch(2, 2, { capacity: 1000 });
    const s = sim(patch);
    s.advance(5000);
    // Both Pods now ask for more CPU than the Node has (a knob turned while they run).
    s.setPatch({ ...patch, modules: patch.modules.map((m) => (m.type === 'pod' ? { ...m, params: { cpu: 800 } } : m)) });
    const events = s.advance(100);
    expect(reasons(events)).toEqual(expect.arrayContaining(['NodeOverloaded', 'Evicted', 'BackOff']));
    expect(phase(s, 'p2')).toBe('CrashLoopBackOff');
    expect(phase(s, 'p1')).toBe('Ready');
  });

  it('a failed Node stops its Pods; restored, they start again', () => {
    const s = sim(deploymentPatch(2, 2));
    s.advance(5000);
    expect(s.fault({ kind: 'fail-node', target: 'node' })).toEqual({ ok: true });
    s.advance(100);
    expect(phase(s, 'p1')).toBe('Pending');
    s.fault({ kind: 'restore-node', target: 'node' });
    s.advance(2700);
    expect(phase(s, 'p1')).toBe('Ready');
  });
});

describe('Service and Ingress', () => {
  const web = () =>
    buildPatch(
      {
        ing: { type: 'ingress', params: { rps: 100 }, data: { rules: [{ host: 'a', path: '/', pathType: 'Prefix' }] } },
        svc: { type: 'service' },
        n: { type: 'node', params: { capacity: 64000 } },
        a: { type: 'pod' },
        b: { type: 'pod' },
        c: { type: 'pod' },
      },
      [
        'ing.route-1 -> svc.req',
        ...['a', 'b', 'c'].flatMap((p, i) => [`${p}.ready -> svc.select`, `svc.ep-${i + 1} -> ${p}.req`, `${p}.load -> n.load`]),
      ],
    );

  it('round-robins over the ready Pods in channel order', () => {
    const s = sim(web());
    s.advance(3000); // all Ready; requests so far were errors
    const served = () => ['a', 'b', 'c'].map((p) => s.states.pods.get(p)!.served);
    const before = served();
    // 100 req/s at 10 ms steps is one request per step: a, b, c, a, ...
    s.advance(40);
    expect(served().map((n, i) => n - before[i]!)).toEqual([2, 1, 1]);
    s.advance(1000);
    const spread = served().map((n, i) => n - before[i]!);
    expect(Math.max(...spread) - Math.min(...spread)).toBeLessThanOrEqual(1);
  });

  it('requests with no ready endpoint are counted as errors, folded into one warning a second', () => {
    const s = sim(web());
    const events = s.advance(2010);
    const warnings = events.filter((e) => e.reason === 'NoReadyEndpoints');
    expect(warnings.length).toBe(2);
    expect(s.states.services.get('svc')!.errors).toBeGreaterThan(150);
    expect(s.outputs().lights['svc/err']).toBeGreaterThan(0);
  });

  it('a partitioned Service fails every request until healed', () => {
    const s = sim(web());
    s.advance(3000);
    const errors = s.states.services.get('svc')!.errors;
    s.fault({ kind: 'partition-service', target: 'svc' });
    s.advance(500);
    expect(s.states.services.get('svc')!.errors - errors).toBeGreaterThanOrEqual(49);
    s.fault({ kind: 'heal-service', target: 'svc' });
    const after = s.states.services.get('svc')!.errors;
    s.advance(500);
    expect(s.states.services.get('svc')!.errors).toBe(after);
  });

  it('an Ingress rule with nothing patched to its ROUTE loses its requests (404)', () => {
    const s = sim(buildPatch({ ing: { type: 'ingress', params: { rps: 10 } } }));
    const events = s.advance(1010);
    expect(events.find((e) => e.reason === 'NoBackend')?.count).toBe(10);
  });
});

describe('Controller and etcd (hello-web)', () => {
  it('ACT pulses only for reconciles that changed something; the loop goes quiet once converged', () => {
    const s = sim(examplePatch('hello-web'));
    s.advance(8000);
    expect(s.states.deployments.get('deploy')!.ready).toBe(3);
    const acts = s.states.controllers.get('ctrl')!.acts;
    const revision = s.states.etcds.get('etcd')!.revision;
    s.advance(5000);
    expect(s.states.controllers.get('ctrl')!.acts).toBe(acts); // converged: nothing to write
    expect(s.states.etcds.get('etcd')!.revision).toBe(revision);
    expect(s.states.controllers.get('ctrl')!.reconciles).toBeGreaterThan(10); // but it keeps looking
  });

  it('an etcd with WRITE unpatched hears every object change in the cluster', () => {
    const s = sim(buildPatch({ e: { type: 'etcd' }, p: { type: 'pod' }, n: { type: 'node' } }, ['p.load -> n.load']));
    s.advance(3000);
    // Absent → Pending → ContainerCreating → Running → Ready: four writes.
    expect(s.states.etcds.get('e')!.revision).toBe(4);
  });
});

describe('faults', () => {
  it('refuses an unknown target or a wrong state with a clear error, changing nothing', () => {
    const s = sim(examplePatch('hello-web'));
    const hash = s.hash();
    expect(s.fault({ kind: 'kill-pod', target: 'nope' })).toEqual({ ok: false, error: 'There is no Pod "nope" in the patch.' });
    expect(s.fault({ kind: 'fail-node', target: 'pod-1' })).toEqual({
      ok: false,
      error: 'There is no Node "pod-1" in the patch.',
    });
    expect(s.fault({ kind: 'kill-pod', target: 'pod-1' })).toEqual({
      ok: false,
      error: 'Pod "pod-1" has no running container to kill (it is Absent).',
    });
    expect(s.hash()).toBe(hash);
  });
});

describe('determinism', () => {
  const run = (seed: number) => {
    const s = new Simulator(examplePatch('hello-web'), simCatalog(), { seed });
    const hashes: string[] = [];
    for (let i = 0; i < 100; i++) {
      s.advance(100);
      if (i === 50) s.fault({ kind: 'kill-pod', target: 'pod-2' });
      hashes.push(s.hash());
    }
    return hashes;
  };

  it('is a pure function of (ops, seed, steps): the same edits at the same steps replay to the same hashes', () => {
    const replay = () => {
      const base = examplePatch('hello-web');
      const s = new Simulator(base, simCatalog(), { seed: 9 });
      const hashes: string[] = [];
      for (let i = 0; i < 80; i++) {
        if (i === 30)
          s.setPatch({ ...base, modules: base.modules.map((m) => (m.id === 'deploy' ? { ...m, params: { replicas: 1 } } : m)) });
        if (i === 50) s.setPatch({ ...base, cables: base.cables.filter((c) => c.to.jack !== 'reconcile') });
        s.advance(100);
        hashes.push(s.hash());
      }
      return hashes;
    };
    expect(replay()).toEqual(replay());
  });

  it('the same seed twice gives identical frame hashes; another seed does not', () => {
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
  });

  it('voltages stay within 0..10 V and lights within 0..1 whatever the knobs say', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 500, max: 64000 }),
        fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 200 }),
        (replicas, capacity, cpus, seed) => {
          const patch = deploymentPatch(replicas, 6, { capacity });
          patch.modules.forEach((m, i) => m.type === 'pod' && (m.params.cpu = cpus[i % 6]!));
          const s = new Simulator(patch, simCatalog(), { seed });
          s.advance(4000);
          const out = s.outputs();
          const claimed = s.states.deployments.get('dep')!.claims.filter(Boolean).length;
          return (
            claimed === Math.min(replicas, 6) &&
            Object.values(out.volts).every((v) => v >= 0 && v <= 10) &&
            Object.values(out.lights).every((v) => v >= 0 && v <= 1)
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
