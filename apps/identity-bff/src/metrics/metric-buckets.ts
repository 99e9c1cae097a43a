/** Seconds. The hot path answers in about 1–20 ms; an upstream call may last up to its timeout. */
export const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** Seconds a replica waits for another one's token: polls every 25 ms, gives up after 5 s. */
export const LOCK_WAIT_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Seconds since the token was issued; sandbox tokens live 600 s and are refreshed ahead at ~75 %. */
export const TOKEN_AGE_BUCKETS = [1, 10, 30, 60, 120, 240, 360, 480, 600, 900, 1800, 3600];
