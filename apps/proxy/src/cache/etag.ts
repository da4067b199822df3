// Strong validators for bodies: the contract's (`validatorOf`, the one an event id is made of),
// quoted as an entity tag. Not a security boundary: the cache key is.
import { validatorOf } from '@mdss-kit/contract/events';

export const etagOf = (bytes: Uint8Array): string => `"${validatorOf(bytes)}"`;
