// Placeholder: replaced by the full ASFF types.
/** An AWS Security Finding Format finding. */
export interface AwsSecurityFinding {
  [key: string]: unknown;
}
