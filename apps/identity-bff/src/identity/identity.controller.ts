import { UserContext } from '@app/uphold';
import { Body, Controller, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { Response } from 'express';
import { CallerContext } from '../common/caller-context.decorator';
import { CreateUploadSlotDto } from './dto/create-upload-slot.dto';
import { UpdateIdentityDto } from './dto/update-identity.dto';
import { Answer, IdentityService } from './identity.service';
import { IdentityView, UploadSlotView } from './identity.view';

/** `/me/identity`: the caller's own identity verification, and upload slots for its media. */
@Controller('me/identity')
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Get()
  async get(
    @CallerContext() user: UserContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IdentityView> {
    return withUpstreamId(response, await this.identity.getIdentity(user));
  }

  @Patch()
  async update(
    @CallerContext() user: UserContext,
    @Body() body: UpdateIdentityDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IdentityView> {
    return withUpstreamId(response, await this.identity.updateIdentity(user, body));
  }

  @Post('files')
  @HttpCode(201)
  async createUploadSlot(
    @CallerContext() user: UserContext,
    @Body() body: CreateUploadSlotDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UploadSlotView> {
    return withUpstreamId(response, await this.identity.createUploadSlot(user, body));
  }
}

function withUpstreamId<T>(response: Response, answer: Answer<T>): T {
  if (answer.upstreamRequestId)
    response.setHeader('X-Upstream-Request-Id', answer.upstreamRequestId);
  return answer.body;
}
