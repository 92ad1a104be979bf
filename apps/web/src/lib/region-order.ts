/**
 * Socialstyrelsen's approval of a transfer's proposal in Uppgift: the proposed regions (the task's `input.proposal`,
 * ranked by the workflow) reordered with Upp/Ned and ticked; the answer (`order`) is the ticked regions in order.
 */
import type { Candidate } from '../../../../libs/domain/src/transfers/transfer.types';
import { CARE_LEVEL_LABELS, CARE_LEVELS, HEALTHCARE_REGION_LABELS } from './transfer-labels';

export type { Candidate };

/**
 * The list's first order and the ticked regions. With an answer already given (a draft), its regions first in its
 * order, then the rest of the proposal; without one, the proposal's order with the regions that fit ticked.
 */
export function initialOrder(proposal: readonly Candidate[], answered?: readonly unknown[]): { order: string[]; checked: string[] } {
  const regions = proposal.map((c) => c.region);
  // (rjsf fills an array field with minItems with empty items: those are no answer.)
  const known = (answered ?? []).filter((r): r is string => typeof r === 'string' && regions.includes(r));
  if (known.length > 0) return { order: [...known, ...regions.filter((r) => !known.includes(r))], checked: known };
  return { order: regions, checked: proposal.filter((c) => c.fits).map((c) => c.region) };
}

/** The order with `region` moved one place up (-1) or down (1); unchanged at either end. */
export function moveRegion(order: readonly string[], region: string, by: -1 | 1): string[] {
  const i = order.indexOf(region);
  const j = i + by;
  if (i < 0 || j < 0 || j >= order.length) return [...order];
  const next = [...order];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** What a candidate has, in Swedish: its healthcare region, free beds per care level, the picture's free ICU beds. */
export function candidateText(c: Candidate): string {
  const free = CARE_LEVELS.map((l) => `${CARE_LEVEL_LABELS[l].toLowerCase()} ${c.free?.[l] ?? 0}`).join(', ');
  const parts = [
    c.healthcareRegion ? `Sjukvårdsregion ${HEALTHCARE_REGION_LABELS[c.healthcareRegion] ?? c.healthcareRegion}${c.sameHealthcareRegion ? ' (samma som den sändande)' : ''}` : null,
    `lediga: ${free}`,
    c.fits ? 'har plats för alla' : 'har inte plats för alla',
    c.pictureIcuFree === null || c.pictureIcuFree === undefined ? null : `lediga IVA-platser i lägesbilden: ${c.pictureIcuFree}`,
  ];
  return parts.filter(Boolean).join(' · ');
}
