/**
 * Dated areas: Stockholm city's district reform of 1 July 2023 (DOMAIN.md, "Kommun / stadsdel"): Rinkeby-Kista and
 * Spånga-Tensta end on 2023-06-30 and Järva starts on 2023-07-01; Östermalm and Norrmalm become Norra innerstaden.
 */
import { deepFreeze } from '../case/rule-testing';
import { designationValidityProblem, inForceOn, Predecessor, STOCKHOLM_DISTRICT_REFORM, successionOf, validOn } from './area-validity';

const LAST_DAY_OF_13_DISTRICTS = '2023-06-30';
const FIRST_DAY_OF_11_DISTRICTS = '2023-07-01';

const RINKEBY = { code: '0180-RINKEBY-KISTA', validFrom: null, validTo: LAST_DAY_OF_13_DISTRICTS };
const JARVA = { code: '0180-JARVA', validFrom: FIRST_DAY_OF_11_DISTRICTS, validTo: null };
const EKERO = { code: '0125', validFrom: null, validTo: null };

const predecessor = (areaCode: string, vardcentralCode: string | null, successorCode = '0180-JARVA', validTo: string | null = LAST_DAY_OF_13_DISTRICTS): Predecessor => ({
  areaCode,
  vardcentralCode,
  successorCode,
  validTo,
});

describe('validOn and inForceOn', () => {
  it('the reform took effect on 2023-07-01', () => {
    expect(STOCKHOLM_DISTRICT_REFORM).toBe(FIRST_DAY_OF_11_DISTRICTS);
  });

  it('an old district is in force up to and including 2023-06-30, the new one from 2023-07-01', () => {
    expect(validOn(RINKEBY, LAST_DAY_OF_13_DISTRICTS)).toBe(true);
    expect(validOn(RINKEBY, FIRST_DAY_OF_11_DISTRICTS)).toBe(false);
    expect(validOn(JARVA, LAST_DAY_OF_13_DISTRICTS)).toBe(false);
    expect(validOn(JARVA, FIRST_DAY_OF_11_DISTRICTS)).toBe(true);
  });

  it('an undated municipality is always in force', () => {
    expect(validOn(EKERO, '2021-02-01')).toBe(true);
    expect(validOn(EKERO, '2099-12-31')).toBe(true);
  });

  it('keeps the order of what is in force', () => {
    expect(inForceOn(deepFreeze([EKERO, RINKEBY, JARVA]), LAST_DAY_OF_13_DISTRICTS)).toEqual([EKERO, RINKEBY]);
    expect(inForceOn([EKERO, RINKEBY, JARVA], FIRST_DAY_OF_11_DISTRICTS)).toEqual([EKERO, JARVA]);
  });
});

describe('designationValidityProblem', () => {
  it('a designation within the area validity is fine', () => {
    expect(designationValidityProblem(RINKEBY, '2021-02-01')).toBeNull();
    expect(designationValidityProblem(JARVA, FIRST_DAY_OF_11_DISTRICTS)).toBeNull();
  });

  it('refuses a start after an old district ended, naming startDate', () => {
    expect(designationValidityProblem(RINKEBY, FIRST_DAY_OF_11_DISTRICTS)).toEqual({
      refused: 'invalid_input',
      message: 'area 0180-RINKEBY-KISTA ended on 2023-06-30; startDate must not be after it',
      field: 'startDate',
    });
  });

  it('refuses a start before a new district began', () => {
    expect(designationValidityProblem(JARVA, LAST_DAY_OF_13_DISTRICTS)).toEqual({
      refused: 'invalid_input',
      message: 'area 0180-JARVA starts on 2023-07-01; startDate must not be before it',
      field: 'startDate',
    });
  });
});

describe('successionOf', () => {
  const jarva = { areaCode: '0180-JARVA', validFrom: FIRST_DAY_OF_11_DISTRICTS };

  it('both old districts held by the same vårdcentral: it carries over to Järva from 2023-07-01, no gap', () => {
    const areas = deepFreeze([predecessor('0180-RINKEBY-KISTA', 'VC-RINKEBY'), predecessor('0180-SPANGA-TENSTA', 'VC-RINKEBY'), predecessor('0180-NORRMALM', 'VC-X', '0180-NORRA-INNERSTADEN')]);
    expect(successionOf(jarva, areas)).toEqual({
      kind: 'carry_over',
      from: FIRST_DAY_OF_11_DISTRICTS,
      vardcentralCode: 'VC-RINKEBY',
      predecessors: [
        { areaCode: '0180-RINKEBY-KISTA', vardcentralCode: 'VC-RINKEBY' },
        { areaCode: '0180-SPANGA-TENSTA', vardcentralCode: 'VC-RINKEBY' },
      ],
    });
  });

  it('different vårdcentraler: HSN designates one for the new area', () => {
    const s = successionOf(jarva, [predecessor('0180-RINKEBY-KISTA', 'VC-RINKEBY'), predecessor('0180-SPANGA-TENSTA', 'VC-TENSTA')]);
    expect(s).toMatchObject({ kind: 'designate', reason: 'different_vardcentraler', from: FIRST_DAY_OF_11_DISTRICTS });
  });

  it('one old district uncovered (or both): HSN designates', () => {
    expect(successionOf(jarva, [predecessor('0180-RINKEBY-KISTA', 'VC-RINKEBY'), predecessor('0180-SPANGA-TENSTA', null)])).toMatchObject({ kind: 'designate', reason: 'uncovered' });
    expect(successionOf(jarva, [predecessor('0180-RINKEBY-KISTA', null), predecessor('0180-SPANGA-TENSTA', null)])).toMatchObject({ kind: 'designate', reason: 'uncovered' });
  });

  it('refuses an area nothing was merged into', () => {
    expect(successionOf({ areaCode: '0125', validFrom: null }, [predecessor('0180-RINKEBY-KISTA', 'VC-RINKEBY')])).toEqual({ refused: 'conflict', message: 'no area was merged into 0125' });
  });

  it('refuses a predecessor that did not end on the eve of the new area: a gap', () => {
    expect(successionOf(jarva, [predecessor('0180-RINKEBY-KISTA', 'VC-RINKEBY', '0180-JARVA', '2023-06-29')])).toEqual({
      refused: 'conflict',
      message: '0180-RINKEBY-KISTA ends on 2023-06-29, not on 2023-06-30, the eve of 0180-JARVA',
    });
  });
});
