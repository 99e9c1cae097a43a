import type { FileBook } from './file-book';
import { requireJsonBody, sendJson, sendValidationFailed, type Exchange } from './http-io';
import { validateIdentityUpdate } from './identity-validation';
import { checkMediaFiles } from './media-files';
import type { IdentityProcess, IdentityUpdateAnswer, KycOverviewAnswer } from './upstream-shapes';

export interface IdentityOutcome {
  status: string;
  reason?: string;
}

export interface KycState {
  readonly identities: Map<string, IdentityProcess>;
  readonly identityOutcome: IdentityOutcome;
  readonly files: FileBook;
}

/**
 * GET /core/kyc: the overview; the identity process is in full only with `detailed=identity`.
 * Other `detailed` values are accepted (the documented list is open-ended); the summary mirrors the identity.
 */
export function handleGetKyc(ex: Exchange, state: KycState, userId: string): void {
  const stored = state.identities.get(userId);
  const status = stored?.status ?? 'pending';
  const detailed = ex.query.getAll('detailed').includes('identity');
  const identity: IdentityProcess = detailed && stored ? stored : { status };
  const overview: KycOverviewAnswer = {
    summary: { status, reason: 'none' },
    processes: {
      identity,
      profile: { status: 'ok' },
      address: { status: 'ok' },
      email: { status: 'ok' },
    },
  };
  sendJson(ex, 200, overview);
}

/** PATCH /core/kyc/processes/identity: validates the body and its media files, stores the process with the configured outcome, answers it. */
export function handlePatchIdentity(ex: Exchange, state: KycState, userId: string): void {
  const body = requireJsonBody(ex);
  if (!body) return;
  const result = validateIdentityUpdate(body.value);
  if (!result.ok) return sendValidationFailed(ex, result.errors, result.count);
  const { type, input, output } = result.value;
  const media = input?.media ?? [];
  const fileErrors = checkMediaFiles(media, state.files, userId);
  if (fileErrors.count > 0) return sendValidationFailed(ex, fileErrors.root, fileErrors.count);
  const { status, reason } = state.identityOutcome;
  const identity: IdentityProcess = {
    status,
    ...(type !== undefined && { type }),
    input: { media },
    output: { ...output, ...(reason !== undefined && { reason }) },
  };
  state.identities.set(userId, identity);
  const answer: IdentityUpdateAnswer = { identity };
  sendJson(ex, 200, answer);
}
