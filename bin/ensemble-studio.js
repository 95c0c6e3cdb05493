#!/usr/bin/env node
/**
 * The `ensemble-studio` command: runs the built CLI (out/cli, plain JavaScript, no compiling at
 * start). In a checkout, the build is redone first when a source file is newer than it, so
 * `npm run cli` never runs yesterday's code; the build takes well under a second.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'cli', 'ensemble-studio.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(built)) return true;
  const sources = ['main', 'preload', 'contract', 'charts']
    .map((d) => join(root, d))
    .filter((d) => existsSync(d));
  if (sources.length === 0) return false; // an installed copy ships only the build
  const builtAt = statSync(built).mtimeMs;
  return sources.some((dir) => newestSource(dir) > builtAt);
}

if (isStale()) {
  const { buildCli } = await import(pathToFileURL(join(root, 'scripts', 'build-cli.mjs')).href);
  await buildCli();
}
await import(pathToFileURL(built).href);
