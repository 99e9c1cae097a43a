import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { IsRequired } from '../../common/validation/is-required';
import { AddressDto } from './address.dto';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;
const noControlCharacters = { message: '$property must not contain control characters' };

/** The person the identity belongs to. */
export class PersonDto {
  @IsRequired()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @Matches(NO_CONTROL_CHARACTERS, noControlCharacters)
  givenName!: string;

  @IsRequired()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @Matches(NO_CONTROL_CHARACTERS, noControlCharacters)
  familyName!: string;

  @IsRequired()
  @IsCalendarDate({ min: '1900-01-01', notAfterToday: true })
  birthdate!: string;

  @IsOptional()
  @IsIn(['female', 'male'])
  gender?: 'female' | 'male';

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
}
