/**
 * Packaging smoke test, runnable without the Electron binary (which cannot be downloaded here):
 *
 *   1. stage a copy of the project under release/package-smoke/app (node_modules hard-linked),
 *      so a parallel `vite build` writing out/ cannot change what is packaged mid-way;
 *   2. `electron-vite build --outDir <stage>/out`;
 *   3. `electron-builder --linux dir` against a stub Electron distribution (an `electron` file
 *      carrying the fuse sentinel, so the fuses are really flipped), without rebuilding natives;
 *   4. read the resulting app.asar, app.asar.unpacked and the fuse wire.
 *
 *   npx tsx scripts/package-smoke.ts      (prints a summary; exit 1 when a check fails)
 *
 * test/packaging/package-smoke.test.ts runs the same steps and asserts on the result.
 */
import { execFile } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { extractFile, getRawHeader } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';

const run = promisify(execFile);

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXECUTABLE_NAME = 'ensemble-studio';

/** The fuse sentinel @electron/fuses looks for in the Electron binary, then version 1 and 8 fuses. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's shipped defaults: RunAsNode, NodeOptions, Inspect and FileProtocol on; the rest off. */
const STOCK_FUSE_WIRE = '10110001';

export interface SmokeLayout {
  stageDir: string;
  appDir: string;
  stubDir: string;
  outputDir: string;
  /** linux-unpacked: the packaged app */
  appOutDir: string;
}

export function smokeLayout(root = REPO_ROOT): SmokeLayout {
  const stageDir = path.join(root, 'release', 'package-smoke');
  const outputDir = path.join(stageDir, 'dist');
  return {
    stageDir,
    appDir: path.join(stageDir, 'app'),
    stubDir: path.join(stageDir, 'electron-stub'),
    outputDir,
    appOutDir: path.join(outputDir, 'linux-unpacked'),
  };
}

/**
 * The files electron-builder copies from an unpacked Electron distribution on Linux. The binary
 * is a shell script that refuses to run, with the fuse wire appended where @electron/fuses finds it.
 */
export function makeStubElectronDist(dir: string, version: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const script = '#!/bin/sh\necho "stub Electron for packaging tests: not runnable" >&2\nexit 1\n# ';
  const wire = Buffer.concat([
    Buffer.from(script + FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, STOCK_FUSE_WIRE.length]),
    Buffer.from(`${STOCK_FUSE_WIRE}\n`, 'latin1'),
  ]);
  writeFileSync(path.join(dir, 'electron'), wire);
  chmodSync(path.join(dir, 'electron'), 0o755);
  writeFileSync(path.join(dir, 'version'), `${version}\n`);
  for (const name of ['LICENSE', 'LICENSES.chromium.html', 'chrome-sandbox', 'chrome_crashpad_handler']) {
    writeFileSync(path.join(dir, name), '');
  }
  writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
}

/** Hard-links a tree (same file system) and falls back to copying; symlinks are recreated. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (entry.isDirectory()) linkTree(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

/** A copy of the project that only this run writes to. */
export function stageProject(root: string, layout: SmokeLayout): void {
  rmSync(layout.stageDir, { recursive: true, force: true });
  mkdirSync(layout.appDir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) {
    copyFileSync(path.join(root, file), path.join(layout.appDir, file));
  }
  if (existsSync(path.join(root, 'build')))
    cpSync(path.join(root, 'build'), path.join(layout.appDir, 'build'), { recursive: true });
  cpSync(path.join(root, 'resources', 'demo'), path.join(layout.appDir, 'resources', 'demo'), {
    recursive: true,
  });
  linkTree(path.join(root, 'node_modules'), path.join(layout.appDir, 'node_modules'));
}

export async function buildBundles(root: string, outDir: string): Promise<void> {
  await run(
    process.execPath,
    [
      path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
      'build',
      '--outDir',
      outDir,
    ],
    {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}

export async function packageLinuxDir(layout: SmokeLayout, root: string): Promise<void> {
  await run(
    process.execPath,
    [
      path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${layout.stubDir}`,
      // Rebuilding better-sqlite3 for Electron needs Electron's headers: see docs/PACKAGING.md.
      '-c.npmRebuild=false',
      `-c.directories.output=${layout.outputDir}`,
    ],
    { cwd: layout.appDir, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: 'true' } },
  );
}

export interface AsarEntry {
  path: string;
  unpacked: boolean;
}

export interface PackageContents {
  /** Every file in app.asar ("/out/main/index.js"), with whether it lives in app.asar.unpacked. */
  asar: AsarEntry[];
  /** Every file under app.asar.unpacked, relative ("node_modules/…"). */
  unpackedOnDisk: string[];
  /** Fuse index → '0' | '1' as flipped in the packaged executable. */
  fuses: Record<string, string>;
  executable: string;
  /** The text of the main process's bundles (out/main/*.js in the asar), for what they must hold. */
  mainSource: string;
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  unpacked?: boolean;
}

function listHeader(node: HeaderNode, prefix: string, out: AsarEntry[]): void {
  for (const [name, child] of Object.entries(node.files ?? {})) {
    const full = `${prefix}/${name}`;
    if (child.files) listHeader(child, full, out);
    else out.push({ path: full, unpacked: child.unpacked === true });
  }
}

function walk(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(path.join(dir, entry.name), rel) : [rel];
  });
}

export async function inspectPackage(appOutDir: string): Promise<PackageContents> {
  const resources = path.join(appOutDir, 'resources');
  const asar: AsarEntry[] = [];
  listHeader(getRawHeader(path.join(resources, 'app.asar')).header as HeaderNode, '', asar);
  const executable = path.join(appOutDir, EXECUTABLE_NAME);
  const wire = await getCurrentFuseWire(executable);
  const fuses: Record<string, string> = {};
  for (const [key, value] of Object.entries(wire)) {
    if (key !== 'version') fuses[key] = String.fromCharCode(value as number);
  }
  const mainSource = asar
    .filter((e) => /^\/out\/main\/[^/]+\.js$/.test(e.path) && !e.unpacked)
    .map((e) => extractFile(path.join(resources, 'app.asar'), e.path.slice(1)).toString('utf8'))
    .join('\n');
  return {
    asar,
    unpackedOnDisk: walk(path.join(resources, 'app.asar.unpacked')),
    fuses,
    executable,
    mainSource,
  };
}

/** All four steps; returns what was packaged. */
export async function runPackageSmoke(root = REPO_ROOT): Promise<PackageContents & { layout: SmokeLayout }> {
  const layout = smokeLayout(root);
  const { version } = (
    await import(path.join(root, 'node_modules', 'electron', 'package.json'), { with: { type: 'json' } })
  ).default as { version: string };
  stageProject(root, layout);
  makeStubElectronDist(layout.stubDir, version);
  await buildBundles(root, path.join(layout.appDir, 'out'));
  await packageLinuxDir(layout, root);
  // The staged node_modules are only links; drop them so the folder holds just the result.
  rmSync(path.join(layout.appDir, 'node_modules'), { recursive: true, force: true });
  return { ...(await inspectPackage(layout.appOutDir)), layout };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runPackageSmoke()
    .then((contents) => {
      const unpacked = contents.asar.filter((entry) => entry.unpacked).length;
      process.stdout.write(
        `packaged ${contents.layout.appOutDir}\n` +
          `  app.asar: ${contents.asar.length} files (${unpacked} unpacked)\n` +
          `  fuses: ${JSON.stringify(contents.fuses)}\n`,
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `package smoke failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    });
}
