/** `inspect MODEL.onnx`: the model's signature and what the app detected about it. */
import type { Engine } from '../../engine/create-engine';
import type { ModelInfo } from '../../../contract/model-types';
import { parseCommand } from '../parse-args';
import { UsageError } from '../usage-error';
import { formatBytes, renderTable } from '../../jobs/kinds/text-table';

export async function inspectCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, 'inspect');
  if (positionals.length !== 1) throw new UsageError('inspect: give exactly one model file');
  const info = await engine.handlers['models.inspect']({ path: positionals[0]! });
  process.stdout.write(values.json ? JSON.stringify(info, null, 2) + '\n' : describeModel(info) + '\n');
  return 0;
}

export function describeModel(info: ModelInfo): string {
  const d = info.detected;
  const lines = [
    `${info.path}`,
    `  size ${formatBytes(info.sizeBytes)}, sha256 ${info.sha256}`,
    `  IR ${info.irVersion}, opsets ${info.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ')}`,
    `  producer ${[info.producer.name, info.producer.version].filter(Boolean).join(' ') || '(unknown)'}`,
    '',
    'Inputs',
    indent(
      renderTable(
        ['name', 'type'],
        info.inputs.map((t) => [t.name, t.display]),
      ),
    ),
    '',
    'Outputs',
    indent(
      renderTable(
        ['name', 'type'],
        info.outputs.map((t) => [t.name, t.display]),
      ),
    ),
    '',
    'Detected',
    `  task ${d.task ?? 'unknown'}; classes ${d.classes ? d.classes.join(', ') : 'unknown'}` +
      (d.classLabelType ? ` (${d.classLabelType})` : ''),
    `  scores ${d.scoreOutput ?? '–'} (${d.scoreKind ?? 'unknown'}); labels ${d.labelOutput ?? '–'}` +
      (d.zipMapRewritten ? '; ZipMap rewritten to a probability tensor' : ''),
    ...d.notes.map((n) => `  · ${n}`),
    '',
    'Operators',
    indent(
      renderTable(
        ['operator', 'count'],
        Object.entries(info.operatorCounts)
          .sort((a, b) => b[1] - a[1])
          .map(([op, n]) => [op, n]),
      ),
    ),
  ];
  const meta = Object.entries(info.metadata);
  if (meta.length > 0) lines.push('', 'Metadata', ...meta.map(([k, v]) => `  ${k}: ${v}`));
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
