import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsCountryCode } from '../../common/validation/is-country-code';
import { IsSubdivisionOf } from '../../common/validation/is-subdivision-of';
import { IsRequired } from '../../common/validation/is-required';
import { COUNTRY_CODES, SUBDIVISION_PATTERN } from '../../openapi/schema-rules';

/** The person's residential address. */
@ApiSchema({ name: 'AddressInput', description: "The person's residential address" })
export class AddressDto {
  @ApiProperty({
    enum: COUNTRY_CODES,
    enumName: 'CountryCode',
    description: 'An assigned ISO 3166-1 alpha-2 code, upper case',
    example: 'GB',
  })
  @IsRequired()
  @IsCountryCode()
  country!: string;

  @ApiPropertyOptional({
    description: 'ISO 3166-2; its prefix must equal `country` (checked by the service)',
    pattern: SUBDIVISION_PATTERN,
    example: 'GB-MAN',
  })
  @IsOptional()
  @IsSubdivisionOf('country')
  subdivision?: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Manchester' })
  @IsRequired()
  @IsString()
  @Length(1, 200)
  city!: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: '1 High Street' })
  @IsRequired()
  @IsString()
  @Length(1, 200)
  line1!: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Northern Quarter' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'M4 1AA' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  postalCode?: string;
}
