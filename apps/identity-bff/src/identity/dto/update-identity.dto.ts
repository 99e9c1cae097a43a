import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { HasUniqueKey } from '../../common/validation/has-unique-key';
import { IsRequired } from '../../common/validation/is-required';
import { IsRfc3339DateTime } from '../../common/validation/is-rfc3339-date-time';
import { DocumentDto } from './document.dto';
import { MediaItemDto } from './media-item.dto';
import { PersonDto } from './person.dto';
import { DATE_TIME_PATTERN } from '../../openapi/schema-rules';

/** Kinds of identity submission. */
export const IDENTITY_TYPES = ['document-submission', 'electronic-verification'] as const;

/** A kind of identity submission. */
export type IdentityType = (typeof IDENTITY_TYPES)[number];

/** The most media items a submission may have. */
export const MAX_MEDIA = 5;
const MAX_FUTURE_SECONDS = 5 * 60;

function isElectronic(object: object): boolean {
  return (object as UpdateIdentityDto).type === 'electronic-verification';
}

function requiredUnlessElectronic(property: 'media' | 'document') {
  return (object: UpdateIdentityDto): boolean => !isElectronic(object) || object[property] != null;
}

function HasMediaCountForType(): PropertyDecorator {
  return ValidateBy({
    name: 'hasMediaCountForType',
    validator: {
      validate: (value: unknown, args) => {
        if (!Array.isArray(value) || !args) return true;
        if (isElectronic(args.object)) return value.length === 0;
        return value.length >= 1 && value.length <= MAX_MEDIA;
      },
      defaultMessage: (args) =>
        args && isElectronic(args.object)
          ? 'media must be empty when type is electronic-verification'
          : `media must have 1 to ${MAX_MEDIA} items`,
    },
  });
}

/** Body of `PATCH /me/identity` (contract §1.1). */
export class UpdateIdentityDto {
  @ApiPropertyOptional({
    enum: IDENTITY_TYPES,
    description: 'Forwarded only when given',
    example: 'document-submission',
  })
  @IsOptional()
  @IsIn(IDENTITY_TYPES)
  type?: IdentityType;

  @ApiPropertyOptional({
    type: () => [MediaItemDto],
    maxItems: MAX_MEDIA,
    uniqueItems: true,
    description:
      `1 to ${MAX_MEDIA} items, each context at most once; ` +
      'required unless `type` is `electronic-verification` (then absent or empty)',
  })
  @ValidateIf(requiredUnlessElectronic('media'))
  @IsRequired({ message: 'media is required unless type is electronic-verification' })
  @IsArray()
  @HasMediaCountForType()
  @HasUniqueKey('context')
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MediaItemDto)
  media?: MediaItemDto[];

  @ApiProperty({
    description: 'The verification provider: 1 to 50 lower-case letters, digits or hyphens',
    pattern: '^[a-z0-9-]{1,50}$',
    minLength: 1,
    maxLength: 50,
    example: 'veriff',
  })
  @IsRequired()
  @IsString()
  @Matches(/^[a-z0-9-]{1,50}$/, {
    message: 'provider must be 1 to 50 lower-case letters, digits or hyphens',
  })
  provider!: string;

  @ApiProperty({
    format: 'date-time',
    pattern: DATE_TIME_PATTERN,
    description:
      'When the provider verified the identity: RFC 3339 with an offset (`Z` or `±hh:mm`), ' +
      'not more than 5 minutes in the future (checked by the service)',
    example: '2020-01-01T00:00:00Z',
  })
  @IsRequired()
  @IsRfc3339DateTime(MAX_FUTURE_SECONDS)
  verifiedAt!: string;

  @ApiPropertyOptional({
    type: () => DocumentDto,
    description: 'Required unless `type` is `electronic-verification`',
  })
  @ValidateIf(requiredUnlessElectronic('document'))
  @IsRequired({ message: 'document is required unless type is electronic-verification' })
  @IsObject()
  @ValidateNested()
  @Type(() => DocumentDto)
  document?: DocumentDto;

  @ApiProperty({ type: () => PersonDto })
  @IsRequired()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  person!: PersonDto;
}
