/**
 * Task queue names. The deployed name comes from TEMPORAL_TASK_QUEUE (so several deployments can share a
 * cluster); this is its default. Workers and the API must agree, so both read it from AppConfig.
 */
export const DEFAULT_CASES_TASK_QUEUE = 'vardflode-cases';
