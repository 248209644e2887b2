/**
 * Pod rules: the lifecycle Pending → ContainerCreating → Running → Ready, placement on the Node
 * its LOAD is patched into, CPU load, requests served, crash and CrashLoopBackOff with
 * exponential backoff. See main/sim/README.md "Pod".
 */
import type { PodRec } from './topology';
import type { PodPhase } from './types';
import type { PodState, World } from './world';

const BLINK_MS = 500;
const CRASH_COLOR = '#ff4040';

export function newPodState(time: number): PodState {
  return {
    phase: 'Absent',
    since: time,
    nextAt: Infinity,
    restarts: 0,
    backoffStep: 0,
    reason: '',
    reqRate: 0,
    loadM: 0,
    served: 0,
    dropped: 0,
  };
}

/** Phases in which the Pod's container runs and uses CPU. */
export function isRunning(phase: PodPhase): boolean {
  return phase === 'Running' || phase === 'Ready';
}

/** Phases in which the Pod holds its CPU request on its Node (it has been scheduled). */
export function holdsNode(phase: PodPhase): boolean {
  return phase === 'ContainerCreating' || phase === 'Running' || phase === 'Ready' || phase === 'CrashLoopBackOff';
}

export function enter(w: World, pod: PodRec, s: PodState, phase: PodPhase, delayMs: number, reason = ''): void {
  if (s.phase !== phase) w.changes++;
  s.phase = phase;
  s.since = w.time;
  s.nextAt = Number.isFinite(delayMs) ? w.time + w.rng.jittered(delayMs, w.cfg.jitter) : Infinity;
  s.reason = reason;
  void pod;
}

/** Crashes the container (killed, or evicted from an overloaded Node): the kubelet restarts it after a backoff. */
export function crash(w: World, pod: PodRec, s: PodState, reason: string, message: string): void {
  if (s.phase === 'Absent' || s.phase === 'Terminating' || s.phase === 'Pending') return;
  const wait = Math.min(w.cfg.backoffMaxMs, w.cfg.backoffBaseMs * 2 ** s.backoffStep);
  s.restarts++;
  s.backoffStep++;
  w.event('Warning', reason, pod.id, 'pod', message);
  // No jitter on the backoff: the doubling is the lesson, so it should read exactly.
  enter(w, pod, s, 'CrashLoopBackOff', Infinity, reason);
  s.nextAt = w.time + wait;
  w.event(
    'Warning',
    'BackOff',
    pod.id,
    'pod',
    `Back-off ${Math.round(wait / 1000)}s restarting failed container (restart ${s.restarts})`,
  );
}

/**
 * Advances every Pod by one step. `reserved[n]` is the CPU requested on Node n by Pods that hold
 * it; the scheduler checks a new Pod against it and adds to it, in Pod order, so two Pods never
 * both take the last room on a Node.
 */
