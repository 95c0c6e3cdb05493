/** The command line's help text (DESIGN.md, "Command line"). */
export const USAGE = `Usage: ensemble-studio <command> [options]

Commands:
  inspect MODEL.onnx [--json]
  score --ensemble E.json --input DATA --output OUT [--keep COLS | --keep-all] [--members] [--uncertainty]
        [--label COL [--ignore-unknown-labels]] [--provider cpu|webgpu|cuda|dml|coreml]
        [--threads N] [--chunk-rows N] [--overwrite] [--no-escape-formulas] [--json]
  evaluate --ensemble E.json --input DATA --label COL [--ignore-unknown-labels] [--report R.html]
           [--overwrite] [--json]
  optimize --ensemble E.json --input DATA --label COL --method greedy|stacking [--size N]
           --output NEW.json [--report R.html] [--overwrite] [--json]
  export --ensemble E.json --output FUSED.onnx [--check DATA] [--layout per-column|matrix]
         [--overwrite] [--json]
  precision --ensemble E.json --input DATA --variant float16|int8 --output VARIANT.onnx
            [--member NAME] [--label COL] [--rows N] [--overwrite] [--json]
  providers [--benchmark --ensemble E.json --input DATA [--providers cpu,webgpu] [--threads 1,2]
            [--rows N] [--save-optimized DIR [--overwrite]]] [--json]
  monitor --ensemble E.json --reference DATA|run:ID --current DATA [--label COL]
          [--psi-moderate 0.1] [--psi-major 0.25] [--fail-on-drift] [--report R.html [--overwrite]]
          [--json]
  whatif --run ID (--drop NAME… | --weights a=2,b=0.5 | --combiner METHOD)
         [--save NEW.ensemble.json [--overwrite]] [--json]
  history [list [--kind K] [--status S] [--ensemble NAME] [--dataset PATH] [--limit N]
          | show ID | compare ID ID] [--json]
  demo [--output DIR [--overwrite]] [--json]

Outputs: a job never writes over a file it reads or owns (its data, spec, models, the history,
another running job's output); an existing output is replaced only with --overwrite, and then
atomically. CSV/TSV text cells starting with = + - @, TAB or CR get a leading ' so spreadsheets
do not run them as formulas; --no-escape-formulas writes them as they are.

Global options:
  --history PATH   the history database (default: the per-user one the desktop app uses;
                   ENSEMBLE_STUDIO_HOME overrides its folder)
  --help           this text

Exit codes: 0 done, 1 failed, 2 bad usage, 3 major drift (monitor --fail-on-drift), 130 cancelled.`;
