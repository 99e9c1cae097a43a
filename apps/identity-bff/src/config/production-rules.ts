import { DEV_ISSUER } from '../dev/dev-issuer';
import { Environment } from './environment';

const ALLOW = 'ALLOW_INSECURE_LOCAL_RUN=true allows it for a local run';

/**
 * With NODE_ENV=production, refuses what only a local run may use: a plain-http upstream or JWKS,
 * and the development issuer of `npm run local` (its key is made at each start, so the issuer is
 * what a copied local configuration carries). One line per problem, as every config problem.
 */
export function productionProblems(env: Environment): string[] {
  if (env.NODE_ENV !== 'production' || env.ALLOW_INSECURE_LOCAL_RUN === 'true') return [];
  const problems: string[] = [];
  if (isPlainHttp(env.UPHOLD_BASE_URL)) {
    problems.push(`UPHOLD_BASE_URL: must be an https URL in production (${ALLOW})`);
  }
  if (isPlainHttp(env.AUTH_JWKS_URI)) {
    problems.push(`AUTH_JWKS_URI: must be an https URL in production (${ALLOW})`);
  }
  if (env.AUTH_ISSUER === DEV_ISSUER) {
    problems.push(
      `AUTH_ISSUER: the development issuer of npm run local is refused in production (${ALLOW})`,
    );
  }
  return problems;
}

function isPlainHttp(url: string | undefined): boolean {
  return url !== undefined && /^http:/i.test(url);
}