export function stepPods(w: World, reserved: Float64Array): void {
  const { pods, nodes } = w.topo;
  const cfg = w.cfg;
  const stepS = cfg.stepMs / 1000;
  // Smoothing of the request rate over about one second.
  const alpha = Math.min(1, cfg.stepMs / 1000);
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i]!;
    const s = w.podS[i]!;
    // A bare Pod (LIFE unpatched) exists on its own, as if created with `kubectl run`.
    const wanted = pod.life.length === 0 || w.gate(pod.life);
    const nodeState = pod.node >= 0 ? w.nodeS[pod.node] : undefined;

    if (!wanted) {
      if (s.phase !== 'Absent' && s.phase !== 'Terminating') {
        w.event('Normal', 'Killing', pod.id, 'pod', 'Stopping container: its owner released it (LIFE went low)');
        enter(w, pod, s, 'Terminating', cfg.terminateMs);
      }
    } else if (s.phase === 'Absent') {
      enter(w, pod, s, 'Pending', cfg.scheduleMs);
    }
    if (nodeState?.failed && holdsNode(s.phase)) {
      w.event('Warning', 'NodeNotReady', pod.id, 'pod', `Node ${nodes[pod.node]!.name} is not ready: the Pod stops`);
      enter(w, pod, s, 'Pending', cfg.scheduleMs, 'node not ready');
    }

    if (w.time >= s.nextAt) {
      switch (s.phase) {
        case 'Pending':
          schedule(w, pod, s, reserved);
          break;
        case 'ContainerCreating':
          w.event('Normal', 'Started', pod.id, 'pod', 'Started container');
          enter(w, pod, s, 'Running', cfg.readyMs);
          break;
        case 'Running':
          enter(w, pod, s, 'Ready', cfg.backoffResetMs);
          break;
        case 'Ready':
          // Ready long enough: the next crash starts the backoff from the beginning again.
          s.backoffStep = 0;
          s.nextAt = Infinity;
          break;
        case 'CrashLoopBackOff':
          w.event('Normal', 'Pulled', pod.id, 'pod', 'Container image already present; restarting');
          enter(w, pod, s, 'ContainerCreating', cfg.createMs / 2);
          break;
        case 'Terminating':
          enter(w, pod, s, 'Absent', Infinity);
          break;
        case 'Absent':
          break;
      }
    }

    // Requests: served only when Ready; a request to a Pod that is not ready is lost.
    const reqs = pod.req.length ? w.triggers(pod.req) : 0;
    const ready = s.phase === 'Ready';
    if (reqs > 0) {
      if (ready) {
        s.served += reqs;
        w.flash(pod.reqLed);
      } else s.dropped += reqs;
    } else w.fade(pod.reqLed);
    s.reqRate += alpha * ((ready ? reqs / stepS : 0) - s.reqRate);
    s.loadM = isRunning(s.phase) ? pod.cpu + s.reqRate * cfg.requestCostM : 0;

    w.setLevel(pod.ready, ready ? 10 : 0);
    w.setLevel(pod.load, Math.min(10, s.loadM / 1000));
    w.setLight(pod.readyLed, ready ? 1 : 0);
    const blink = Math.floor(w.time / BLINK_MS) % 2 === 0 ? 1 : 0.15;
    switch (s.phase) {
      case 'Absent':
        w.setLight(pod.phaseLed, 0);
        break;
      case 'Running':
      case 'Ready':
        w.setLight(pod.phaseLed, 1);
        break;
      case 'CrashLoopBackOff':
        w.setLight(pod.phaseLed, blink, CRASH_COLOR);
        break;
      case 'Pending':
      case 'ContainerCreating':
      case 'Terminating':
        w.setLight(pod.phaseLed, blink);
        break;
    }
  }
}

function schedule(w: World, pod: PodRec, s: PodState, reserved: Float64Array): void {
  const retry = (reason: string, message: string) => {
    if (s.reason !== reason) w.event('Warning', 'FailedScheduling', pod.id, 'pod', message);
    s.reason = reason;
    s.nextAt = w.time + w.cfg.scheduleMs;
  };
  if (pod.node < 0) return retry('no node', '0/0 nodes are available: patch the Pod LOAD into a Node LOAD to place it');
  const node = w.topo.nodes[pod.node]!;
  if (w.nodeS[pod.node]!.failed) return retry('node not ready', `Node ${node.name} is not ready`);
  if (node.cordon) return retry('cordoned', `Node ${node.name} is cordoned (unschedulable)`);
  if (reserved[pod.node]! + pod.cpu > node.capacity)
    return retry(
      'insufficient cpu',
      `Insufficient cpu on ${node.name}: ${reserved[pod.node]}m of ${node.capacity}m requested, this Pod asks ${pod.cpu}m`,
    );
  reserved[pod.node] = reserved[pod.node]! + pod.cpu;
  w.event('Normal', 'Scheduled', pod.id, 'pod', `Successfully assigned to ${node.name}`);
  enter(w, pod, s, 'ContainerCreating', w.cfg.createMs);
}
