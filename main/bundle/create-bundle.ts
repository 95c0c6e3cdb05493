/**
 * `bundle create`: one zip with the spec (model paths rewritten to the bundle's own folders),
 * every member model, optionally the fused model and a report, README.txt, SHA256SUMS and
 * manifest.json (signed into manifest.sig with a key). The zip is written aside under a hidden
 * temp name, verified as a reader would verify it, and only then renamed into place.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { hostname, tmpdir, userInfo } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { KeyObject } from 'node:crypto';
import {
  BUNDLE_FORMAT,
  type BundleCreated,
  type BundleFile,
  type BundleManifest,
} from '../../contract/bundle-types';
import type { ParsedInput } from '../../contract/contract';
import { StudioError } from '../../contract/errors';
import type { EnsembleSpec } from '../../contract/ensemble-spec';
import { appVersion } from '../environment/app-version';
import { specContentHash } from '../history/ensembles';
import { assertWritableTarget, discardOutput, sha256File, tempPathFor } from '../jobs/atomic-output';
import { onnxruntimeVersion } from '../runtime/providers';
import { selfContainedModelBytes } from '../model/self-contained';
import type { EngineServices } from '../engine/engine-services';
import { loadEnsembleSource, parseSpec } from '../engine/load-spec';
import { guardOutputs, historyFiles, type ProtectedFile } from '../engine/output-guard';
import { checksumsText, readmeText } from './checksums';
import {
  CHECKSUMS_NAME,
  MANIFEST_NAME,
  README_NAME,
  SIGNATURE_NAME,
  safeFileName,
  uniqueName,
} from './entry-names';
import { checkBundle } from './check-bundle';
import { keyFingerprint, loadPrivateKey, signManifest } from './signing';
import { verificationError } from './open-bundle';

export type CreateBundleRequest = ParsedInput<'bundles.create'>;

/** A file going into the zip: from disk, or bytes made here. */
interface Planned {
  path: string;
  role: BundleFile['role'];
  source: { file: string } | { bytes: Buffer };
}

export async function createBundle(
  request: CreateBundleRequest,
  services: EngineServices,
): Promise<BundleCreated> {
  const loaded = await loadEnsembleSource(request.ensemble);
  const signKey = request.signKey ? await loadPrivateKey(request.signKey) : null;
  const output = resolve(request.output);
  await assertWritableTarget(output);
  const modelFiles = [...new Set(loaded.spec.members.map((m) => resolve(loaded.baseDir, m.model)))];
  const inputs: ProtectedFile[] = [
    ...(loaded.specPath ? [{ path: loaded.specPath, role: 'the ensemble spec' }] : []),
    ...loaded.spec.members.map((m) => ({
      path: resolve(loaded.baseDir, m.model),
      role: `the model of member "${m.name}"`,
    })),
    ...(request.includeReport ? [{ path: request.includeReport, role: 'the report to include' }] : []),
    ...(request.signKey ? [{ path: request.signKey, role: 'the signing key' }] : []),
  ];
  await guardOutputs(
    [{ given: request.output, role: 'bundle' }],
    [
      ...inputs,
      ...historyFiles(services.historyPath),
      ...services.busyOutputs().map((busy) => ({ path: busy, role: "another running job's output" })),
    ],
    request.overwrite,
  );
  for (const file of modelFiles) await requireFile(file, 'model');
  if (request.includeReport) await requireFile(request.includeReport, 'report');

  const scratch = await mkdtemp(join(tmpdir(), 'ensemble-bundle-'));
  const temp = tempPathFor(output);
  try {
    const planned = planFiles(loaded.spec, loaded.baseDir, request.includeReport);
    // A model whose weights live in external data files goes in with them inlined.
    for (const file of planned.files) {
      if (file.role !== 'model' || !('file' in file.source)) continue;
      const inlined = await selfContainedModelBytes(file.source.file);
      if (inlined) file.source = { bytes: Buffer.from(inlined) };
    }
    planned.files.push({
      path: README_NAME,
      role: 'readme',
      source: { bytes: Buffer.from(readmeText(loaded.spec.name, signKey !== null), 'utf8') },
    });
    if (request.fused) {
      const fused = await exportFused(request, services, scratch);
      planned.files.push({
        path: `fused/${planned.slug}.fused.onnx`,
        role: 'fused',
        source: { file: fused },
      });
    }
    const manifest = await buildManifest(planned.files, planned.spec, planned.specPath);
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
    await writeZip(temp, planned.files, manifest, manifestBytes, signKey);
    // Read back as any receiver would: a file changed while it was being zipped fails here.
    const check = await checkBundle(temp, signKey ? { publicKey: publicOf(signKey) } : {});
    if (!check.ok) throw verificationError({ ...check, path: request.output });
    await rename(temp, output);
    return {
      path: output,
      sizeBytes: (await stat(output)).size,
      sha256: await sha256File(output),
      manifest,
      signed: signKey !== null,
      keyFingerprint: signKey ? keyFingerprint(publicOf(signKey)) : null,
    };
  } finally {
    await discardOutput(temp);
    await rm(scratch, { recursive: true, force: true });
  }
}

