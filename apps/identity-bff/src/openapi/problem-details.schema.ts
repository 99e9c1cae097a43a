import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROBLEM_CODES } from '../common/problem.exception';

/** One field-level error, with a first-party path. */
export class FieldErrorSchema {
  @ApiProperty({ example: 'person.birthdate' })
  field!: string;

  @ApiProperty({
    example: 'birthdate must be a real calendar date (YYYY-MM-DD) from 1900-01-01 to today',
  })
  message!: string;
}

/** Every error body: `application/problem+json` (RFC 9457) with a stable `code` (contract §1.4). */
export class ProblemDetails {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ description: 'The HTTP reason phrase', example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request body is invalid.' })
  detail!: string;

  @ApiProperty({ enum: PROBLEM_CODES, example: 'validation_failed' })
  code!: string;

  @ApiProperty({
    description: 'Also in the `X-Request-Id` header and the log line',
    example: '8d0c1f7e-5b3a-4c2e-9f1d-2a6b7c8d9e0f',
  })
  requestId!: string;

  @ApiPropertyOptional({
    type: () => [FieldErrorSchema],
    description: 'Only where there are field errors (400 and 422)',
  })
  errors?: FieldErrorSchema[];
}
