import type { ControlDefinition } from './types';

// Placeholder: this group's controls are being written.
/** Controls of this service group. */
export const s3Controls: ControlDefinition[] = [];
