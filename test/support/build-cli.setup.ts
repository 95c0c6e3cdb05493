/** Vitest global setup: the CLI tests run the built command line, so build it from the current sources. */
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildCli } from '../../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  await (buildCli as () => Promise<void>)();
}
