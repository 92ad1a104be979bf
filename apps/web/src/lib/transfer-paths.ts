import { PATHS } from './navigation';

/** Överflyttning's and Förstärkning's paths (ids only: never a patient's reference in a URL). */
export const TRANSFERS_PATH = '/overflyttning';
export const NEW_TRANSFER_PATH = '/overflyttning/ny';
export const TRANSFER_REPORT_PATH = '/overflyttning/rapport';
export const REINFORCEMENTS_PATH = '/forstarkning';
export const transferPath = PATHS.transfer;
export const reinforcementPath = PATHS.reinforcement;
