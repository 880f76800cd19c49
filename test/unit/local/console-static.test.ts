/** The console behind the embedded default's edge: files of console/dist, config.json, and nothing outside. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleService } from '../../../lib/local/console-static';
import type { EdgeRequest } from '../../../lib/local/engine';

const root = mkdtempSync(join(tmpdir(), 'console-static-'));
mkdirSync(join(root, 'console', 'dist', 'assets'), { recursive: true });
writeFileSync(join(root, 'console', 'dist', 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(join(root, 'console', 'dist', 'assets', 'app-1234.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'not for the web');
const service = consoleService({ projectRoot: root, region: 'us-east-1' });

const request = (path: string, method = 'GET'): EdgeRequest => ({
  method,
  path,
  query: new URLSearchParams(),
  headers: {},
  rawHeaders: [],
  body: Buffer.alloc(0),
  sourceIp: '127.0.0.1',
});

describe('consoleService', () => {
  it('claims GET and HEAD under /console only', () => {
    expect(service.matches(request('/console/'))).toBe(true);
    expect(service.matches(request('/console'))).toBe(true);
    expect(service.matches(request('/console/assets/app-1234.js', 'HEAD'))).toBe(true);
    expect(service.matches(request('/console/', 'POST'))).toBe(false);
    expect(service.matches(request('/consoles'))).toBe(false);
    expect(service.matches(request('/findings'))).toBe(false);
  });

  it('redirects /console to /console/ and serves index.html there, with security headers', async () => {
    expect(await service.handle(request('/console'))).toMatchObject({ statusCode: 301, headers: { Location: '/console/' } });
    const index = await service.handle(request('/console/'));
    expect(index).toMatchObject({ statusCode: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Frame-Options': 'DENY' } });
    expect(String(index.body)).toContain('<title>x</title>');
    expect(index.headers['Content-Security-Policy']).toContain("script-src 'self'");
  });

  it('serves hashed assets as immutable, with their content type', async () => {
    expect(await service.handle(request('/console/assets/app-1234.js'))).toMatchObject({
      statusCode: 200,
      headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' },
    });
  });

  it('tells the app it is local, in this Region', async () => {
    const config = await service.handle(request('/console/config.json'));
    expect(JSON.parse(String(config.body))).toEqual({ mode: 'local', region: 'us-east-1' });
  });

  it('answers 404 for missing files and for paths that leave console/dist', async () => {
    expect((await service.handle(request('/console/nope.js'))).statusCode).toBe(404);
    expect((await service.handle(request('/console/%2e%2e/%2e%2e/secret.txt'))).statusCode).toBe(404);
    expect((await service.handle(request('/console/..%2F..%2Fsecret.txt'))).statusCode).toBe(404);
  });
});
