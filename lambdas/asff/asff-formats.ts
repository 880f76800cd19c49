/**
 * The custom JSON Schema formats of the ASFF schema, by format name: the precompiled validator
 * (`asff-schema.validator.js`) requires this module and looks each format up by its name.
 */
import { isAsffTimestamp } from './timestamps';

/** ASFF timestamps (see timestamps.ts). */
const asffDateTime = { type: 'string' as const, validate: isAsffTimestamp };

export { asffDateTime as 'asff-date-time' };
