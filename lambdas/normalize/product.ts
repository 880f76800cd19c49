/** The AWS partition of a Region. */
export function partitionOf(region: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Security Hub's ProductArn for an AWS service integration: `arn:<partition>:securityhub:<region>::product/aws/<product>`. */
export function awsProductArn(region: string, product: string): string {
  return `arn:${partitionOf(region)}:securityhub:${region}::product/aws/${product}`;
}
