import { ApiProperty } from '@nestjs/swagger';
import { InstantProperty, JsonObjectProperty, NestedProperty, TextProperty, UuidProperty } from '../common/api-properties';

/** One row of the append-only, hash-chained audit trail. */
export class AuditEntryDto {
  @ApiProperty({ type: String, pattern: '^[0-9]+$', description: "The row's number in the chain (oldest first)." }) id: string;
  @InstantProperty() at: string;
  @TextProperty({ description: "The person, or 'system'." }) actor: string;
  @TextProperty({ nullable: true }) organisationCode: string | null;
  @TextProperty({ example: 'case.read' }) action: string;
  @UuidProperty({ nullable: true }) caseId: string | null;
  @UuidProperty({ nullable: true }) taskId: string | null;
  @TextProperty({ nullable: true }) requestId: string | null;
  @TextProperty({ example: 'success', description: "'success', 'replayed', 'refused:<status>', 'unavailable' (a 503 while no worker carried the step out; the step may follow with its own 'success' row) or 'error'." }) outcome: string;
  @JsonObjectProperty({ nullable: true }) detail: Record<string, unknown> | null;
  @TextProperty() prevHash: string;
  @TextProperty() hash: string;
}

export class AuditPageDto {
  @NestedProperty(() => AuditEntryDto, { isArray: true }) items: AuditEntryDto[];
  @TextProperty({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' }) nextCursor: string | null;
}
