import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsCountryCode } from '../../common/validation/is-country-code';
import { IsSubdivisionOf } from '../../common/validation/is-subdivision-of';
import { IsRequired } from '../../common/validation/is-required';

/** The person's residential address. */
export class AddressDto {
  @IsRequired()
  @IsCountryCode()
  country!: string;

  @IsOptional()
  @IsSubdivisionOf('country')
  subdivision?: string;

  @IsRequired()
  @IsString()
  @Length(1, 200)
  city!: string;

  @IsRequired()
  @IsString()
  @Length(1, 200)
  line1!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  postalCode?: string;
}
