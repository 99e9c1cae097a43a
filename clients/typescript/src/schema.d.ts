// Generated from openapi.json by `npm run openapi`: do not edit.

export interface paths {
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the process answers */
    get: operations['getLiveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether this replica should get traffic */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/identity': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The user's identity-verification state */
    get: operations['getIdentity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Submit or update the user's identity */
    patch: operations['updateIdentity'];
    trace?: never;
  };
  '/me/identity/files': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reserve an upload slot for one identity media file */
    post: operations['createUploadSlot'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description The person's residential address */
    AddressInput: {
      /** @example Manchester */
      city: string;
      /**
       * @description An assigned ISO 3166-1 alpha-2 code, upper case
       * @example GB
       */
      country: components['schemas']['CountryCode'];
      /** @example 1 High Street */
      line1: string;
      /** @example Northern Quarter */
      line2?: string;
      /** @example M4 1AA */
      postalCode?: string;
      /**
       * @description ISO 3166-2; its prefix must equal `country` (checked by the service)
       * @example GB-MAN
       */
      subdivision?: string;
    };
    /**
     * @description An assigned ISO 3166-1 alpha-2 code, upper case
     * @enum {string}
     */
    CountryCode:
      | 'AD'
      | 'AE'
      | 'AF'
      | 'AG'
      | 'AI'
      | 'AL'
      | 'AM'
      | 'AO'
      | 'AQ'
      | 'AR'
      | 'AS'
      | 'AT'
      | 'AU'
      | 'AW'
      | 'AX'
      | 'AZ'
      | 'BA'
      | 'BB'
      | 'BD'
      | 'BE'
      | 'BF'
      | 'BG'
      | 'BH'
      | 'BI'
      | 'BJ'
      | 'BL'
      | 'BM'
      | 'BN'
      | 'BO'
      | 'BQ'
      | 'BR'
      | 'BS'
      | 'BT'
      | 'BV'
      | 'BW'
      | 'BY'
      | 'BZ'
      | 'CA'
      | 'CC'
      | 'CD'
      | 'CF'
      | 'CG'
      | 'CH'
      | 'CI'
      | 'CK'
      | 'CL'
      | 'CM'
      | 'CN'
      | 'CO'
      | 'CR'
      | 'CU'
      | 'CV'
      | 'CW'
      | 'CX'
      | 'CY'
      | 'CZ'
      | 'DE'
      | 'DJ'
      | 'DK'
      | 'DM'
      | 'DO'
      | 'DZ'
      | 'EC'
      | 'EE'
      | 'EG'
      | 'EH'
      | 'ER'
      | 'ES'
      | 'ET'
      | 'FI'
      | 'FJ'
      | 'FK'
      | 'FM'
      | 'FO'
      | 'FR'
      | 'GA'
      | 'GB'
      | 'GD'
      | 'GE'
      | 'GF'
      | 'GG'
      | 'GH'
      | 'GI'
      | 'GL'
      | 'GM'
      | 'GN'
      | 'GP'
      | 'GQ'
      | 'GR'
      | 'GS'
      | 'GT'
      | 'GU'
      | 'GW'
      | 'GY'
      | 'HK'
      | 'HM'
      | 'HN'
      | 'HR'
      | 'HT'
      | 'HU'
      | 'ID'
      | 'IE'
      | 'IL'
      | 'IM'
      | 'IN'
      | 'IO'
      | 'IQ'
      | 'IR'
      | 'IS'
      | 'IT'
      | 'JE'
      | 'JM'
      | 'JO'
      | 'JP'
      | 'KE'
      | 'KG'
      | 'KH'
      | 'KI'
      | 'KM'
      | 'KN'
      | 'KP'
      | 'KR'
      | 'KW'
      | 'KY'
      | 'KZ'
      | 'LA'
      | 'LB'
      | 'LC'
      | 'LI'
      | 'LK'
      | 'LR'
      | 'LS'
      | 'LT'
      | 'LU'
      | 'LV'
      | 'LY'
      | 'MA'
      | 'MC'
      | 'MD'
      | 'ME'
      | 'MF'
      | 'MG'
      | 'MH'
      | 'MK'
      | 'ML'
      | 'MM'
      | 'MN'
      | 'MO'
      | 'MP'
      | 'MQ'
      | 'MR'
      | 'MS'
      | 'MT'
      | 'MU'
      | 'MV'
      | 'MW'
      | 'MX'
      | 'MY'
      | 'MZ'
      | 'NA'
      | 'NC'
      | 'NE'
      | 'NF'
      | 'NG'
      | 'NI'
      | 'NL'
      | 'NO'
      | 'NP'
      | 'NR'
      | 'NU'
      | 'NZ'
      | 'OM'
      | 'PA'
      | 'PE'
      | 'PF'
      | 'PG'
      | 'PH'
      | 'PK'
      | 'PL'
      | 'PM'
      | 'PN'
      | 'PR'
      | 'PS'
      | 'PT'
      | 'PW'
      | 'PY'
      | 'QA'
      | 'RE'
      | 'RO'
      | 'RS'
      | 'RU'
      | 'RW'
      | 'SA'
      | 'SB'
      | 'SC'
      | 'SD'
      | 'SE'
      | 'SG'
      | 'SH'
      | 'SI'
      | 'SJ'
      | 'SK'
      | 'SL'
      | 'SM'
      | 'SN'
      | 'SO'
      | 'SR'
      | 'SS'
      | 'ST'
      | 'SV'
      | 'SX'
      | 'SY'
      | 'SZ'
      | 'TC'
      | 'TD'
      | 'TF'
      | 'TG'
      | 'TH'
      | 'TJ'
      | 'TK'
      | 'TL'
      | 'TM'
      | 'TN'
      | 'TO'
      | 'TR'
      | 'TT'
      | 'TV'
      | 'TW'
      | 'TZ'
      | 'UA'
      | 'UG'
      | 'UM'
      | 'US'
      | 'UY'
      | 'UZ'
      | 'VA'
      | 'VC'
      | 'VE'
      | 'VG'
      | 'VI'
      | 'VN'
      | 'VU'
      | 'WF'
      | 'WS'
      | 'YE'
      | 'YT'
      | 'ZA'
      | 'ZM'
      | 'ZW';
    /** @description The identity document the verification was made with */
    DocumentInput: {
      /**
       * @description The issuing country: an assigned ISO 3166-1 alpha-2 code, upper case
       * @example GB
       */
      country: components['schemas']['CountryCode'];
      /**
       * Format: date
       * @description A real calendar date `YYYY-MM-DD`
       * @example 2026-03-13
       */
      expiresAt?: string;
      /**
       * @description Letters, digits, spaces and hyphens, starting with a letter or digit
       * @example 7700225VH
       */
      number: string;
      /** @example passport */
      type: components['schemas']['DocumentType'];
    };
    /** @description A submission made with an identity document: `media` and `document` are required. Unknown properties are rejected at every level. */
    DocumentSubmissionRequest: {
      document: components['schemas']['DocumentInput'];
      /** @description Files from `POST /me/identity/files`: 1 to 5, each `context` at most once */
      media: components['schemas']['MediaItemInput'][];
      person: components['schemas']['PersonInput'];
      /**
       * @description The verification provider: 1 to 50 lower-case letters, digits or hyphens
       * @example veriff
       */
      provider: string;
      /**
       * @description Absent or `document-submission`; forwarded only when given
       * @example document-submission
       * @enum {string}
       */
      type?: 'document-submission';
      /**
       * Format: date-time
       * @description When the provider verified the identity: RFC 3339 with an offset (`Z` or `±hh:mm`), not more than 5 minutes in the future (checked by the service)
       * @example 2020-01-01T00:00:00Z
       */
      verifiedAt: string;
    };
    /** @enum {string} */
    DocumentType: 'driving-license' | 'id-card' | 'passport' | 'residence-permit';
    /** @description A photo or scan of the document */
    DocumentUploadSlotRequest: {
      /**
       * @description The media type of the file to upload
       * @enum {string}
       */
      contentType: 'application/pdf' | 'image/jpeg' | 'image/png';
      /**
       * @description The part of the verification the file shows (enum property replaced by openapi-typescript)
       * @enum {string}
       */
      context: 'photo-document-back' | 'photo-document-front';
    };
    /** @description A submission verified electronically: `media` absent or empty, `document` optional. Unknown properties are rejected at every level. */
    ElectronicVerificationRequest: {
      document?: components['schemas']['DocumentInput'];
      /** @description Files from `POST /me/identity/files`: none; absent or empty */
      media?: components['schemas']['MediaItemInput'][];
      person: components['schemas']['PersonInput'];
      /**
       * @description The verification provider: 1 to 50 lower-case letters, digits or hyphens
       * @example veriff
       */
      provider: string;
      /**
       * @example electronic-verification
       * @enum {string}
       */
      type: 'electronic-verification';
      /**
       * Format: date-time
       * @description When the provider verified the identity: RFC 3339 with an offset (`Z` or `±hh:mm`), not more than 5 minutes in the future (checked by the service)
       * @example 2020-01-01T00:00:00Z
       */
      verifiedAt: string;
    };
    /** @description One broken rule, at a first-party path */
    FieldError: {
      /**
       * @description Dotted path into the request body; array items by index (`media.0.fileId`)
       * @example person.birthdate
       */
      field: string;
      /**
       * @description What the rule is; never the submitted value
       * @example birthdate must be a real calendar date (YYYY-MM-DD) from 1900-01-01 to today
       */
      message: string;
    };
    /** @description The checked parts by name (`shutdown`, `redis`): `info` up, `error` down, `details` all */
    HealthCheck: {
      /** @description Every part */
      details: {
        [key: string]: components['schemas']['HealthIndicator'];
      };
      /** @description The parts that are down */
      error?: {
        [key: string]: components['schemas']['HealthIndicator'];
      };
      /** @description The parts that are up */
      info?: {
        [key: string]: components['schemas']['HealthIndicator'];
      };
      /**
       * @example ok
       * @enum {string}
       */
      status: 'ok' | 'error' | 'shutting_down';
    };
    /** @description The state of one checked part */
    HealthIndicator: {
      /** @description `shutdown` only: SIGTERM received, draining */
      draining?: boolean;
      /**
       * @description `redis` only: the in-process token store is used (no Redis configured)
       * @enum {string}
       */
      mode?: 'in-process';
      /**
       * @example up
       * @enum {string}
       */
      status: 'up' | 'down';
    };
    /** @description The user's identity-verification state; a field the upstream does not return is left out, never null */
    Identity: {
      document?: components['schemas']['IdentityDocument'];
      media?: components['schemas']['IdentityMedia'][];
      person?: components['schemas']['IdentityPerson'];
      /** @example veriff */
      provider?: string;
      /**
       * @description Why, when the upstream gives a reason other than `none`; another upstream value passes through unchanged
       * @example data-mismatch
       */
      reason?:
        | 'data-mismatch'
        | 'duplicate'
        | 'fraud'
        | 'missing-declared-information'
        | 'underage'
        | (string & Record<never, never>);
      /**
       * @description The verification status (the upstream's `running` reads `processing`); another upstream value passes through unchanged
       * @example ok
       */
      status:
        'ok' | 'failed' | 'processing' | 'pending' | 'exempt' | (string & Record<never, never>);
      /**
       * @description The kind of submission; another upstream value passes through unchanged
       * @example document-submission
       */
      type?: 'document-submission' | 'electronic-verification' | (string & Record<never, never>);
      /**
       * Format: date-time
       * @example 2020-01-01T00:00:00Z
       */
      verifiedAt?: string;
    };
    /** @description A residential address */
    IdentityAddress: {
      /** @example Manchester */
      city: string;
      /**
       * @description ISO 3166-1 alpha-2, as the upstream holds it
       * @example GB
       */
      country: string;
      /** @example 1 High Street */
      line1: string;
      /** @example Northern Quarter */
      line2?: string;
      /** @example M4 1AA */
      postalCode?: string;
      /** @example GB-MAN */
      subdivision?: string;
    };
    /** @description The identity document, its number masked */
    IdentityDocument: {
      /**
       * @description ISO 3166-1 alpha-2, as the upstream holds it
       * @example GB
       */
      country: string;
      /**
       * Format: date
       * @example 2026-03-13
       */
      expiresAt?: string;
      /**
       * @description Masked: every character but the last four is `*`
       * @example *****25VH
       */
      number: string;
      /**
       * @description A document type; another upstream value passes through unchanged
       * @example driving-license
       */
      type:
        | 'driving-license'
        | 'id-card'
        | 'passport'
        | 'residence-permit'
        | (string & Record<never, never>);
    };
    /** @description One submitted media file */
    IdentityMedia: {
      /**
       * @description A media context; another upstream value passes through unchanged
       * @example photo-document-front
       */
      context:
        | 'photo-document-front'
        | 'photo-document-back'
        | 'photo-selfie'
        | 'photo-selfie-and-document-front'
        | 'video'
        | (string & Record<never, never>);
      /**
       * Format: uuid
       * @example 470b2192-893f-4ce6-9daa-816d4c319a84
       */
      fileId: string;
    };
    /** @description The person the identity belongs to */
    IdentityPerson: {
      address?: components['schemas']['IdentityAddress'];
      /**
       * Format: date
       * @example 1987-09-04
       */
      birthdate: string;
      /** @example Doe */
      familyName: string;
      /**
       * @example male
       * @enum {string}
       */
      gender?: 'female' | 'male';
      /** @example John */
      givenName: string;
    };
    /** @description A selfie, alone or with the document */
    ImageUploadSlotRequest: {
      /**
       * @description The media type of the file to upload
       * @enum {string}
       */
      contentType: 'image/jpeg' | 'image/png';
      /**
       * @description The part of the verification the file shows (enum property replaced by openapi-typescript)
       * @enum {string}
       */
      context: 'photo-selfie' | 'photo-selfie-and-document-front';
    };
    /** @enum {string} */
    MediaContext:
      | 'photo-document-front'
      | 'photo-document-back'
      | 'photo-selfie'
      | 'photo-selfie-and-document-front'
      | 'video';
    /** @description One uploaded file and the part of the verification it shows */
    MediaItemInput: {
      /** @example photo-selfie */
      context: components['schemas']['MediaContext'];
      /**
       * Format: uuid
       * @description From `POST /me/identity/files`
       * @example 470b2192-893f-4ce6-9daa-816d4c319a84
       */
      fileId: string;
    };
    /** @description The person the identity belongs to */
    PersonInput: {
      address?: components['schemas']['AddressInput'];
      /**
       * Format: date
       * @description A real calendar date `YYYY-MM-DD` from 1900-01-01 to today (UTC; checked by the service)
       * @example 1987-09-04
       */
      birthdate: string;
      /**
       * @description 1 to 200 characters once leading and trailing white space is trimmed, no control characters; forwarded trimmed
       * @example Doe
       */
      familyName: string;
      /**
       * @example male
       * @enum {string}
       */
      gender?: 'female' | 'male';
      /**
       * @description 1 to 200 characters once leading and trailing white space is trimmed, no control characters; forwarded trimmed
       * @example John
       */
      givenName: string;
    };
    /** @description Every error body: `application/problem+json` (RFC 9457) with a stable `code` */
    Problem: {
      /**
       * @description What went wrong, for programs: stable; a code added later reaches older clients as a plain string, so handle an unknown one by the HTTP status
       * @example validation_failed
       */
      code:
        | 'validation_failed'
        | 'bad_request'
        | 'unauthorized'
        | 'user_not_linked'
        | 'upstream_forbidden'
        | 'not_found'
        | 'request_timeout'
        | 'conflict'
        | 'payload_too_large'
        | 'uri_too_long'
        | 'unsupported_media_type'
        | 'upstream_rejected'
        | 'rate_limited'
        | 'request_header_fields_too_large'
        | 'upstream_error'
        | 'upstream_auth_failed'
        | 'identity_provider_unavailable'
        | 'upstream_unavailable'
        | 'upstream_timeout'
        | 'internal_error'
        | (string & Record<never, never>);
      /**
       * @description For people; may change
       * @example The request body is invalid.
       */
      detail: string;
      /** @description Only where there are field errors (400 `validation_failed`, 422 `upstream_rejected`) */
      errors?: components['schemas']['FieldError'][];
      /**
       * @description Also in the `X-Request-Id` header and the log line
       * @example 8d0c1f7e-5b3a-4c2e-9f1d-2a6b7c8d9e0f
       */
      requestId: string;
      /** @example 400 */
      status: number;
      /**
       * @description The HTTP reason phrase
       * @example Bad Request
       */
      title: string;
      /**
       * @example about:blank
       * @enum {string}
       */
      type: 'about:blank';
    };
    /** @description Where and how the app uploads the file's bytes, straight to the upstream's storage */
    Upload: {
      /**
       * Format: date-time
       * @example 2020-01-01T00:15:00Z
       */
      expiresAt: string;
      /**
       * @description Every field must be sent with the upload (multipart form)
       * @example {
       *       "key": "uploads/470b2192",
       *       "policy": "eyJleHBpcmF0aW9uIjoi…"
       *     }
       */
      formData: {
        [key: string]: string;
      };
      /**
       * Format: uri
       * @example https://uploads.example.com/bucket
       */
      url: string;
    };
    /** @description A reserved upload slot for one media file */
    UploadSlot: {
      /** @example photo-selfie */
      context: components['schemas']['MediaContext'];
      /**
       * Format: uuid
       * @example 470b2192-893f-4ce6-9daa-816d4c319a84
       */
      fileId: string;
      /**
       * @description The file's status; another upstream value passes through unchanged
       * @example pending
       */
      status: 'pending' | (string & Record<never, never>);
      upload: components['schemas']['Upload'];
    };
    /** @description A video */
    VideoUploadSlotRequest: {
      /**
       * @description The media type of the file to upload
       * @enum {string}
       */
      contentType: 'video/mp4' | 'video/mpeg';
      /**
       * @description The part of the verification the file shows (enum property replaced by openapi-typescript)
       * @enum {string}
       */
      context: 'video';
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: {
    /**
     * @description Seconds to wait before trying again
     * @example 5
     */
    'Retry-After': number;
    /**
     * @description The bearer challenge (RFC 6750)
     * @example Bearer error="invalid_token"
     */
    'WWW-Authenticate': string;
    /**
     * @description The request's id: the caller's `X-Request-Id` when it is a sane id, else generated; also in the problem body and the log line
     * @example 8d0c1f7e-5b3a-4c2e-9f1d-2a6b7c8d9e0f
     */
    'X-Request-Id': string;
    /**
     * @description The upstream's `X-Uphold-Request-Id`, where the upstream answered
     * @example 0b0f5e6c-3a43-4f87-8d1c-6f2e3b4a5c6d
     */
    'X-Upstream-Request-Id': string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getLiveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The process answers */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "details": {},
           *       "error": {},
           *       "info": {},
           *       "status": "ok"
           *     }
           */
          'application/json': components['schemas']['HealthCheck'];
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Redis is ready (standalone: connected; cluster: every slot served; sentinel: a master known), or the in-process store is used */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "details": {
           *         "redis": {
           *           "slotsServed": 16384,
           *           "status": "up",
           *           "topology": "cluster"
           *         },
           *         "shutdown": {
           *           "status": "up"
           *         }
           *       },
           *       "error": {},
           *       "info": {
           *         "redis": {
           *           "slotsServed": 16384,
           *           "status": "up",
           *           "topology": "cluster"
           *         },
           *         "shutdown": {
           *           "status": "up"
           *         }
           *       },
           *       "status": "ok"
           *     }
           */
          'application/json': components['schemas']['HealthCheck'];
        };
      };
      /** @description Redis is not ready, or the service is draining after SIGTERM */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "details": {
           *         "redis": {
           *           "masterKnown": false,
           *           "status": "down",
           *           "topology": "sentinel"
           *         },
           *         "shutdown": {
           *           "status": "up"
           *         }
           *       },
           *       "error": {
           *         "redis": {
           *           "masterKnown": false,
           *           "status": "down",
           *           "topology": "sentinel"
           *         }
           *       },
           *       "info": {
           *         "shutdown": {
           *           "status": "up"
           *         }
           *       },
           *       "status": "error"
           *     }
           */
          'application/json': components['schemas']['HealthCheck'];
        };
      };
    };
  };
  getIdentity: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The identity; absent fields are left out */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Identity'];
        };
      };
      /** @description - `unauthorized`: missing, malformed, expired (or without `exp`) or wrongly signed JWT, wrong `iss`/`aud`, a disallowed `alg` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description - `user_not_linked`: the JWT has no usable upstream user id (claim missing or not a UUID)
       *     - `upstream_forbidden`: the upstream answered 403
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `not_found`: unknown route, or the upstream answered 404 */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `request_timeout`: the client did not send the whole request (headers and body) within 30 s; answered before routing */
      408: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `uri_too_long`: the request path is too long to route; answered before routing */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `rate_limited`: the user exceeded the BFF's per-user limit, or the upstream answered 429 */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `request_header_fields_too_large`: the request headers are too large; answered before routing */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `internal_error`: anything else; details only in the log */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description - `upstream_error`: the upstream answered 5xx, or a malformed body
       *     - `upstream_auth_failed`: the token endpoint refused the client credentials, or the upstream still answered 401 after one fresh token
       */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description - `identity_provider_unavailable`: the JWT's keys cannot be had (the JWKS endpoint is down and nothing is cached); never a 401: the user need not sign in again
       *     - `upstream_unavailable`: the upstream or its token endpoint cannot be reached (refused, circuit open, token endpoint 5xx after retries)
       */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `upstream_timeout`: the upstream did not answer within `UPSTREAM_TIMEOUT_MS` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateIdentity: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The identity to submit: a document submission (the default) or an electronic verification */
    requestBody: {
      content: {
        'application/json':
          | components['schemas']['DocumentSubmissionRequest']
          | components['schemas']['ElectronicVerificationRequest'];
      };
    };
    responses: {
      /** @description The identity as the upstream now holds it */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Identity'];
        };
      };
      /**
       * @description - `validation_failed`: the body breaks a rule of the request schema, or is not valid JSON; nothing is sent upstream
       *     - `bad_request`: the request is not valid HTTP, or its path is not a valid URL; nothing is sent upstream
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `unauthorized`: missing, malformed, expired (or without `exp`) or wrongly signed JWT, wrong `iss`/`aud`, a disallowed `alg` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description - `user_not_linked`: the JWT has no usable upstream user id (claim missing or not a UUID)
       *     - `upstream_forbidden`: the upstream answered 403
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `not_found`: unknown route, or the upstream answered 404 */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `request_timeout`: the client did not send the whole request (headers and body) within 30 s; answered before routing */
      408: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `conflict`: the upstream answered 409 */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `payload_too_large`: the body is over 64 KiB */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `uri_too_long`: the request path is too long to route; answered before routing */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `unsupported_media_type`: the body is not `application/json` (`application/*+json` types included) */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `upstream_rejected`: the upstream answered 400 or 422; its field errors are mapped to first-party paths */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `rate_limited`: the user exceeded the BFF's per-user limit, or the upstream answered 429 */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `request_header_fields_too_large`: the request headers are too large; answered before routing */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `internal_error`: anything else; details only in the log */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description - `upstream_error`: the upstream answered 5xx, or a malformed body
       *     - `upstream_auth_failed`: the token endpoint refused the client credentials, or the upstream still answered 401 after one fresh token
       */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description - `identity_provider_unavailable`: the JWT's keys cannot be had (the JWKS endpoint is down and nothing is cached); never a 401: the user need not sign in again
       *     - `upstream_unavailable`: the upstream or its token endpoint cannot be reached (refused, circuit open, token endpoint 5xx after retries)
       */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `upstream_timeout`: the upstream did not answer within `UPSTREAM_TIMEOUT_MS` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createUploadSlot: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The file to reserve a slot for; its context decides the allowed content types */
    requestBody: {
      content: {
        'application/json':
          | components['schemas']['DocumentUploadSlotRequest']
          | components['schemas']['ImageUploadSlotRequest']
          | components['schemas']['VideoUploadSlotRequest'];
      };
    };
    responses: {
      /** @description The slot; upload the bytes to `upload.url` with every `formData` field */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UploadSlot'];
        };
      };
      /**
       * @description - `validation_failed`: the body breaks a rule of the request schema, or is not valid JSON; nothing is sent upstream
       *     - `bad_request`: the request is not valid HTTP, or its path is not a valid URL; nothing is sent upstream
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `unauthorized`: missing, malformed, expired (or without `exp`) or wrongly signed JWT, wrong `iss`/`aud`, a disallowed `alg` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description - `user_not_linked`: the JWT has no usable upstream user id (claim missing or not a UUID)
       *     - `upstream_forbidden`: the upstream answered 403
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `not_found`: unknown route, or the upstream answered 404 */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `request_timeout`: the client did not send the whole request (headers and body) within 30 s; answered before routing */
      408: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `conflict`: the upstream answered 409 */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `payload_too_large`: the body is over 64 KiB */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `uri_too_long`: the request path is too long to route; answered before routing */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `unsupported_media_type`: the body is not `application/json` (`application/*+json` types included) */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `upstream_rejected`: the upstream answered 400 or 422; its field errors are mapped to first-party paths */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `rate_limited`: the user exceeded the BFF's per-user limit, or the upstream answered 429 */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `request_header_fields_too_large`: the request headers are too large; answered before routing */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `internal_error`: anything else; details only in the log */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description - `upstream_error`: the upstream answered 5xx, or a malformed body
       *     - `upstream_auth_failed`: the token endpoint refused the client credentials, or the upstream still answered 401 after one fresh token
       */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Upstream-Request-Id': components['headers']['X-Upstream-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description - `identity_provider_unavailable`: the JWT's keys cannot be had (the JWKS endpoint is down and nothing is cached); never a 401: the user need not sign in again
       *     - `upstream_unavailable`: the upstream or its token endpoint cannot be reached (refused, circuit open, token endpoint 5xx after retries)
       */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description - `upstream_timeout`: the upstream did not answer within `UPSTREAM_TIMEOUT_MS` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Prometheus text format */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
    };
  };
}
