/**
 * The contract between the constructs and the local engine: template metadata keys the constructs
 * (lib/constructs) write on resources and the engine (lib/local/engine) reads from the synthesized
 * template. Both import them from here; neither imports the other.
 */

/** On an `AWS::Lambda::Function`: its handler file relative to the project root (export `handler`). */
export const ENTRY_METADATA_KEY = 'OpenSecurityHub:Entry';

/** On an `AWS::StepFunctions::StateMachine`: its ASL file relative to the project root. */
export const DEFINITION_METADATA_KEY = 'OpenSecurityHub:Definition';
