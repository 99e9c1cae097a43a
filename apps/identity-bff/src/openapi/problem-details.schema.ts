import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PROBLEM_CODES } from '../common/problem.exception';
import { openEnum } from './open-enum';

/** An example request id. */
export const EXAMPLE_REQUEST_ID = '8d0c1f7e-5b3a-4c2e-9f1d-2a6b7c8d9e0f';

/** One field-level error, with a first-party path. */
@ApiSchema({ name: 'FieldError', description: 'One broken rule, at a first-party path' })
export class FieldErrorSchema {
  @ApiProperty({
    description: 'Dotted path into the request body; array items by index (`media.0.fileId`)',
    example: 'person.birthdate',
  })
  field!: string;

  @ApiProperty({
    description: 'What the rule is; never the submitted value',
    example: 'birthdate must be a real calendar date (YYYY-MM-DD) from 1900-01-01 to today',
  })
  message!: string;
}

/** Every error body: `application/problem+json` (RFC 9457) with a stable `code` (contract §1.4). */
@ApiSchema({
  name: 'Problem',
  description: 'Every error body: `application/problem+json` (RFC 9457) with a stable `code`',
})
export class ProblemDetails {
  @ApiProperty({ enum: ['about:blank'], example: 'about:blank' })
  type!: string;

  @ApiProperty({ description: 'The HTTP reason phrase', example: 'Bad Request' })
  title!: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  status!: number;

  @ApiProperty({ description: 'For people; may change', example: 'The request body is invalid.' })
  detail!: string;

  @ApiProperty(
    openEnum(
      PROBLEM_CODES,
      'What went wrong, for programs: stable; a code added later reaches older clients as a ' +
        'plain string, so handle an unknown one by the HTTP status',
    ),
  )
  code!: string;

  @ApiProperty({
    description: 'Also in the `X-Request-Id` header and the log line',
    example: EXAMPLE_REQUEST_ID,
  })
  requestId!: string;

  @ApiPropertyOptional({
    type: () => [FieldErrorSchema],
    description:
      'Only where there are field errors (400 `validation_failed`, 422 `upstream_rejected`)',
  })
  errors?: FieldErrorSchema[];
}
