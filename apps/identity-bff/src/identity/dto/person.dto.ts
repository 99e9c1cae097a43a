import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
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
import { DATE_FROM_1900_PATTERN, TRIMMED_NAME_PATTERN } from '../../openapi/schema-rules';
import { AddressDto } from './address.dto';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;
const noControlCharacters = { message: '$property must not contain control characters' };
const NAME = {
  minLength: 1,
  pattern: TRIMMED_NAME_PATTERN,
  description:
    '1 to 200 characters once leading and trailing white space is trimmed, no control characters; forwarded trimmed',
} as const;

/** The person the identity belongs to. */
@ApiSchema({ name: 'PersonInput', description: 'The person the identity belongs to' })
export class PersonDto {
  @ApiProperty({ ...NAME, example: 'John' })
  @IsRequired()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @Matches(NO_CONTROL_CHARACTERS, noControlCharacters)
  givenName!: string;

  @ApiProperty({ ...NAME, example: 'Doe' })
  @IsRequired()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @Matches(NO_CONTROL_CHARACTERS, noControlCharacters)
  familyName!: string;

  @ApiProperty({
    format: 'date',
    pattern: DATE_FROM_1900_PATTERN,
    description:
      'A real calendar date `YYYY-MM-DD` from 1900-01-01 to today (UTC; checked by the service)',
    example: '1987-09-04',
  })
  @IsRequired()
  @IsCalendarDate({ min: '1900-01-01', notAfterToday: true })
  birthdate!: string;

  @ApiPropertyOptional({ enum: ['female', 'male'], example: 'male' })
  @IsOptional()
  @IsIn(['female', 'male'])
  gender?: 'female' | 'male';

  @ApiPropertyOptional({ type: () => AddressDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
}
