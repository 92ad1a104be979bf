import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../../libs/auth/src/auth.decorators';
import { PATIENT_ACCESS_LOG_READERS } from '../access/need-to-know';
import { PATIENT_DATA_EXTRACT } from '../access/patient-data-access';
import { ApiAuthenticated, ApiErrors, ApiJsonBodyErrors } from '../common/error-response.dto';
import { Audit, Ctx, RequestContext } from '../common/request-context';
import { PatientAccessLogPageDto, PatientAccessLogRequestDto } from './patient-access-log.dto';
import { PatientAccessLogService } from './patient-access-log.service';

@ApiTags('patients')
@ApiAuthenticated()
@Controller('patients')
export class PatientAccessLogController {
  constructor(private readonly service: PatientAccessLogService) {}

  /** A POST that reads: the personnummer goes in the body, never in a URL (proxies and access logs keep URLs). */
  @Post('access-log')
  @HttpCode(200)
  @Roles(PATIENT_ACCESS_LOG_READERS.organisation, PATIENT_ACCESS_LOG_READERS.platform)
  @Audit(PATIENT_DATA_EXTRACT)
  @ApiOperation({
    summary: "A patient's access log (patientdatalagen 4 kap.): who read the patient's data, when, and through which endpoint",
    description: [
      "Every answer that showed the patient's identity (a task carrying the patient, the written summary) is one row, oldest first, cursor-paginated.",
      "An organisation's admin sees the reads of the patient's cases their organisation is party to, by anyone; HSF's platform_auditor sees all the patient's cases.",
      'Other roles get 403.',
      'A patient with no case (or none the caller may see) gives an empty list, not 404: whether a personnummer is a patient here is itself personal data, so the answer does not tell an empty log from an unknown patient.',
      'The extract is itself audited (action patient_data.extract), with the blind index of the personnummer and the case ids, never the personnummer.',
    ].join(' '),
  })
  @ApiOkResponse({ type: PatientAccessLogPageDto })
  @ApiJsonBodyErrors()
  @ApiErrors(403)
  extract(@Ctx() ctx: RequestContext, @Body() dto: PatientAccessLogRequestDto): Promise<PatientAccessLogPageDto> {
    return this.service.extract(ctx, dto);
  }
}