async function requireFile(path: string, what: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new StudioError('not_found', `${path}: no such ${what} file`, { file: path });
}

function publicOf(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}

/** The spec with its members' models under models/, and every file that goes in. */
function planFiles(spec: EnsembleSpec, baseDir: string, report: string | undefined) {
  const slug = safeFileName(spec.name, 'ensemble');
  const taken = new Set<string>();
  const byModel = new Map<string, string>();
  const files: Planned[] = [];
  for (const member of spec.members) {
    const file = resolve(baseDir, member.model);
    if (byModel.has(file)) continue;
    const name = `models/${uniqueName(safeFileName(basename(file), 'model.onnx'), taken)}`;
    byModel.set(file, name);
    files.push({ path: name, role: 'model', source: { file } });
  }
  const bundled: EnsembleSpec = {
    ...spec,
    members: spec.members.map((m) => ({ ...m, model: byModel.get(resolve(baseDir, m.model))! })),
  };
  const specPath = `${slug}.ensemble.json`;
  files.unshift({
    path: specPath,
    role: 'spec',
    source: { bytes: Buffer.from(JSON.stringify(bundled, null, 2) + '\n', 'utf8') },
  });
  if (report) {
    files.push({
      path: `report/${safeFileName(basename(report), 'report.html')}`,
      role: 'report',
      source: { file: resolve(report) },
    });
  }
  return { slug, spec: bundled, specPath, files };
}

/** The fused model, made by a recorded `export` job into a private scratch folder. */
async function exportFused(
  request: CreateBundleRequest,
  services: EngineServices,
  scratch: string,
): Promise<string> {
  const output = join(scratch, 'fused.onnx');
  const started = await services.startJob({
    kind: 'export',
    request: { ensemble: request.ensemble, output, layout: 'per-column', overwrite: false },
  });
  const finished = await services.waitForJob(started.jobId);
  if (finished.status !== 'succeeded') {
    throw new StudioError(
      finished.error.code === 'cancelled' ? 'cancelled' : 'spec',
      `the fused model could not be made (export run ${finished.runId}): ${finished.error.message}`,
      finished.error.location,
      finished.error.detail,
    );
  }
  return output;
}

async function buildManifest(
  files: readonly Planned[],
  spec: EnsembleSpec,
  specPath: string,
): Promise<BundleManifest> {
  const listed: BundleFile[] = [];
  for (const file of files) listed.push({ path: file.path, role: file.role, ...(await hashOf(file)) });
  // The hash the history gives this spec when the opened bundle is scored: its canonical JSON.
  const specHash = specContentHash(parseSpec(spec, specPath));
  return {
    format: BUNDLE_FORMAT,
    ensemble: { name: spec.name, task: spec.task, specHash, specPath },
    files: listed,
    appVersion: appVersion(),
    onnxruntimeVersion: onnxruntimeVersion(),
    createdAt: new Date().toISOString(),
    createdBy: creator(),
  };
}

async function hashOf(file: Planned): Promise<{ sha256: string; size: number }> {
  if ('bytes' in file.source) {
    return {
      sha256: createHash('sha256').update(file.source.bytes).digest('hex'),
      size: file.source.bytes.length,
    };
  }
  return { sha256: await sha256File(file.source.file), size: (await stat(file.source.file)).size };
}

function creator(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  return `${user}@${hostname()}`;
}

/** Models are stored, not deflated: their weights barely compress, and extraction stays fast. */
async function writeZip(
  temp: string,
  files: readonly Planned[],
  manifest: BundleManifest,
  manifestBytes: Buffer,
  signKey: KeyObject | null,
): Promise<void> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(manifest.createdAt);
  for (const file of files) {
    const compress = file.role !== 'model' && file.role !== 'fused';
    if ('bytes' in file.source)
      zip.addBuffer(file.source.bytes, file.path, { mtime, mode: 0o100644, compress });
    else zip.addFile(file.source.file, file.path, { mtime, mode: 0o100644, compress });
  }
  const text = (value: string) => Buffer.from(value, 'utf8');
  const manifestSha = createHash('sha256').update(manifestBytes).digest('hex');
  zip.addBuffer(text(checksumsText(manifest.files, manifestSha)), CHECKSUMS_NAME, { mtime, mode: 0o100644 });
  zip.addBuffer(manifestBytes, MANIFEST_NAME, { mtime, mode: 0o100644 });
  if (signKey)
    zip.addBuffer(text(signManifest(manifestBytes, signKey)), SIGNATURE_NAME, { mtime, mode: 0o100644 });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(temp, { flags: 'wx' }));
}
