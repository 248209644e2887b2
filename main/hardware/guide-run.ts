/**
 * The patch guide while it runs: the plan to a target patch, moved on as the rack reports each
 * step done (in any order), and the one step lit at the jacks.
 */
import type { Catalog } from '../patch/catalog';
import type { Patch } from '../patch/model';
import { guideProgress, planGuide, type GuideCase } from './mirror/guide';
import type { JackRequest } from './mirror/jack-lights';
import type { GuideStatus } from './mirror/types';

export class GuideRun {
  private current: GuideStatus | null = null;

  get status(): GuideStatus | null {
    return this.current;
  }

  start(name: string, from: Patch, to: Patch, catalog: Catalog, cases: GuideCase[]): GuideStatus {
    this.current = { target: name, ...planGuide(from, to, catalog, cases) };
    return this.current;
  }

  stop(): void {
    this.current = null;
  }

  /** Moves the guide on to what the rack shows; returns true when this made it done. */
  follow(cases: GuideCase[], catalog: Catalog): boolean {
    if (!this.current) return false;
    const wasDone = this.current.done;
    this.current = guideProgress(this.current, cases, catalog);
    return this.current.done && !wasDone;
  }

  /** The step to light, if one is left. */
  step(): JackRequest | undefined {
    return this.current && !this.current.done ? this.current.steps[this.current.current] : undefined;
  }
}
