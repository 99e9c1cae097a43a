/** How long the probe waits for an answer before it reports the target unhealthy. */
const PROBE_TIMEOUT_MS = 3_000;

/** True when `url` answers 2xx in time: the container health check, in node (images have no curl). */
export async function probe(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return response.ok;
  } catch {
    return false;
  }
}

/** `node http-probe.js [url]`: exit 0 when healthy; the default is this BFF's readiness. */
if (require.main === module) {
  const url = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT || 3000}/health/ready`;
  void probe(url).then((healthy) => process.exit(healthy ? 0 : 1));
}
