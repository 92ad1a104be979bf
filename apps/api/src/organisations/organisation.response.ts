import { ORGANISATION_KINDS } from '../../../../libs/domain/src/organisation-kinds';
import { BooleanProperty, EnumProperty, TextProperty } from '../common/api-properties';

export class OrganisationDto {
  @TextProperty({ example: 'VC-EKERO' }) code: string;
  @EnumProperty(ORGANISATION_KINDS, 'OrganisationKind') kind: string;
  @TextProperty() name: string;
  @BooleanProperty() active: boolean;
}
