/**
 * The report's style sheet: system fonts only (nothing to fetch), a narrow reading column,
 * tabular figures for numbers, and a print layout.
 */
export const REPORT_CSS = `
:root {
  --ink: #111827; --muted: #4b5563; --faint: #6b7280; --line: #e5e7eb; --panel: #f8fafc;
  --accent: #2563eb; --warn: #b45309; --bad: #b91c1c; --good: #15803d;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: #fff; color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-feature-settings: "tnum" 1;
}
main { max-width: 1000px; margin: 0 auto; padding: 40px 28px 64px; }
header { border-bottom: 1px solid var(--line); padding-bottom: 20px; margin-bottom: 28px; }
.eyebrow { font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--faint); font-weight: 600; }
h1 { font-size: 30px; line-height: 1.2; margin: 6px 0 8px; letter-spacing: -.01em; }
h2 { font-size: 20px; margin: 44px 0 6px; padding-top: 4px; letter-spacing: -.005em; }
h3 { font-size: 15px; margin: 22px 0 8px; }
p { margin: 8px 0; max-width: 74ch; }
.meta { color: var(--muted); margin: 0; }
.lede { color: var(--muted); margin-top: 0; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 1px 5px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(175px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; background: #fff; }
.card .k { font-size: 12px; color: var(--faint); text-transform: uppercase; letter-spacing: .06em; font-weight: 600; }
.card .v { font-size: 24px; font-weight: 650; margin: 4px 0 2px; letter-spacing: -.01em; white-space: nowrap; }
.card .v .word { font-size: 20px; color: var(--warn); }
.card .v .arrow { color: var(--faint); font-weight: 400; }
.card .s { font-size: 13px; color: var(--muted); }
.words { border-left: 3px solid var(--accent); background: var(--panel); padding: 14px 18px; border-radius: 0 8px 8px 0; margin: 12px 0; }
.words p { margin: 6px 0; }
.words.pending { border-left-color: var(--warn); }
.words .warning { color: var(--bad); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 18px; margin: 12px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
figure { margin: 16px 0 8px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 6px; max-width: 80ch; }
table { border-collapse: collapse; width: 100%; margin: 10px 0; font-size: 14px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--faint); font-weight: 600; }
table.compact { width: auto; min-width: 420px; }
td.n, th.n { text-align: right; white-space: nowrap; }
td .ci { color: var(--faint); font-size: 12px; }
td.worse { color: var(--bad); }
.bar { display: inline-block; height: 8px; border-radius: 4px; background: var(--accent); vertical-align: middle; margin-right: 8px; }
.bar-track { display: inline-block; width: 80px; height: 8px; border-radius: 4px; background: var(--line); vertical-align: middle; margin-right: 8px; overflow: hidden; }
.bar-track .bar { margin: 0; display: block; }
td.text { max-width: 460px; overflow-wrap: anywhere; }
.label { font-weight: 600; }
td.id code { white-space: nowrap; word-break: normal; }
.notes { border: 1px solid #fde68a; background: #fffbeb; border-radius: 8px; padding: 10px 16px; }
.notes li { margin: 4px 0; }
.empty { color: var(--faint); font-style: italic; }
footer { margin-top: 56px; padding-top: 16px; border-top: 1px solid var(--line); color: var(--faint); font-size: 13px; }
footer p { max-width: none; }
@media print {
  main { padding: 0; max-width: none; }
  h2 { break-after: avoid; }
  figure, table, .card { break-inside: avoid; }
}
`;
