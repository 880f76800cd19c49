import { DEFAULT_SERVICE_NAME, createLogger } from '../../../lambdas/shared/logger';

describe('createLogger', () => {
  const saved = process.env.POWERTOOLS_SERVICE_NAME;
  afterEach(() => {
    if (saved === undefined) delete process.env.POWERTOOLS_SERVICE_NAME;
    else process.env.POWERTOOLS_SERVICE_NAME = saved;
  });

  /** The `service` of the line a logger writes. */
  function serviceOf(logger: ReturnType<typeof createLogger>): unknown {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      logger.info('hello');
    } finally {
      write.mockRestore();
    }
    return (JSON.parse(lines.join('')) as { service: unknown }).service;
  }

  it('names the service from POWERTOOLS_SERVICE_NAME, read when the logger is made', () => {
    process.env.POWERTOOLS_SERVICE_NAME = 'route-alerts';
    expect(serviceOf(createLogger())).toBe('route-alerts');
    process.env.POWERTOOLS_SERVICE_NAME = 'sechub-api';
    expect(serviceOf(createLogger())).toBe('sechub-api');
  });

  it('falls back to the constructs’ default name', () => {
    delete process.env.POWERTOOLS_SERVICE_NAME;
    expect(serviceOf(createLogger())).toBe(DEFAULT_SERVICE_NAME);
  });
});
