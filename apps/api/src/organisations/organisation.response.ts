import { ORGANISATION_KINDS } from '../../../../libs/domain/src/organisation-kinds';
import { BooleanProperty, DateProperty, EnumProperty, TextProperty } from '../common/api-properties';

export class OrganisationDto {
  @TextProperty({ example: 'VC-EKERO' }) code: string;
  @EnumProperty(ORGANISATION_KINDS, 'OrganisationKind') kind: string;
  @TextProperty() name: string;
  @BooleanProperty() active: boolean;
  @DateProperty({ nullable: true, description: 'First day it exists (null: always has).' }) validFrom: string | null;
  @DateProperty({ nullable: true, description: 'Last day it exists (null: still does).' }) validTo: string | null;
}
