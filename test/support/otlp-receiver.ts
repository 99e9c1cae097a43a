import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One OTLP/HTTP export request as it arrived. */
export interface OtlpExport {
  path: string;
  contentType: string;
  body: Buffer;
}

/** A span from an OTLP/JSON export, with its attributes and events flattened to plain values. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  status?: { code?: number };
}

export const SPAN_KIND = { SERVER: 2, CLIENT: 3 } as const;

interface JsonAttribute {
  key: string;
  value: Record<string, unknown>;
}

/** A real OTLP/HTTP collector stand-in: records every export and answers 200, as a collector does. */
export class OtlpReceiver {
  readonly exports: OtlpExport[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        this.exports.push({
          path: req.url ?? '',
          contentType: String(req.headers['content-type']),
          body,
        });
        res.writeHead(200, { 'content-type': String(req.headers['content-type']) });
        res.end(req.headers['content-type'] === 'application/json' ? '{}' : undefined);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Every span of every OTLP/JSON export received so far. */
  jsonSpans(): ReceivedSpan[] {
    return this.exports
      .filter((received) => received.contentType === 'application/json')
      .flatMap((received) => {
        const document = JSON.parse(received.body.toString('utf8')) as {
          resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
        };
        return document.resourceSpans.flatMap((resource) =>
          resource.scopeSpans.flatMap((scope) => scope.spans.map(toSpan)),
        );
      });
  }
}

function toSpan(span: Record<string, unknown>): ReceivedSpan {
  return {
    traceId: span.traceId as string,
    spanId: span.spanId as string,
    parentSpanId: (span.parentSpanId as string) || undefined,
    name: span.name as string,
    kind: span.kind as number,
    attributes: flatten(span.attributes as JsonAttribute[]),
    events: ((span.events ?? []) as { name: string; attributes?: JsonAttribute[] }[]).map(
      (event) => ({ name: event.name, attributes: flatten(event.attributes ?? []) }),
    ),
    status: span.status as { code?: number },
  };
}

function flatten(attributes: JsonAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, Object.values(value)[0]]));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
