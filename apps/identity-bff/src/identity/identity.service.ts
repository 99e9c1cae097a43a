import {
  UpholdClient,
  UpholdError,
  UpholdIdentityProcess,
  UpholdResult,
  UserContext,
} from '@app/uphold';
import { Injectable, Logger } from '@nestjs/common';
import { toUpstreamProblem } from '../common/upstream-problem';
import { CreateUploadSlotDto } from './dto/create-upload-slot.dto';
import { UpdateIdentityDto } from './dto/update-identity.dto';
import {
  isKnownIdentityStatus,
  toCreateFileRequest,
  toFirstPartyField,
  toIdentityView,
  toUpdateIdentityRequest,
  toUploadSlotView,
} from './identity.mapper';
import { IdentityView, UploadSlotView } from './identity.view';

/** A first-party answer and the id the upstream gave its call (for `X-Upstream-Request-Id`). */
export interface Answer<T> {
  body: T;
  upstreamRequestId?: string;
}

/** The identity use cases: first-party shapes in, the upstream called, first-party shapes out. */
@Injectable()
export class IdentityService {
  private readonly logger = new Logger(IdentityService.name);

  constructor(private readonly uphold: UpholdClient) {}

  async getIdentity(user: UserContext): Promise<Answer<IdentityView>> {
    const { data, upstreamRequestId } = await upstream(this.uphold.getKycOverview(user));
    expectPresent(data.processes, 'KYC overview without processes', upstreamRequestId);
    return { body: this.view(data.processes.identity), upstreamRequestId };
  }

  async updateIdentity(user: UserContext, dto: UpdateIdentityDto): Promise<Answer<IdentityView>> {
    const request = toUpdateIdentityRequest(dto);
    const { data, upstreamRequestId } = await upstream(this.uphold.updateIdentity(user, request));
    expectPresent(data.identity, 'identity update without identity', upstreamRequestId);
    return { body: this.view(data.identity), upstreamRequestId };
  }

  async createUploadSlot(
    user: UserContext,
    dto: CreateUploadSlotDto,
  ): Promise<Answer<UploadSlotView>> {
    const request = toCreateFileRequest(dto);
    const { data, upstreamRequestId } = await upstream(this.uphold.createFile(user, request));
    expectPresent(data.file?.upload, 'file without upload slot', upstreamRequestId);
    return { body: toUploadSlotView(data, dto.context), upstreamRequestId };
  }

  private view(process: UpholdIdentityProcess | undefined): IdentityView {
    const view = toIdentityView(process);
    if (!isKnownIdentityStatus(view.status)) {
      this.logger.warn(`unknown identity status from the upstream: ${view.status}`);
    }
    return view;
  }
}

/** Awaits an upstream call, turning its failure into the first-party problem. */
async function upstream<T>(call: Promise<UpholdResult<T>>): Promise<UpholdResult<T>> {
  try {
    return await call;
  } catch (error) {
    throw error instanceof UpholdError ? toUpstreamProblem(error, toFirstPartyField) : error;
  }
}

/** An upstream answer missing a part we need is malformed: 502, never a crash. */
function expectPresent<T>(
  part: T | undefined | null,
  what: string,
  upstreamRequestId?: string,
): asserts part is T {
  if (typeof part === 'object' && part !== null) return;
  const error = new UpholdError('bad_response', what, { upstreamRequestId });
  throw toUpstreamProblem(error, toFirstPartyField);
}
