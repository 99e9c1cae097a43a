import { load } from 'js-yaml';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { UpholdSimulator } from '../../apps/uphold-sim/src';
import { startBff, startSimulator, testEnv, TestBff } from '../support/bff';
import { until } from '../support/eventually';
import { Scrape } from '../support/prometheus-scrape';
import { TestRedis } from '../support/redis-server';
import { userToken } from '../support/test-keys';
import { metricNames } from './support/promql-metric-names';

const ROOT = join(__dirname, '..', '..');
const PROMETHEUS = join(ROOT, 'deploy', 'prometheus');
const RULES_FILE = 'identity-bff.rules.yml';

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Panel {
  type: string;
  title: string;
  targets?: { expr: string }[];
}

const rules = (
  load(readFileSync(join(PROMETHEUS, RULES_FILE), 'utf8')) as { groups: { rules: Rule[] }[] }
).groups.flatMap((group) => group.rules);
const dashboard = JSON.parse(
  readFileSync(join(ROOT, 'deploy', 'grafana', 'identity-bff.dashboard.json'), 'utf8'),
) as { panels: Panel[] };
const graphs = dashboard.panels.filter((panel) => panel.type !== 'row');

function promtool(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync('promtool', args, { cwd: PROMETHEUS, encoding: 'utf8' });
  if (run.error) throw run.error; // promtool missing: .ci/run installs Debian's prometheus package
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Every series name the service exposes: the `# TYPE` lines, with a histogram's three series. */
function exposedNames(scrape: Scrape): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of scrape.text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (type === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    else if (type === 'summary')
      for (const suffix of ['', '_sum', '_count']) names.add(name + suffix);
    else names.add(name);
  }
  return names;
}

describe('deploy/prometheus alert rules', () => {
  it('pass `promtool check rules`', () => {
    const { status, output } = promtool('check', 'rules', RULES_FILE);
    expect(output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(status).toBe(0);
  });

  it('pass `promtool test rules`: each alert fires on series that should page and stays quiet on healthy ones', () => {
    const { status, output } = promtool('test', 'rules', 'identity-bff.rules.test.yml');
    expect(output).toContain('SUCCESS');
    expect(status).toBe(0);
    const tests = load(readFileSync(join(PROMETHEUS, 'identity-bff.rules.test.yml'), 'utf8')) as {
      tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[];
    };
    const cases = tests.tests.flatMap((t) => t.alert_rule_test);
    for (const { alert } of rules) {
      const of = cases.filter((c) => c.alertname === alert);
      expect([
        alert,
        of.some((c) => c.exp_alerts.length > 0),
        of.some((c) => c.exp_alerts.length === 0),
      ]).toEqual([alert, true, true]);
    }
  });

  it('cover the pages the service needs, each with a `for:`, a severity, a summary and a runbook', () => {
    expect(rules.map((rule) => rule.alert)).toEqual([
      'IdentityBffHigh5xxRatio',
      'IdentityBffHighLatencyP99',
      'IdentityBffUpstreamUnavailable',
      'IdentityBffUpstreamCircuitOpen',
      'IdentityBffTokenEndpointFailing',
      'IdentityBffRedisDown',
      'IdentityBffRateLimitSurge',
    ]);
    for (const rule of rules) {
      expect(rule.for).toMatch(/^\d+m$/);
      expect(['page', 'warning']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toEqual(expect.any(String));
      expect(rule.annotations?.runbook?.length).toBeGreaterThan(80);
    }
  });
});

describe('deploy/grafana dashboard', () => {
  it('has a PromQL query on every graph panel', () => {
    expect(graphs.length).toBeGreaterThan(10);
    for (const panel of graphs)
      expect([panel.title, panel.targets?.length]).toEqual([panel.title, expect.any(Number)]);
  });
});

describe('the metric names alerts and dashboard use, against a real scrape of the BFF', () => {
  let sim: UpholdSimulator;
  let redis: TestRedis;
  let bff: TestBff;
  let exposed: Set<string>;

  beforeAll(async () => {
    [sim, redis] = await Promise.all([startSimulator(), TestRedis.start()]);
    bff = await startBff(testEnv(sim.url, { REDIS_URL: redis.url }));
    await until(async () => (await Scrape.of(bff.url)).value('identity_bff_redis_up') === 1, 5_000);
    const auth = `Bearer ${userToken()}`;
    await request(bff.url).get('/me/identity').set('Authorization', auth).expect(200);
    await request(bff.url).get('/me/identity').set('Authorization', auth).expect(200);
    await request(bff.url).get('/me/identity').expect(401);
    exposed = exposedNames(await Scrape.of(bff.url));
  });
  afterAll(async () => {
    await bff?.close();
    await sim?.stop();
    await redis?.stop();
  });

  it('finds the names in PromQL: series only, not functions, labels, keywords or Grafana variables', () => {
    expect(
      metricNames(
        'sum by (le, route) (rate(a_bucket{route!="x",status=~"5.."}[$__rate_interval])) / on (pod) b > 0.99 unless max_over_time(c[5m] offset 1h) and d',
      ),
    ).toEqual(['a_bucket', 'b', 'c', 'd']);
  });

  it('every alert expression names only series the service exposes', () => {
    for (const rule of rules) {
      const names = metricNames(rule.expr);
      expect(names.length).toBeGreaterThan(0);
      expect([rule.alert, names.filter((name) => !exposed.has(name))]).toEqual([rule.alert, []]);
    }
  });

  it('every dashboard query names only series the service exposes', () => {
    for (const panel of graphs) {
      for (const { expr } of panel.targets ?? []) {
        const names = metricNames(expr);
        expect(names.length).toBeGreaterThan(0);
        expect([panel.title, names.filter((name) => !exposed.has(name))]).toEqual([
          panel.title,
          [],
        ]);
      }
    }
  });

  it("the dashboard shows every metric the service defines itself (not Node's process defaults)", () => {
    const used = new Set(
      graphs.flatMap((p) => (p.targets ?? []).flatMap((t) => metricNames(t.expr))),
    );
    const base = (name: string) => name.replace(/_(bucket|sum|count)$/, '');
    const usedBases = new Set([...used].map(base));
    const own = [...exposed].filter((name) => !/^identity_bff_(process|nodejs)_/.test(name));
    expect([...new Set(own.map(base))].filter((name) => !usedBases.has(name))).toEqual([]);
  });
});
