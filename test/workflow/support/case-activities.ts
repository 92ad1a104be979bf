/**
 * The shared case runtime's activities as plain functions for workflow tests: every step is recorded (and can be
 * refused, as a ceiling would), reference data comes from a map, and what the steps wrote can be read back.
 */
import type { CaseReadActivities, CaseRuntimeActivities, CaseStep, ProjectedCase, StepResult } from '../../../libs/contracts/src/case-runtime.contract';
import type { Refusal } from '../../../libs/domain/src/case/case';
import type { Candidate } from '../../../libs/domain/src/transfers/transfer.types';
import { referenceKeyString } from '../../../libs/domain/src/case/effects';

export function fakeCaseActivities(options: { references?: Record<string, number>; refuse?: (step: CaseStep) => Refusal | null; projected?: ProjectedCase; candidates?: Candidate[] } = {}) {
  const steps: CaseStep[] = [];
  const refused: CaseStep[] = [];
  const references = { ...(options.references ?? {}) };
  const activities: CaseRuntimeActivities & CaseReadActivities = {
    async applyCaseStep(step): Promise<StepResult> {
      const refusal = options.refuse?.(step);
      if (refusal) {
        refused.push(step);
        return { ok: false, refusal };
      }
      steps.push(step);
      for (const e of step.effects) if (e.type === 'reference.register') references[referenceKeyString(e.key)] = e.value;
      return { ok: true };
    },
    async referenceValues(keys) {
      return keys.map((key) => ({ key, value: references[referenceKeyString(key)] ?? null }));
    },
    async projectedCase() {
      return options.projected ?? null;
    },
    async mandateTotals() {
      return { approvedOre: 0, paidOre: 0 };
    },
    async isActiveOrganisation(code, kind) {
      return kind === 'vardcentral' && code.startsWith('VC-');
    },
    async transferCandidates(q) {
      return (options.candidates ?? []).filter((c) => c.region !== q.sendingRegion);
    },
  };
  const opened = () => steps.flatMap((s) => s.opened);
  return {
    activities,
    steps,
    refused,
    references,
    /** Tasks the steps opened (of `kind`). */
    opened: (kind?: string) => opened().filter((t) => !kind || t.kind === kind),
    /** Task ids the steps cancelled, with their reasons. */
    cancelled: () => steps.flatMap((s) => s.cancelled),
    /** The timeline as the projection received it. */
    events: () => steps.flatMap((s) => s.projection.events),
    /** The last projection written. */
    last: () => steps[steps.length - 1],
  };
}
