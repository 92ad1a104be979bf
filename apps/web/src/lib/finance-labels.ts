import type { Schemas } from '../api/client';

// Ersättning, Samordning and Uppföljning: typed by the API's enums, like labels.ts.

type ClaimStatus = Schemas['ClaimStateDto']['status'];
type CostCategory = Schemas['CostLineViewDto']['category'];
type AreaStatus = Schemas['AreaCoverageDto']['status'];
type AgreementStatus = Schemas['AgreementStateDto']['status'];

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  draft: 'Utkast',
  under_review: 'Granskas',
  sent_back: 'Skickat tillbaka',
  awaiting_second_approval: 'Väntar på andra attest',
  approved: 'Godkänt',
  paid: 'Utbetalt',
  rejected: 'Avslaget',
  withdrawn: 'Återkallat',
};

export const COST_CATEGORY_LABELS: Record<CostCategory, string> = {
  staff: 'Personal',
  premises: 'Lokaler',
  protective_equipment: 'Skyddsutrustning',
  it_and_communication: 'IT och kommunikation',
  travel: 'Resor',
  other: 'Övrigt',
};

/** A category of a mandate's figures may also be something else booked under it (the support agreement). */
export const categoryLabel = (category: string) =>
  COST_CATEGORY_LABELS[category as CostCategory] ?? (category === 'support_agreement' ? 'Stödavtal' : category);

export const AREA_STATUS_LABELS: Record<AreaStatus, string> = {
  none: 'Ingen utsedd',
  designated: 'Utsedd, väntar på svar',
  onboarding: 'Uppstart pågår',
  active: 'Täckt',
  handing_over: 'Överlämning pågår',
  ended: 'Avslutat',
};

/** Covered: a vårdcentral holds the area (active, or handing over to the next). */
export const isCovered = (status: string) => status === 'active' || status === 'handing_over';

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  awaiting_decisions: 'Väntar på beslut',
  in_effect: 'Gäller',
  terminating: 'Uppsagt',
  ended: 'Upphört',
};
