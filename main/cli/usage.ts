/** The command line's help text (DESIGN.md, "Command line"). */
export const USAGE = `Usage: ensemble-studio <command> [options]

Commands:
  inspect MODEL.onnx [--json]
  score --ensemble E.json --input DATA --output OUT [--keep COLS | --keep-all] [--members] [--uncertainty]
        [--label COL [--ignore-unknown-labels]] [--provider cpu|webgpu|cuda|dml|coreml]
        [--threads N] [--chunk-rows N] [--overwrite] [--no-escape-formulas] [--json]
        [--shard K/N]   only data rows [⌊(K−1)·R/N⌋, ⌊K·R/N⌋) of R, with OUT.shard.json beside OUT
        [--resume]      continue this output's interrupted run (kill, crash, Ctrl-C) from its checkpoint
  merge --output OUT PART… [--overwrite] [--json]   (the shards' parts → the unsharded file, byte for byte)
  evaluate --ensemble E.json --input DATA --label COL [--ignore-unknown-labels] [--report R.html]
           [--overwrite] [--json]
  optimize --ensemble E.json --input DATA --label COL --method greedy|stacking|calibrate [--size N]
           [--calibration sigmoid|isotonic] --output NEW.json [--report R.html] [--overwrite] [--json]
  export --ensemble E.json --output FUSED.onnx [--check DATA] [--layout per-column|matrix]
         [--overwrite] [--json]
  precision --ensemble E.json --input DATA --variant float16|int8 --output VARIANT.onnx
            [--member NAME] [--label COL] [--rows N] [--overwrite] [--json]
  providers [--benchmark --ensemble E.json --input DATA [--providers cpu,webgpu] [--threads 1,2]
            [--rows N] [--save-optimized DIR [--overwrite]]] [--json]
  migrate --ensemble E.json --input DATA --output DIR [--label COL] [--budget-agreement 0.999]
          [--budget-metric 0.002] [--providers cpu,webgpu] [--threads 1,2] [--sample-rows N]
          [--overwrite] [--json]
  monitor --ensemble E.json --reference DATA|run:ID --current DATA [--label COL]
          [--psi-moderate 0.1] [--psi-major 0.25] [--fail-on-drift] [--report R.html [--overwrite]]
          [--json]
  whatif --run ID (--drop NAME… | --weights a=2,b=0.5 | --combiner METHOD)
         [--save NEW.ensemble.json [--overwrite]] [--json]
  history [list [--kind K] [--status S] [--ensemble NAME] [--dataset PATH] [--limit N]
          | show ID | compare ID ID] [--json]
  demo [--output DIR [--overwrite]] [--json]
  serve-model (--ensemble E.json | --bundle B.esb [--key PUB.pem]) [--host 127.0.0.1] [--port 5000]
              [--token T] [--provider cpu|webgpu|cuda|dml|coreml] [--threads N]
              [--max-body-bytes N] [--batch-wait-ms 2] [--max-batch-rows 8192]
  bundle create --ensemble E.json --output B.esb [--fused] [--sign KEY.pem] [--include-report R.html]
                [--overwrite] [--json]
  bundle verify B.esb [--key PUB.pem] [--json]        (exit 1 naming the file that fails)
  bundle open B.esb --to DIR [--key PUB.pem] [--json] (DIR new or empty; verified first)
  bundle keygen --output KEY.pem [--overwrite] [--json]  (Ed25519; public key in KEY.pem.pub)

Outputs: a job never writes over a file it reads or owns (its data, spec, models, the history,
another running job's output); an existing output is replaced only with --overwrite, and then
atomically. CSV/TSV text cells starting with = + - @, TAB or CR get a leading ' so spreadsheets
do not run them as formulas; --no-escape-formulas writes them as they are.

Global options:
  --history PATH   the history database (default: the per-user one the desktop app uses;
                   ENSEMBLE_STUDIO_HOME overrides its folder)
  --help           this text

Exit codes: 0 done, 1 failed, 2 bad usage, 3 major drift (monitor --fail-on-drift), 130 cancelled.`;
