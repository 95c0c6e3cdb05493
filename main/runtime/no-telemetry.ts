/**
 * ONNX Runtime 1.30's Linux and macOS builds record usage events (session creation, providers, a
 * device id) in ~/.cache/Microsoft/DeveloperTools/.onnxruntime and upload them over HTTPS when
 * the machine has a CA bundle. This app sends nothing anywhere: `ORT_DISABLE_TELEMETRY=1` turns
 * that off, and it must be in the environment before the native library starts its runtime.
 *
 * Imported for its effect as the FIRST import of every entry point that can load ONNX Runtime
 * (CLI, engine host, desktop main process, HTTP bridge); processes those start inherit it.
 */
process.env.ORT_DISABLE_TELEMETRY = '1';
