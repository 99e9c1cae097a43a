import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'identity-bff:is-public';

/** Opens a route to callers without a JWT (health and metrics only). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
