import { ConfigError } from '../config/app-config';

interface SystemError extends Error {
  code?: string;
  syscall?: string;
  address?: string;
  port?: number;
}

const LISTEN_PROBLEMS: Record<string, (where: string) => string> = {
  EADDRINUSE: (where) => `${where} is already in use`,
  EACCES: (where) => `no permission to listen on ${where}`,
  EADDRNOTAVAIL: (where) => `${where}: the address is not one of this host's`,
};

/**
 * A start that failed (contract §5) ends the process at once with exit code 1: one line per
 * configuration problem, or one line saying why the port could not be bound, never a stack;
 * anything else is a bug, and its stack follows its one line.
 */
export function exitOnStartFailure(error: unknown): never {
  process.stderr.write(`${describeStartFailure(error)}\n`);
  process.exit(1);
}

export function describeStartFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.problems.join('\n');
  const { code, syscall, address, port } = (error ?? {}) as SystemError;
  const listenProblem = code === undefined ? undefined : LISTEN_PROBLEMS[code];
  if (syscall === 'listen' && listenProblem) {
    return `listen ${code}: ${listenProblem(`port ${port} on ${address}`)}`;
  }
  if (error instanceof Error) return `start failed: ${error.stack ?? error.message}`;
  return `start failed: ${String(error)}`;
}
