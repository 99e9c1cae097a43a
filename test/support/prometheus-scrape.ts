import request from 'supertest';

const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /(\w+)="([^"]*)"/g;

/** One scrape of `GET /metrics`, read the way Prometheus reads it. */
export class Scrape {
  constructor(readonly text: string) {}

  static async of(baseUrl: string): Promise<Scrape> {
    const response = await request(baseUrl).get('/metrics').expect(200);
    return new Scrape(response.text);
  }

  /** The sum of the samples named `name` whose labels include `labels`; undefined when none. */
  value(name: string, labels: Record<string, string> = {}): number | undefined {
    let sum: number | undefined;
    for (const line of this.text.split('\n')) {
      const sample = SAMPLE.exec(line);
      if (!sample || sample[1] !== name) continue;
      const have = Object.fromEntries(
        [...(sample[2] ?? '').matchAll(LABEL)].map((m) => [m[1], m[2]]),
      );
      if (Object.entries(labels).every(([label, value]) => have[label] === value)) {
        sum = (sum ?? 0) + Number(sample[3]);
      }
    }
    return sum;
  }
}
