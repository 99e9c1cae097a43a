export * from './uphold.module';
export * from './uphold.options';
export * from './uphold.client';
export * from './uphold.error';
export * from './uphold.types';
export { TokenService } from './token/token.service';
export { TokenStore } from './token/token-store';
export { basicCredentials } from './http/form-encoding';
export * from './uphold.telemetry';
