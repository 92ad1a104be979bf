export const ORGANISATION_KINDS = [
  'acute_hospital',
  'vardcentral',
  'asih',
  'spsv',
  'geriatric_care',
  'slso',
  'hsf',
  'hsf_finance',
  'hsn',
  'municipality',
  'city_district',
  'national_agency',
  /** One of the 21 regions, coded by its two-digit county code (SCB länskod): '01' Region Stockholm. */
  'region',
  /** A county administrative board (länsstyrelse): 'LST-' and its county code, the project's own code. */
  'county_board',
  /** An association of municipalities and regions: SKR. */
  'association',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** In-patient care that opens discharge handovers. */
export const INPATIENT_KINDS: OrganisationKind[] = ['acute_hospital', 'spsv', 'geriatric_care'];
/** Who receives a patient's municipal care: a municipality, or for Stockholm city one of its districts. */
export const MUNICIPAL_CARE_KINDS: OrganisationKind[] = ['municipality', 'city_district'];
