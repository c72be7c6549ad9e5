import { SUBSCRIPTION_NAME_PATTERN } from './subscription-name';

export { SUBSCRIPTION_NAME_PATTERN };

/** conf's JSON schema of one subscription record (check-subscription.ts is the strict check). */
export const SUBSCRIPTION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'kind', 'location'],
  properties: {
    name: { type: 'string', pattern: SUBSCRIPTION_NAME_PATTERN },
    kind: { enum: ['https', 'file', 'git'] },
    location: { type: 'string', minLength: 1, maxLength: 2048 },
    ref: { type: 'string', minLength: 1, maxLength: 255 },
    path: { type: 'string', minLength: 1, maxLength: 1024 },
    sha256: { type: 'string', pattern: '^[0-9a-f]{40}([0-9a-f]{24})?$' },
    everySeconds: { type: 'integer', minimum: 60, maximum: 604_800 },
  },
} as const;
