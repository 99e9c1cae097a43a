import { PipeTransform, ValidationPipe } from '@nestjs/common';
import { BodyValidationPipe } from './body-validation.pipe';
import { CORPUS, Dto } from './body-corpus.fixture';
import { ProblemException } from './problem.exception';
import { validationPipeOptions } from './validation-pipe.options';

const reference = new ValidationPipe(validationPipeOptions);
const lean = new BodyValidationPipe();

/** What a pipe makes of a body parsed afresh: the value it returns or the problem it throws. */
async function outcomeOf(pipe: PipeTransform, metatype: Dto, json: string | undefined) {
  const body: unknown = json === undefined ? undefined : JSON.parse(json);
  try {
    return { returned: (await pipe.transform(body, { type: 'body', metatype })) as unknown };
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    const { status, code, detail, errors } = error;
    return { problem: { status, code, detail, errors } };
  }
}

describe('BodyValidationPipe against Nest ValidationPipe with validationPipeOptions', () => {
  it.each(CORPUS)('answers %s as it does', async (_name, metatype, json) => {
    const expected = await outcomeOf(reference, metatype, json);
    // toStrictEqual: the same classes at every level and the same own keys, undefined ones too
    expect(await outcomeOf(lean, metatype, json)).toStrictEqual(expected);
  });

  it('has a corpus of many accepted and many refused bodies', async () => {
    const outcomes = await Promise.all(CORPUS.map((c) => outcomeOf(reference, c[1], c[2])));
    const accepted = outcomes.filter((outcome) => 'returned' in outcome).length;
    expect(accepted).toBeGreaterThanOrEqual(20);
    expect(outcomes.length - accepted).toBeGreaterThanOrEqual(300);
  });
});
