import { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import { TokenService } from './token/token.service';
import { readUpstreamError } from './uphold-error.reader';
import { UpholdError } from './uphold.error';
import { parseJson, upstreamRequestIdOf } from './http/response-reading';
import { transportError } from './http/transport-errors';
import {
  CreateFileRequest,
  CreateFileResponse,
  KycOverview,
  UpdateIdentityRequest,
  UpdateIdentityResponse,
  UserContext,
} from './uphold.types';

/** An upstream answer with the id Uphold gave it, for correlation. */
export interface UpholdResult<T> {
  data: T;
  upstreamRequestId?: string;
}

/** Typed calls to the Core API on behalf of one user; a 401 gets one fresh token and one retry. */
export class UpholdClient {
  constructor(
    private readonly http: AxiosInstance,
    private readonly tokens: TokenService,
  ) {}

  getKycOverview(user: UserContext): Promise<UpholdResult<KycOverview>> {
    return this.call(user, 'get KYC overview', {
      method: 'GET',
      url: '/core/kyc?detailed=identity',
    });
  }

  updateIdentity(
    user: UserContext,
    body: UpdateIdentityRequest,
  ): Promise<UpholdResult<UpdateIdentityResponse>> {
    return this.call(user, 'update identity', {
      method: 'PATCH',
      url: '/core/kyc/processes/identity',
      ...jsonBody(body),
    });
  }

  createFile(
    user: UserContext,
    body: CreateFileRequest,
  ): Promise<UpholdResult<CreateFileResponse>> {
    return this.call(user, 'create file', {
      method: 'POST',
      url: '/core/files',
      ...jsonBody(body),
    });
  }

  private async call<T>(
    user: UserContext,
    operation: string,
    request: AxiosRequestConfig,
  ): Promise<UpholdResult<T>> {
    const token = await this.tokens.getAccessToken();
    let response = await this.send(user, operation, request, token);
    if (response.status === 401) {
      const fresh = await this.tokens.replaceRejected(token);
      response = await this.send(user, operation, request, fresh);
      if (response.status === 401) {
        throw new UpholdError('auth_failed', `${operation}: upstream refused a fresh token`, {
          status: 401,
          upstreamRequestId: upstreamRequestIdOf(response),
        });
      }
    }
    return read<T>(response, operation);
  }

  private async send(
    user: UserContext,
    operation: string,
    request: AxiosRequestConfig,
    token: string,
  ): Promise<AxiosResponse<string>> {
    try {
      return await this.http.request<string>({
        ...request,
        headers: { ...request.headers, ...userHeaders(user), Authorization: `Bearer ${token}` },
      });
    } catch (error) {
      throw transportError(error, operation);
    }
  }
}

function jsonBody(body: object): AxiosRequestConfig {
  return { data: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } };
}

/** The headers that say whom a call is for and carry the end user's context (SPEC §3). */
function userHeaders(user: UserContext): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'X-On-Behalf-Of': `user ${user.userId}`,
    'X-Request-Id': user.requestId,
  };
  if (user.ip) headers['X-Uphold-User-Ip'] = user.ip;
  if (user.userAgent) headers['X-Uphold-User-Agent'] = user.userAgent;
  if (user.origin) headers['X-Uphold-User-Origin'] = user.origin;
  if (user.acceptLanguage) headers['Accept-Language'] = user.acceptLanguage;
  return headers;
}

function read<T>(response: AxiosResponse<string>, operation: string): UpholdResult<T> {
  const upstreamRequestId = upstreamRequestIdOf(response);
  if (response.status >= 400) throw readUpstreamError(response, operation);
  const data = parseJson(response.data);
  if (typeof data !== 'object' || data === null) {
    throw new UpholdError('bad_response', `${operation}: answer is not a JSON object`, {
      status: response.status,
      upstreamRequestId,
    });
  }
  return { data: data as T, upstreamRequestId };
}
