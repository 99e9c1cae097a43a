import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { IsCountryCode } from '../../common/validation/is-country-code';
import { IsRequired } from '../../common/validation/is-required';
import { COUNTRY_CODES } from '../../openapi/schema-rules';

/** Identity document types a user can submit. */
export const DOCUMENT_TYPES = [
  'driving-license',
  'id-card',
  'passport',
  'residence-permit',
] as const;

/** An identity document type. */
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The identity document the verification was made with. */
@ApiSchema({
  name: 'DocumentInput',
  description: 'The identity document the verification was made with',
})
export class DocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES, enumName: 'DocumentType', example: 'passport' })
  @IsRequired()
  @IsIn(DOCUMENT_TYPES)
  type!: DocumentType;

  @ApiProperty({
    description: 'Letters, digits, spaces and hyphens, starting with a letter or digit',
    pattern: '^[A-Za-z0-9][A-Za-z0-9 -]{0,63}$',
    minLength: 1,
    maxLength: 64,
    example: '7700225VH',
  })
  @IsRequired()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{0,63}$/, {
    message:
      'number must be 1 to 64 letters, digits, spaces or hyphens, starting with a letter or digit',
  })
  number!: string;

  @ApiProperty({
    enum: COUNTRY_CODES,
    enumName: 'CountryCode',
    description: 'The issuing country: an assigned ISO 3166-1 alpha-2 code, upper case',
    example: 'GB',
  })
  @IsRequired()
  @IsCountryCode()
  country!: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'A real calendar date `YYYY-MM-DD`',
    example: '2026-03-13',
  })
  @IsOptional()
  @IsCalendarDate()
  expiresAt?: string;
}
