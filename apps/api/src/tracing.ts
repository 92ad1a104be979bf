// Imported first by main.ts: tracing must start before anything requires `http` or `pg` (libs/telemetry/src/tracing.ts).
import { SERVICE_NAMES, startTracing } from '../../../libs/telemetry/src/tracing';

startTracing(SERVICE_NAMES.api);
