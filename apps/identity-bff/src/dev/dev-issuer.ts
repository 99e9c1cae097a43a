/** The issuer of the development tokens `npm run local` mints; production refuses it. */
export const DEV_ISSUER = 'https://identity-bff.local/dev-issuer';
