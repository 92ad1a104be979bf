/**
 * The six healthcare regions (sjukvårdsregioner) and their regions, the distance classes of a transfer's proposal:
 * the sending region's own healthcare region first (DOMAIN.md). Seeded once into `healthcare_regions`, which an admin
 * corrects (`PUT /transfers/healthcare-regions/:region`): membership of border regions is not fixed. Named policy
 * (our assumption for the seed): Halland with Västra, as Region Halland's highly specialised care is mostly
 * Västra Götaland's.
 */
export const HEALTHCARE_REGIONS = ['norra', 'uppsala_orebro', 'stockholm_gotland', 'sydostra', 'sodra', 'vastra'] as const;
export type HealthcareRegion = (typeof HEALTHCARE_REGIONS)[number];

export const DEFAULT_HEALTHCARE_REGION_OF: Readonly<Record<string, HealthcareRegion>> = {
  '01': 'stockholm_gotland',
  '09': 'stockholm_gotland',
  '03': 'uppsala_orebro',
  '04': 'uppsala_orebro',
  '17': 'uppsala_orebro',
  '18': 'uppsala_orebro',
  '19': 'uppsala_orebro',
  '20': 'uppsala_orebro',
  '21': 'uppsala_orebro',
  '05': 'sydostra',
  '06': 'sydostra',
  '08': 'sydostra',
  '07': 'sodra',
  '10': 'sodra',
  '12': 'sodra',
  '13': 'vastra',
  '14': 'vastra',
  '22': 'norra',
  '23': 'norra',
  '24': 'norra',
  '25': 'norra',
};
