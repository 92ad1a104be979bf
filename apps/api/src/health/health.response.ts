import { EnumProperty, JsonObjectProperty } from '../common/api-properties';

export class LivenessDto {
  @EnumProperty(['ok'], 'LivenessStatus') status: string;
}

/** Readiness per part (postgresql, temporal, worker), as @nestjs/terminus reports it. */
export class ReadinessDto {
  @EnumProperty(['ok', 'error', 'shutting_down'], 'ReadinessStatus') status: string;
  @JsonObjectProperty({ optional: true, description: 'The parts that are up.' }) info?: Record<string, unknown>;
  @JsonObjectProperty({ optional: true, description: 'The parts that are down, each with why.' }) error?: Record<string, unknown>;
  @JsonObjectProperty({ optional: true }) details?: Record<string, unknown>;
}
