/**
 * class-transformer's metadata storage (the `@Type` and `@Transform` decorators write to it). Not
 * in its index, but at this path since 0.4 and read from here by @nestjs/mapped-types too.
 */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
