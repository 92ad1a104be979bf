/**
 * Sweden's 21 counties (län), their regions and their county administrative boards (länsstyrelser): the one list the
 * seed (libs/persistence/src/seed/reference-data.ts) registers the organisations from, and that the situation
 * reports' rules use to find a municipality's county, region and county board.
 *
 * OFFICIAL: the two-digit county codes (SCB länskoder), which are also the first two digits of every municipality's
 * four-digit code (SCB kommunkod), and the regions' and counties' names. A region's organisation code IS its county
 * code ('01' Region Stockholm).
 * THE PROJECT'S OWN: a county board's organisation code, `LST-` and the county code ('LST-01' Länsstyrelsen i
 * Stockholms län). No official short code for the boards is used here.
 */
import { DomainError, DomainErrorCode } from '../domain-error';

export const COUNTIES = [
  { code: '01', region: 'Region Stockholm', county: 'Stockholms län' },
  { code: '03', region: 'Region Uppsala', county: 'Uppsala län' },
  { code: '04', region: 'Region Sörmland', county: 'Södermanlands län' },
  { code: '05', region: 'Region Östergötland', county: 'Östergötlands län' },
  { code: '06', region: 'Region Jönköpings län', county: 'Jönköpings län' },
  { code: '07', region: 'Region Kronoberg', county: 'Kronobergs län' },
  { code: '08', region: 'Region Kalmar län', county: 'Kalmar län' },
  { code: '09', region: 'Region Gotland', county: 'Gotlands län' },
  { code: '10', region: 'Region Blekinge', county: 'Blekinge län' },
  { code: '12', region: 'Region Skåne', county: 'Skåne län' },
  { code: '13', region: 'Region Halland', county: 'Hallands län' },
  { code: '14', region: 'Västra Götalandsregionen', county: 'Västra Götalands län' },
  { code: '17', region: 'Region Värmland', county: 'Värmlands län' },
  { code: '18', region: 'Region Örebro län', county: 'Örebro län' },
  { code: '19', region: 'Region Västmanland', county: 'Västmanlands län' },
  { code: '20', region: 'Region Dalarna', county: 'Dalarnas län' },
  { code: '21', region: 'Region Gävleborg', county: 'Gävleborgs län' },
  { code: '22', region: 'Region Västernorrland', county: 'Västernorrlands län' },
  { code: '23', region: 'Region Jämtland Härjedalen', county: 'Jämtlands län' },
  { code: '24', region: 'Region Västerbotten', county: 'Västerbottens län' },
  { code: '25', region: 'Region Norrbotten', county: 'Norrbottens län' },
] as const;

export type CountyCode = (typeof COUNTIES)[number]['code'];

/** The 21 two-digit county codes (SCB länskoder), in order. */
export const COUNTY_CODES: readonly CountyCode[] = COUNTIES.map((c) => c.code);

/** The project's own prefix of a county board's organisation code. */
export const COUNTY_BOARD_PREFIX = 'LST-';

/** SKR (Sveriges Kommuner och Regioner): the association of the municipalities and regions. */
export const SKR = { code: 'SKR', name: 'Sveriges Kommuner och Regioner' } as const;

export function isCountyCode(value: unknown): value is CountyCode {
  return typeof value === 'string' && (COUNTY_CODES as readonly string[]).includes(value);
}

function requireCounty(county: string): CountyCode {
  if (!isCountyCode(county)) {
    throw new DomainError(DomainErrorCode.InvalidInput, `county must be one of the 21 two-digit county codes (01-25), not ${JSON.stringify(String(county).slice(0, 20))}`, { field: 'county' });
  }
  return county;
}

/** The organisation code of the county's administrative board: '01' -> 'LST-01'. */
export function countyBoardOf(county: string): string {
  return `${COUNTY_BOARD_PREFIX}${requireCounty(county)}`;
}

/** The organisation code of the county's region, which is the county code itself: '01' -> '01' (Region Stockholm). */
export function regionOfCounty(county: string): string {
  return requireCounty(county);
}

/** The county board's name: 'Länsstyrelsen i Stockholms län'. */
export function countyBoardName(county: string): string {
  const code = requireCounty(county);
  return `Länsstyrelsen i ${COUNTIES.find((c) => c.code === code)!.county}`;
}

/**
 * The county of a municipality, or of one of its district administrations: the first two digits of the four-digit
 * municipality code (SCB kommunkod): '0114' -> '01', '0180-JARVA' -> '01', '1480' -> '14'.
 */
export function countyOfMunicipality(code: string): CountyCode {
  const match = /^(\d{2})\d{2}(?:-|$)/.exec(code);
  const county = match?.[1];
  if (!isCountyCode(county)) {
    throw new DomainError(DomainErrorCode.InvalidInput, `${JSON.stringify(String(code).slice(0, 40))} is not a municipality code of one of the 21 counties`, { field: 'organisationCode' });
  }
  return county;
}

/** The county a county board serves: 'LST-01' -> '01'; null for any other code. */
export function countyOfBoard(code: string): CountyCode | null {
  const county = code.startsWith(COUNTY_BOARD_PREFIX) ? code.slice(COUNTY_BOARD_PREFIX.length) : null;
  return isCountyCode(county) ? county : null;
}

/** The county of a reporting organisation: a municipality's first two digits ('0180' -> '01'), a region's own code ('01'). */
export function countyOfCode(code: string): CountyCode | null {
  if (isCountyCode(code)) return code;
  const match = /^(\d{2})\d{2}$/.exec(code);
  return isCountyCode(match?.[1]) ? (match?.[1] as CountyCode) : null;
}
