/**
 * ZSTD compression for Parquet pages, through the zstd library compiled to WebAssembly
 * (@bokuweb/zstd-wasm): no native addon to build per platform, and ZSTD is the codec every current
 * Parquet reader knows. Level 3, zstd's default and DuckDB's: on scored probabilities it keeps
 * about half the bytes, at the same speed as level 1 here.
 */
type ZstdApi = typeof import('@bokuweb/zstd-wasm');

const LEVEL = 3;

let loaded: Promise<(bytes: Uint8Array) => Uint8Array> | undefined;

/**
 * The compressor, once its WebAssembly module is compiled (on first call; later calls share it).
 * A load that failed is not kept: the next writer tries again.
 */
export function loadZstd(): Promise<(bytes: Uint8Array) => Uint8Array> {
  loaded ??= load().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

async function load(): Promise<(bytes: Uint8Array) => Uint8Array> {
  // The package is CommonJS: in the built CLI it arrives through a require() shim, as the default export.
  const imported = (await import('@bokuweb/zstd-wasm')) as ZstdApi & { default?: ZstdApi };
  const zstd = imported.default ?? imported;
  await zstd.init();
  return (bytes) => zstd.compress(bytes, LEVEL);
}
