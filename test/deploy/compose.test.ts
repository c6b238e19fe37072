/**
 * compose.yaml as the deployment guide describes it, read without a container engine:
 * a three-member replica set, two PreLetter instances from the Dockerfile that reach it,
 * one published port in front of both, and stop timeouts longer than PreLetter's grace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config';

const ROOT = path.resolve(__dirname, '../..');

interface Service {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  depends_on?: Record<string, { condition: string }>;
  configs?: Array<{ source: string; target: string }>;
  networks?: string[];
}

const compose = parse(readFileSync(path.join(ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  configs: Record<string, { content: string }>;
};
const services = Object.entries(compose.services);
const mongos = services.filter(([, s]) => s.command?.includes('--replSet'));
const instances = services.filter(([, s]) => s.build === '.');

function seconds(duration: string | undefined): number {
  const m = /^(\d+)s$/.exec(duration ?? '');
  if (!m) throw new Error(`not a duration in seconds: ${duration}`);
  return Number(m[1]);
}

describe('compose.yaml', () => {
  it('runs a three-member replica set, initiated once with all three members', () => {
    expect(mongos.map(([name]) => name)).toHaveLength(3);
    for (const [, mongo] of mongos) expect(mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    const init = compose.services['mongo-init']!;
    const script = init.command!.join('\n');
    for (const [name] of mongos) expect(script).toContain(`${name}:27017`);
    expect(script).toContain("rs.initiate({ _id: 'rs0'");
    expect(Object.keys(init.depends_on!).sort()).toEqual(mongos.map(([name]) => name).sort());
  });

  it('runs two PreLetter instances from the Dockerfile on that replica set, secrets from .env only', () => {
    expect(instances).toHaveLength(2);
    for (const [, instance] of instances) {
      // A seed list (several hosts) is no WHATWG URL, so the connection string is split by hand.
      const [, hosts, options] = /^mongodb:\/\/([^/]+)\/[^?]*\?(.*)$/.exec(instance.environment!.MONGODB_URI!)!;
      expect(hosts!.split(',').sort()).toEqual(mongos.map(([name]) => `${name}:27017`).sort());
      const params = new URLSearchParams(options);
      expect(params.get('replicaSet')).toBe('rs0');
      expect(params.get('w')).toBe('majority');
      expect(instance.env_file).toEqual(['.env']);
      const named = Object.keys(instance.environment!);
      for (const secret of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'MICROSOFT_APP_PASSWORD']) expect(named).not.toContain(secret);
      expect(instance.depends_on!['mongo-init']!.condition).toBe('service_completed_successfully');
      expect(instance.healthcheck!.test.join(' ')).toContain('/readyz');
    }
  });

  it('publishes one port only, on a balancer that sends requests to ready instances alone', () => {
    const published = services.filter(([, s]) => (s.ports ?? []).length > 0);
    expect(published.map(([name]) => name)).toEqual(['balancer']);
    const balancer = compose.services.balancer!;
    const config = compose.configs[balancer.configs![0]!.source]!.content;
    for (const [name] of instances) expect(config).toMatch(new RegExp(`server ${name} ${name}:3978`));
    expect(config).toContain('http-check send meth GET uri /readyz');
    expect(config).toContain(`bind :${balancer.ports![0]!.split(':').at(-1)}`);
    for (const [, mongo] of mongos) expect(mongo.networks).not.toContain('frontend');
  });

  it('gives each instance longer to stop than PreLetter’s shutdown grace period, so SIGKILL never cuts a clean stop', () => {
    const graceSeconds = loadConfig({}).shutdownGraceMs / 1000;
    for (const [, instance] of instances) expect(seconds(instance.stop_grace_period)).toBeGreaterThan(graceSeconds);
  });
});
