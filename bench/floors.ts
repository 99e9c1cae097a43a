/**
 * `npm run bench:floors`: the BFF's resident memory beside the floors it sits on, every process
 * with the image's node flags (or BENCH_NODE_FLAGS) and pinned as the bench pins them: a bare
 * `node`, the bench's forwarder, and a Nest app on Fastify with one route. RSS idle, then after
 * 10k and 100k GET requests (32 connections), each read 2 s after the load stops.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../test/support/free-port';
import { firstPartyRequests, residentAfter10kAnd100k, signUserTokens } from './load';
import {
  bffNodeFlags,
  Child,
  pinSelf,
  residentMiB,
  SERVICE_CORE,
  startNode,
  stop,
  waitUntilAnswering,
} from './processes';
import { fetchAccessToken, startBaseline, startBff, startRedis, startSimulator } from './services';

const SETTLE_MS = 2_000;

interface Floor {
  name: string;
  idle: number;
  after10k?: number;
  after100k?: number;
}

const residentOf = (child: Child) => residentMiB(child.process.pid ?? 0);

async function underLoad(
  name: string,
  child: Child,
  url: string,
  tokens: string[],
): Promise<Floor> {
  await sleep(SETTLE_MS);
  const idle = residentOf(child);
  const requests = firstPartyRequests('GET', tokens);
  const loaded = await residentAfter10kAnd100k(url, child.process.pid ?? 0, requests, {
    connections: 32,
  });
  return { name, idle, ...loaded };
}

async function bareNode(nodeFlags: string[]): Promise<Floor> {
  const child = startNode(
    'bare node',
    SERVICE_CORE,
    [...nodeFlags, '-e', 'setInterval(() => {}, 1000)'],
    {},
  );
  await sleep(SETTLE_MS);
  const idle = residentOf(child);
  await stop(child);
  return { name: 'a bare `node` (a timer)', idle };
}

async function minimalNest(nodeFlags: string[], tokens: string[]): Promise<Floor> {
  const port = await freePort();
  const child = startNode(
    'minimal Nest app',
    SERVICE_CORE,
    [...nodeFlags, join(__dirname, 'minimal-nest-app.js')],
    {
      PORT: String(port),
    },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(child, `${url}/me/identity`);
    return await underLoad(
      'a Nest app on Fastify, one route answering a constant object',
      child,
      url,
      tokens,
    );
  } finally {
    await stop(child);
  }
}

const cell = (mib?: number) => (mib === undefined ? '—' : `${mib.toFixed(1)} MiB`);

async function main(): Promise<void> {
  pinSelf();
  const nodeFlags = bffNodeFlags();
  const tokens = signUserTokens(100);
  const { redis, client } = await startRedis();
  const simulator = await startSimulator(0);
  const floors: Floor[] = [];
  try {
    floors.push(await bareNode(nodeFlags));
    const forwarder = await startBaseline(simulator, await fetchAccessToken(simulator), nodeFlags);
    try {
      floors.push(
        await underLoad(
          "the bench's forwarder (`node:http`)",
          forwarder.child,
          forwarder.url,
          tokens,
        ),
      );
    } finally {
      await stop(forwarder.child);
    }
    floors.push(await minimalNest(nodeFlags, tokens));
    const bff = await startBff(simulator, redis.url, {
      name: 'BFF',
      logLevel: 'info',
      nodeFlags,
      allocationFile: join(tmpdir(), `bench-allocation-${process.pid}`),
    });
    try {
      floors.push(await underLoad('the BFF', bff.child, bff.url, tokens));
    } finally {
      await stop(bff.child);
    }
  } finally {
    await stop(simulator.child);
    client.destroy();
    await redis.stop();
  }
  console.log(
    `Resident memory, node flags ${nodeFlags.join(' ') || 'none'}, GET at 32 connections:\n`,
  );
  console.log('| process | idle | after 10k | after 100k |\n| --- | --- | --- | --- |');
  for (const floor of floors)
    console.log(
      `| ${floor.name} | ${cell(floor.idle)} | ${cell(floor.after10k)} | ${cell(floor.after100k)} |`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
