import { UserContext } from '@app/uphold';
import { Body, Controller, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CallerContext } from '../common/caller-context.decorator';
import { ApiUpdateIdentityBody, ApiUploadSlotBody } from '../openapi/api-bodies.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { headerRefs } from '../openapi/response-headers';
import { CreateUploadSlotDto } from './dto/create-upload-slot.dto';
import { UpdateIdentityDto } from './dto/update-identity.dto';
import { Answer, IdentityService } from './identity.service';
import { IdentityView, UploadSlotView } from './identity.view';

/** `/me/identity`: the caller's own identity verification, and upload slots for its media. */
@ApiTags('identity')
@ApiBearerAuth()
@ApiProblems(401, 403, 404, 408, 414, 429, 431, 500, 502, 503, 504)
@Controller('me/identity')
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Get()
  @ApiOperation({ operationId: 'getIdentity', summary: "The user's identity-verification state" })
  @ApiOkResponse({
    type: IdentityView,
    description: 'The identity; absent fields are left out',
    headers: headerRefs('X-Upstream-Request-Id'),
  })
  async get(
    @CallerContext() user: UserContext,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<IdentityView> {
    return withUpstreamId(response, await this.identity.getIdentity(user));
  }

  @Patch()
  @ApiOperation({ operationId: 'updateIdentity', summary: "Submit or update the user's identity" })
  @ApiUpdateIdentityBody()
  @ApiOkResponse({
    type: IdentityView,
    description: 'The identity as the upstream now holds it',
    headers: headerRefs('X-Upstream-Request-Id'),
  })
  @ApiProblems(400, 409, 413, 415, 422)
  async update(
    @CallerContext() user: UserContext,
    @Body() body: UpdateIdentityDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<IdentityView> {
    return withUpstreamId(response, await this.identity.updateIdentity(user, body));
  }

  @Post('files')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createUploadSlot',
    summary: 'Reserve an upload slot for one identity media file',
  })
  @ApiUploadSlotBody()
  @ApiCreatedResponse({
    type: UploadSlotView,
    description: 'The slot; upload the bytes to `upload.url` with every `formData` field',
    headers: headerRefs('X-Upstream-Request-Id'),
  })
  @ApiProblems(400, 409, 413, 415, 422)
  async createUploadSlot(
    @CallerContext() user: UserContext,
    @Body() body: CreateUploadSlotDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<UploadSlotView> {
    return withUpstreamId(response, await this.identity.createUploadSlot(user, body));
  }
}

function withUpstreamId<T>(response: FastifyReply, answer: Answer<T>): T {
  if (answer.upstreamRequestId)
    void response.header('X-Upstream-Request-Id', answer.upstreamRequestId);
  return answer.body;
}
