import { randomUUID } from 'node:crypto';

import type { FaultKind, FaultRule } from './fault-rule';

/** What the server must do to one request. */
export interface FaultDecision {
  /** Total added delay, in milliseconds. */
  latencyMs: number;
  /** Failure to return after the delay, if any. */
  failure?: Exclude<FaultKind, 'latency'>;
}

interface ActiveRule {
  id: string;
  rule: FaultRule;
  probability: number;
  remaining: number;
}

/**
 * Faults injected into requests, by operation and probability. Every
 * matching latency rule adds its delay; the first matching failure rule
 * that is hit decides the failure.
 *
 * @public
 */
export class FaultInjector {
  private readonly rules: ActiveRule[] = [];

  /**
   * Adds a fault and returns its id for {@link FaultInjector.remove}.
   *
   * @throws RangeError when `probability`, `latencyMs` or `times` is out of range.
   */
  add(rule: FaultRule): string {
    const probability = rule.probability ?? 1;

    if (!(probability >= 0 && probability <= 1)) {
      throw new RangeError(`Fault probability must be between 0 and 1, got ${probability}.`);
    }

    if (rule.kind === 'latency' && !(typeof rule.latencyMs === 'number' && rule.latencyMs >= 0)) {
      throw new RangeError(`A latency fault needs latencyMs >= 0, got ${String(rule.latencyMs)}.`);
    }

    if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
      throw new RangeError(`Fault times must be a positive integer, got ${rule.times}.`);
    }

    const id = randomUUID();
    this.rules.push({ id, rule: { ...rule }, probability, remaining: rule.times ?? Number.POSITIVE_INFINITY });

    return id;
  }

  /** Removes a fault; returns false when no fault has that id. */
  remove(id: string): boolean {
    const index = this.rules.findIndex((active) => active.id === id);

    if (index < 0) {
      return false;
    }

    this.rules.splice(index, 1);

    return true;
  }

  /** Removes every fault. */
  clear(): void {
    this.rules.length = 0;
  }

  /** Faults in force, with their ids, in the order they were added. */
  list(): Array<FaultRule & { id: string }> {
    return this.rules.map((active) => ({ ...active.rule, id: active.id }));
  }

  /** @internal Draws the faults for one request. */
  decide(operation: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };

    for (const active of [...this.rules]) {
      if (active.rule.operation !== undefined && active.rule.operation !== operation) {
        continue;
      }

      if (active.rule.kind !== 'latency' && decision.failure !== undefined) {
        continue;
      }

      if (Math.random() >= active.probability) {
        continue;
      }

      if (active.rule.kind === 'latency') {
        decision.latencyMs += active.rule.latencyMs ?? 0;
      } else {
        decision.failure = active.rule.kind;
      }

      active.remaining -= 1;

      if (active.remaining <= 0) {
        this.remove(active.id);
      }
    }

    return decision;
  }
}
