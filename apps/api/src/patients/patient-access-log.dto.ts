import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsPersonnummer } from '../common/validation';
import { PageQueryDto } from '../common/page-query.dto';
import { EnumArrayProperty, InstantProperty, NestedProperty, TextProperty, UuidProperty } from '../common/api-properties';
import { ROLES, Role } from '../../../../libs/auth/src/principal';

/** The patient whose access log is asked for, in the body: a personnummer never travels in a URL. */
export class PatientAccessLogRequestDto extends PageQueryDto {
  @ApiProperty({ example: '19121212-1212', description: 'The patient. Validated, check digit included; never logged, never stored with the extract.' })
  @IsPersonnummer()
  personnummer: string;

  @ApiPropertyOptional({ format: 'access-log-cursor', description: "The nextCursor of a previous page of this patient's access log; any other value is a 400." })
  declare cursor?: string;
}

/** One read that showed the patient's data. */
export class PatientDataReadDto {
  @InstantProperty({ description: 'When the data was read (the audit row\'s time).' }) at: string;
  @TextProperty({ description: "The person who read it (the token's subject)." }) personId: string;
  @TextProperty({ description: 'The organisation they acted for.' }) organisationCode: string;
  @EnumArrayProperty(ROLES, 'Role', { description: 'The roles that gave the access: the case type\'s need-to-know roles they hold, or the task\'s role.' })
  roles: Role[];
  @TextProperty({ example: 'GET /tasks/:taskId', description: 'The route template and method (never the URL as sent).' }) endpoint: string;
  @UuidProperty() caseId: string;
  @UuidProperty({ nullable: true, description: 'The task read, when the read was of a task.' }) taskId: string | null;
  @ApiProperty({ type: String, pattern: '^[0-9]+$', description: "The read's row in the hash-chained audit trail (its id in /audit), to check it against the chain." })
  auditId: string;
}

export class PatientAccessLogPageDto {
  @NestedProperty(() => PatientDataReadDto, { isArray: true, description: 'Oldest first.' }) items: PatientDataReadDto[];
  @TextProperty({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' }) nextCursor: string | null;
}
