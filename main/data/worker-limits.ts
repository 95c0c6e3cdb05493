/**
 * Heap limits for the data layer's worker threads (read-ahead, write-behind). Their working set is
 * a few chunks; V8's default young generation would let each keep tens of MB of garbage resident,
 * which shows in the engine host's peak memory.
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 } as const;
