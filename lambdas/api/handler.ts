// Placeholder: the Security Hub–compatible API handler.
export const handler = async (): Promise<{ statusCode: number; body: string }> => ({ statusCode: 501, body: '{}' });
