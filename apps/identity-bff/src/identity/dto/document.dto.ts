import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { IsCountryCode } from '../../common/validation/is-country-code';
import { IsRequired } from '../../common/validation/is-required';

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
export class DocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'passport' })
  @IsRequired()
  @IsIn(DOCUMENT_TYPES)
  type!: DocumentType;

  @ApiProperty({
    description: 'Letters, digits, spaces and hyphens, starting with a letter or digit',
    pattern: '^[A-Za-z0-9][A-Za-z0-9 -]{0,63}$',
    example: '7700225VH',
  })
  @IsRequired()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{0,63}$/, {
    message:
      'number must be 1 to 64 letters, digits, spaces or hyphens, starting with a letter or digit',
  })
  number!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 of the issuing country', example: 'GB' })
  @IsRequired()
  @IsCountryCode()
  country!: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-13' })
  @IsOptional()
  @IsCalendarDate()
  expiresAt?: string;
}
