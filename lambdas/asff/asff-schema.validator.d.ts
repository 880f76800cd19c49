import type { ErrorObject } from 'ajv';
import type { AwsSecurityFinding } from './types';

/** The ASFF schema, precompiled (see generate-validator.ts). */
declare const validate: ((data: unknown) => data is AwsSecurityFinding) & { errors?: ErrorObject[] | null };
export default validate;
