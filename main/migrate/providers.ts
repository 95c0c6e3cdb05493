/**
 * Which execution providers a migration measures, and which it cannot, with why. A provider this
 * build offers may still not start on this machine (WebGPU or CUDA without a GPU): each one is
 * tried once on a small model first, so the table lists it as absent, with ONNX Runtime's reason,
 * instead of timing a silent fallback to cpu under its name.
 */
import { ProviderSchema, type Provider } from '../../contract/contract';
import { createSession } from '../runtime/create-session';
import { listProviders } from '../runtime/providers';

export interface ProviderChoice {
  /** Providers that start here, in the order measured. */
  run: Provider[];
  absent: { provider: string; reason: string }[];
}

/**
 * @param requested the providers asked for; by default every one this build ships.
 * @param probe a model to open on each provider (the smallest at hand).
 */
export async function chooseProviders(
  requested: readonly Provider[] | undefined,
  probe: Uint8Array,
): Promise<ProviderChoice> {
  const listed = listProviders();
  const wanted =
    requested ??
    listed
      .filter((p) => p.bundled)
      .map((p) => p.name)
      .filter((name): name is Provider => ProviderSchema.safeParse(name).success);
  const run: Provider[] = [];
  const absent: ProviderChoice['absent'] = [];
  for (const provider of [...new Set(wanted)]) {
    const reason = await whyNot(provider, probe);
    if (reason === null) run.push(provider);
    else absent.push({ provider, reason });
  }
  // Providers ONNX Runtime knows of but this build cannot run (a separate download) are absent too.
  for (const p of listed) {
    if (!p.available && !absent.some((a) => a.provider === p.name))
      absent.push({ provider: p.name, reason: p.reason ?? 'not available in this build' });
  }
  return { run, absent };
}

async function whyNot(provider: Provider, probe: Uint8Array): Promise<string | null> {
  if (provider === 'cpu') return null;
  try {
    const opened = await createSession(probe, { provider, threads: 1 }, { file: 'the probe model' });
    await opened.session.release();
    if (opened.provider === provider) return null;
    return (opened.warning ?? `provider ${provider} fell back to cpu`).replace(/; using cpu instead$/, '');
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
}
