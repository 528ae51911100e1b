/**
 * The stylesheet inlined into results.html.
 *
 * @module
 */

/** The CSS of results.html. */
export const HTML_STYLE = `
:root { --fail:#e5484d; --xpass:#c2298a; --error:#f08c00; --unspec:#f5d90a; --xfail:#b197fc; --pass:#3fb950; --unsup:#d0d4d9; --line:#d8dde3; }
* { box-sizing: border-box; }
body { margin: 0; height: 100vh; display: flex; flex-direction: column; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #f6f8fa; }
header { flex: none; padding: 14px 20px 10px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 0 0 8px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
.meta { color: #57606a; margin: 0 0 8px; }
table { border-collapse: collapse; }
.loaders td, .loaders th { padding: 2px 10px 2px 0; text-align: left; font-size: 12.5px; vertical-align: top; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
.filters { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; padding: 10px 20px; background: #fff; border-bottom: 1px solid var(--line); flex: none; }
.filters label { display: flex; gap: 6px; align-items: center; font-weight: 600; font-size: 13px; }
.filters select { font: inherit; font-weight: normal; padding: 3px 6px; }
.legend { display: flex; gap: 6px; flex-wrap: wrap; margin-left: auto; }
.layout { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(360px, 40%); gap: 0; }
main { padding: 0 20px 40px; overflow: auto; }
aside { background: #fff; border-left: 1px solid var(--line); padding: 14px 18px 40px; overflow: auto; }
#matrix { background: #fff; border: 1px solid var(--line); margin-top: 12px; }
#matrix th, #matrix td { border: 1px solid var(--line); padding: 4px 8px; }
#matrix thead th { position: sticky; top: 0; background: #eef1f4; z-index: 2; font-size: 12.5px; }
#matrix tr.group th { text-align: left; background: #f0f3f6; font-size: 13px; padding-top: 8px; }
#matrix td.clause { white-space: nowrap; }
#matrix td.status { color: #57606a; font-size: 12px; white-space: nowrap; }
td.cell { text-align: center; font-size: 11.5px; font-weight: 600; cursor: pointer; min-width: 78px; }
td.cell:hover { outline: 2px solid #0969da; outline-offset: -2px; }
td.cell.selected { outline: 3px solid #0969da; outline-offset: -3px; }
td.cell.dim { opacity: .25; }
.v-FAIL { background: var(--fail); color: #fff; } .v-XPASS { background: var(--xpass); color: #fff; } .v-ERROR { background: var(--error); color: #fff; }
.v-UNSPECIFIED { background: var(--unspec); } .v-XFAIL { background: var(--xfail); } .v-PASS { background: var(--pass); color: #fff; }
.v-UNSUPPORTED { background: var(--unsup); color: #444; } .v-NOT-REACHED { background: #fff; color: #666; outline: 1px dashed #999; outline-offset: -3px; } .v-none { background: #fff; color: #aaa; cursor: default; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 11.5px; font-weight: 600; }
a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
.clause-text { white-space: pre-wrap; background: #f6f8fa; border-left: 3px solid #8c959f; padding: 6px 10px; margin: 4px 0 10px; font-size: 13px; }
ul.cases { list-style: none; padding: 0; margin: 0; }
ul.cases li { padding: 5px 6px; border-bottom: 1px solid #eef1f4; cursor: pointer; display: flex; gap: 8px; align-items: center; }
ul.cases li:hover, ul.cases li.selected { background: #ddf4ff; }
.trace { width: 100%; margin-top: 6px; }
.trace th, .trace td { border: 1px solid var(--line); padding: 5px 7px; vertical-align: top; text-align: left; font-size: 12.5px; }
.trace th { background: #eef1f4; }
.trace td.mono { white-space: pre-wrap; word-break: break-word; }
.trace tr.diverged td { background: #ffebe9; }
.trace tr.diverged td:first-child { border-left: 4px solid var(--fail); }
.divergence { background: #ffebe9; border: 1px solid #ffcecb; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.note { background: #fff8c5; border: 1px solid #eed888; border-radius: 6px; padding: 6px 10px; margin: 8px 0; }
.empty { color: #57606a; font-style: italic; }
details.clusters { flex: none; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 20px; }
details.clusters summary { font-weight: 600; cursor: pointer; }
#cluster-list { margin: 6px 0 0; padding-left: 28px; max-height: 24vh; overflow: auto; }
li.cluster { padding: 3px 6px; cursor: pointer; }
li.cluster > span { margin-right: 10px; }
li.cluster:hover, li.cluster.selected { background: #ddf4ff; }
li.cluster .size { font-weight: 700; color: var(--fail); display: inline-block; min-width: 44px; }
code.repro { display: block; white-space: pre-wrap; word-break: break-all; background: #f6f8fa; padding: 6px 8px; margin-top: 4px; }
`;
