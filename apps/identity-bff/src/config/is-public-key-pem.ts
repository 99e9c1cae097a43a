import { createPublicKey } from 'node:crypto';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** A PEM that Node can read as a public key (the value itself never appears in the message). */
export function IsPublicKeyPem(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPublicKeyPem',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          try {
            return createPublicKey(value).type === 'public';
          } catch {
            return false;
          }
        },
        defaultMessage: () => 'AUTH_PUBLIC_KEY must be a PEM-encoded public key',
      },
    },
    options,
  );
}
