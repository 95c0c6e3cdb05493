/**
 * The report's stylesheet, inlined into the page. System fonts only (no web fonts: the report
 * must open offline and request nothing); light theme; prints on A4/Letter without splitting a
 * chart across pages.
 */
export const REPORT_CSS = `
:root { --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --accent: #1d4ed8; --good: #047857; --bad: #b91c1c; --best: #ecfdf5; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #f8fafc; color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 28px 48px; background: #ffffff; min-height: 100vh; }
header { border-bottom: 2px solid var(--ink); padding-bottom: 14px; margin-bottom: 20px; }
h1 { font-size: 24px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 0 0 6px; }
.subtitle { color: var(--muted); margin: 0; }
dl.info { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; font-size: 13px; }
dl.info dt { color: var(--muted); }
dl.info dd { margin: 0; font-variant-numeric: tabular-nums; }
.verdict { border-left: 4px solid var(--accent); background: #eff6ff; padding: 10px 14px; margin: 8px 0 4px; }
.verdict.good { border-color: var(--good); background: #ecfdf5; }
.verdict.bad { border-color: var(--bad); background: #fef2f2; }
table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { font-weight: 600; color: var(--muted); border-bottom: 1px solid #9ca3af; }
tbody tr.ensemble td { font-weight: 600; background: #f9fafb; }
td.best { background: var(--best); color: var(--good); font-weight: 700; }
tr.delta td { color: var(--muted); font-size: 12px; border-bottom: 2px solid var(--line); }
tr.delta td.up { color: var(--good); font-weight: 600; } tr.delta td.down { color: var(--bad); font-weight: 600; }
.note { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 20px 24px; }
figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 4px; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg text { font-family: inherit; }
svg .tick { font-size: 10.5px; fill: #4b5563; }
svg .axis { font-size: 11.5px; fill: #374151; }
svg .legend { font-size: 11.5px; fill: #111827; }
svg .cell { font-size: 11.5px; font-weight: 600; }
svg .cell-detail { font-size: 9.5px; }
ul.members { margin: 6px 0 0; padding-left: 18px; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print {
  body { background: #ffffff; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  .grid { grid-template-columns: 1fr 1fr; }
}
`;
