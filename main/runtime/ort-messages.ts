/**
 * ONNX Runtime's session-creation errors in words an analyst can act on. Its raw text starts with
 * a source file, line and a failed assertion; that text is kept for the error's detail (`--json`,
 * the history), and the person is shown what it means and what to do.
 */

/** The readable tail of an ONNX Runtime message ("Failed to get a WebGPU adapter: …"), one line. */
export function conciseReason(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  const tail = /(?:was false\.|\] :\s*\d+\s*:\s*\w+\s*:)\s*(.+)$/.exec(text)?.[1];
  const reason = (tail ?? text).replace(/\s*\(?\/[^\s)]*\.(?:cc|cpp|h):\d+\)?/g, '').trim();
  return reason.length > 240 ? `${reason.slice(0, 237)}...` : reason;
}

/** Known failures, most specific first: a pattern over the raw text and what it means. */
const KNOWN: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /Unsupported model IR version:\s*(\d+),\s*max supported IR version:\s*(\d+)/i,
    (m) =>
      `it was saved in ONNX IR version ${m[1]}, and this ONNX Runtime reads up to ${m[2]}: ` +
      'export it again with an older ONNX version, or update Ensemble Studio',
  ],
  [
    /(?:opset|Opset)\s*(\d+)\s*(?:is under development|is not supported|.*?not.*?supported)/,
    (m) =>
      `it needs operator set ${m[1]}, newer than this ONNX Runtime supports: ` +
      'export it again with an older opset, or update Ensemble Studio',
  ],
  [
    /Could not find an implementation for (\w+)\((\d+)\) node with name '([^']*)'/,
    (m) =>
      `ONNX Runtime has no ${m[1]} (version ${m[2]}) for the types node '${m[3]}' uses: ` +
      'export the model with supported types (float32 is always supported)',
  ],
  [
    /Protobuf parsing failed|Failed to load model because protobuf parsing failed/i,
    () => 'it is not an ONNX model (or it is damaged): export it again from its framework',
  ],
  [
    /ShapeInferenceError\]\s*(.+)/,
    (m) =>
      `its tensor shapes do not fit together (${m[1]!.trim()}): the model is damaged or was edited by hand`,
  ],
  [
    /Type Error: Type \(([^)]+)\) of input parameter \(([^)]+)\) of operator \((\w+)\)/,
    (m) =>
      `operator ${m[3]} gets '${m[2]}' of type ${m[1]}, which it does not accept: the model is damaged or was edited by hand`,
  ],
];

/** What a model that ONNX Runtime would not load means for the analyst. */
export function sessionFailureText(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  for (const [pattern, describe] of KNOWN) {
    const match = pattern.exec(raw);
    if (match) return describe(match);
  }
  return `ONNX Runtime refused it (${conciseReason(error)}): check that the model runs where it was made`;
}
