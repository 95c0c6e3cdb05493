/**
 * Builds the app and packages it for Linux (`--linux dir`) against a stub Electron, then checks
 * what an installer would ship: the bundles and demo in the asar, the natives unpacked beside it,
 * no other platform's binaries, no sources or dev tools, and the fuses flipped.
 * Slow (a full build and package): about a minute on 2 cores.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FuseV1Options } from '@electron/fuses';
import { REPO_ROOT, runPackageSmoke, type PackageContents } from '../../scripts/package-smoke';

function filesUnder(dir: string, prefix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(path.join(dir, entry.name), `${prefix}/${entry.name}`)
      : [`${prefix}/${entry.name}`],
  );
}

describe('package smoke (linux dir, stub Electron)', () => {
  let pkg: PackageContents;
  let asarPaths: Set<string>;

  beforeAll(async () => {
    pkg = await runPackageSmoke();
    asarPaths = new Set(pkg.asar.map((entry) => entry.path));
  }, 240_000);

  it('holds the built main, engine host, preload and renderer', () => {
    for (const file of [
      '/package.json',
      '/out/main/index.js',
      '/out/main/engine-host.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(asarPaths, file).toContain(file);
    }
    expect(pkg.asar.some((e) => /^\/out\/renderer\/assets\/.+\.js$/.test(e.path))).toBe(true);
    expect(pkg.asar.some((e) => /^\/out\/renderer\/assets\/.+\.css$/.test(e.path))).toBe(true);
  });

  it('holds every demo file, unpacked so the native readers can open them', () => {
    const demo = filesUnder(path.join(REPO_ROOT, 'resources', 'demo'), '/resources/demo');
    expect(demo.length).toBeGreaterThan(0);
    for (const file of demo) {
      expect(asarPaths, file).toContain(file);
      expect(pkg.unpackedOnDisk, file).toContain(file.slice(1));
    }
  });

  it('unpacks the native modules (and ZSTD’s WebAssembly) beside the asar', () => {
    for (const native of [
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      // Not native, but read by path (the Parquet writer's ZSTD).
      'node_modules/@bokuweb/zstd-wasm/dist/common/zstd.wasm',
    ]) {
      expect(pkg.unpackedOnDisk, native).toContain(native);
    }
    expect(
      pkg.unpackedOnDisk.some((f) =>
        /^node_modules\/@duckdb\/node-bindings-linux-[^/]+\/duckdb\.node$/.test(f),
      ),
    ).toBe(true);
    // No .node file is left inside the archive, where it could not be loaded.
    expect(pkg.asar.filter((e) => e.path.endsWith('.node') && !e.unpacked)).toEqual([]);
  });

  it('ships no other platform’s binaries, no native sources and no dev tools', () => {
    const everything = [...pkg.asar.map((e) => e.path.slice(1)), ...pkg.unpackedOnDisk];
    expect(everything.filter((f) => /onnxruntime-node\/bin\/napi-v\d+\/(win32|darwin)\//.test(f))).toEqual(
      [],
    );
    expect(everything.filter((f) => /\.(dll|dylib)$/.test(f))).toEqual([]);
    // Nor the other architecture's: the smoke build is for this machine's.
    const otherArch = process.arch === 'x64' ? 'arm64' : 'x64';
    expect(everything.filter((f) => f.includes(`/linux/${otherArch}/`))).toEqual([]);
    expect(everything.filter((f) => /better-sqlite3\/(deps|src)\//.test(f))).toEqual([]);
    expect(
      everything.filter((f) => /better-sqlite3\/build\/Release\/(obj|obj\.target|\.deps)\//.test(f)),
    ).toEqual([]);
    for (const dev of [
      'electron',
      'electron-vite',
      'electron-builder',
      'vite',
      'vitest',
      'react',
      'typescript',
      'playwright-core',
    ]) {
      expect(
        everything.filter((f) => f.startsWith(`node_modules/${dev}/`)),
        dev,
      ).toEqual([]);
    }
  });

  it('routes a command-line first argument to the CLI, headless', () => {
    // main/app/cli-routing.ts and the CLI's commands are in the main process's bundle.
    expect(pkg.mainSource).toMatch(/function cliArguments\(/);
    expect(pkg.mainSource).toMatch(
      /cliArguments\(process\.argv, \w+\.app\.isPackaged\)|cliArguments\(process\.argv, app\.isPackaged\)/,
    );
    expect(pkg.mainSource).toMatch(/function runHeadless\(/);
    expect(pkg.mainSource).toMatch(/bundle: bundleCommand/);
    // The deb's default after-install script (kept, not replaced) links it onto PATH.
    const afterInstall = readFileSync(
      path.join(REPO_ROOT, 'node_modules', 'app-builder-lib', 'templates', 'linux', 'after-install.tpl'),
      'utf8',
    );
    expect(afterInstall).toContain(
      "'/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}'",
    );
  });

  it('flips the fuses in the packaged executable', () => {
    const on = '1';
    const off = '0';
    expect(pkg.fuses[FuseV1Options.RunAsNode]).toBe(off);
    expect(pkg.fuses[FuseV1Options.EnableCookieEncryption]).toBe(on);
    expect(pkg.fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
    expect(pkg.fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(off);
    expect(pkg.fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on);
    expect(pkg.fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
    expect(pkg.fuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(off);
  });
});
