import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    expect(config.value).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:./data/caravan.db',
      adminEmail: 'admin@localhost',
      adminPassword: undefined,
      demo: true,
      testClock: false,
      publicUrl: 'http://127.0.0.1:3000',
      logLevel: 'info',
      sessionTtlHours: 168,
      cookieSecure: false,
      smtpUrl: undefined,
      smsProviderUrl: undefined,
      secret: undefined,
      worker: true,
      workerBatch: 500,
    });
    expect(config.value.webDist).toMatch(/packages[/\\]web[/\\]dist$/);
  });

  it('reads every key it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db/caravan',
      CARAVAN_ADMIN_EMAIL: 'ops@example.com',
      CARAVAN_ADMIN_PASSWORD: 'long secret',
      CARAVAN_DEMO: '0',
      CARAVAN_TEST_CLOCK: '1',
      PUBLIC_URL: 'https://caravan.example.com/',
      LOG_LEVEL: 'debug',
      CARAVAN_WEB_DIST: '/srv/web',
      SESSION_TTL_HOURS: '12',
      COOKIE_SECURE: '1',
      SMTP_URL: 'smtp://mail.example.com:587',
      SMS_PROVIDER_URL: 'https://sms.example.com/2010-04-01/Accounts/AC1',
      CARAVAN_SECRET: 'a-secret-of-some-length',
      CARAVAN_WORKER: '0',
      CARAVAN_WORKER_BATCH: '200',
    });
    expect(config.ok && config.value).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db/caravan',
      adminEmail: 'ops@example.com',
      adminPassword: 'long secret',
      demo: false,
      testClock: true,
      publicUrl: 'https://caravan.example.com',
      logLevel: 'debug',
      webDist: '/srv/web',
      sessionTtlHours: 12,
      cookieSecure: true,
      smtpUrl: 'smtp://mail.example.com:587',
      smsProviderUrl: 'https://sms.example.com/2010-04-01/Accounts/AC1',
      secret: 'a-secret-of-some-length',
      worker: false,
      workerBatch: 200,
    });
  });

  it('names the engine keys that are wrong', () => {
    const config = loadConfig({
      SMTP_URL: 'http://mail',
      CARAVAN_SECRET: 'short',
      CARAVAN_WORKER_BATCH: '0',
    });
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.error.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'CARAVAN_SECRET',
      'CARAVAN_WORKER_BATCH',
      'SMTP_URL',
    ]);
  });

  it('reports every bad key at once', () => {
    const config = loadConfig({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      CARAVAN_DEMO: 'maybe',
    });
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.error.problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'CARAVAN_DEMO']),
    );
    expect(config.error.problems).toHaveLength(4);
  });

  it('freezes the configuration', () => {
    const config = loadConfig({});
    expect(config.ok && Object.isFrozen(config.value)).toBe(true);
  });

  it('derives PUBLIC_URL from HOST and PORT when absent', () => {
    const config = loadConfig({ HOST: 'example.local', PORT: '4000' });
    expect(config.ok && config.value.publicUrl).toBe('http://example.local:4000');
  });

  it('reads the SMTP pool size and per-channel concurrency and rates, and names a bad one', () => {
    const config = loadConfig({
      SMTP_POOL_SIZE: '32',
      CARAVAN_CHANNEL_CONCURRENCY: 'sms:2, webhook:16',
      CARAVAN_CHANNEL_RATE: 'email:50',
    });
    expect(config.ok && config.value).toMatchObject({
      smtpPoolSize: 32,
      channelConcurrency: { sms: 2, webhook: 16 },
      channelRate: { email: 50 },
    });
    const bad = loadConfig({ SMTP_POOL_SIZE: '0', CARAVAN_CHANNEL_CONCURRENCY: 'fax:3' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.problems.map((p) => p.split(':')[0])).toEqual([
      'SMTP_POOL_SIZE',
      'CARAVAN_CHANNEL_CONCURRENCY',
    ]);
  });
});
