/** The three outcomes of a control, each with the reason that becomes the finding's StatusReasons. */
import type { Evaluation } from '../types';

/** A passing evaluation. */
export const passed = (reason: string): Evaluation => ({ status: 'PASSED', reason });
/** A failing evaluation. */
export const failed = (reason: string): Evaluation => ({ status: 'FAILED', reason });
/** An evaluation of an item the control does not judge. */
export const notApplicable = (reason: string): Evaluation => ({ status: 'NOT_APPLICABLE', reason });
