/**
 * The stylesheet inlined into results.html. The page scrolls as one document (the matrix's
 * heading row sticks to the top); the panel is closed until something is chosen, then overlays
 * the right side of the page, so that the matrix has the whole width: every loader column fits
 * at 1280 px.
 *
 * @module
 */

/** The CSS of results.html. */
export const HTML_STYLE = `
:root { --fail:#e5484d; --xpass:#c2298a; --error:#f08c00; --unspec:#f5d90a; --xfail:#b197fc; --pass:#3fb950; --unsup:#d0d4d9; --line:#d8dde3; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #f6f8fa; }
[hidden] { display: none !important; }
header { padding: 14px 20px 10px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 0 0 8px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
.meta { color: #57606a; margin: 0 0 8px; }
table { border-collapse: collapse; }
.loaders td, .loaders th { padding: 2px 10px 2px 0; text-align: left; font-size: 12.5px; vertical-align: top; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; padding: 10px 20px; background: #fff; border-bottom: 1px solid var(--line); }
.filters label { display: flex; gap: 6px; align-items: center; font-weight: 600; font-size: 13px; }
.filters select { font: inherit; font-weight: normal; padding: 3px 6px; }
.legend { display: flex; gap: 6px; flex-wrap: wrap; margin-left: auto; }
main { padding: 0 20px 40px; }
.hint { margin: 10px 0 0; font-size: 13px; }
#matrix { background: #fff; border: 1px solid var(--line); border-width: 1px 0 0 1px; margin-top: 8px; border-collapse: separate; border-spacing: 0; }
#matrix th, #matrix td { border: 1px solid var(--line); border-width: 0 1px 1px 0; padding: 4px 6px; }
#matrix thead th { position: sticky; top: 0; background: #eef1f4; z-index: 2; font-size: 12px; line-height: 1.25; vertical-align: bottom; }
#matrix thead th.loader { max-width: 7.5em; }
.nowrap { white-space: nowrap; }
#matrix tr.group th { text-align: left; background: #f0f3f6; font-size: 13px; padding-top: 8px; }
#matrix td.clause { white-space: nowrap; }
#matrix td.status { color: #57606a; font-size: 12px; max-width: 8.5em; }
td.cell { text-align: center; font-size: 11px; font-weight: 600; cursor: pointer; min-width: 72px; white-space: nowrap; }
td.cell:hover { outline: 2px solid #0969da; outline-offset: -2px; }
td.cell.selected { outline: 3px solid #0969da; outline-offset: -3px; }
td.cell.dim { opacity: .25; }
.v-FAIL { background: var(--fail); color: #fff; } .v-XPASS { background: var(--xpass); color: #fff; } .v-ERROR { background: var(--error); color: #fff; }
.v-UNSPECIFIED { background: var(--unspec); } .v-XFAIL { background: var(--xfail); } .v-PASS { background: var(--pass); color: #fff; }
.v-UNSUPPORTED { background: var(--unsup); color: #444; } .v-NOT-REACHED { background: #fff; color: #666; outline: 1px dashed #999; outline-offset: -3px; } .v-none { background: #fff; color: #aaa; cursor: default; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 11.5px; font-weight: 600; }
button.badge { border: 0; cursor: pointer; font-family: inherit; }
a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
.clause-text { white-space: pre-wrap; background: #f6f8fa; border-left: 3px solid #8c959f; padding: 6px 10px; margin: 4px 0 10px; font-size: 13px; }
aside#panel { position: fixed; top: 0; right: 0; bottom: 0; z-index: 10; width: min(820px, 62vw); min-width: min(440px, 100vw); overflow: auto;
  background: #fff; border-left: 1px solid var(--line); box-shadow: -6px 0 24px rgba(31, 35, 40, .18); padding: 14px 18px 40px; }
button.close { position: sticky; top: 0; float: right; z-index: 1; margin: -6px -8px 0 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; font-size: 20px; line-height: 1; padding: 2px 9px; cursor: pointer; color: #57606a; }
button.close:hover { background: #eef1f4; color: #1f2328; }
#clause-view:not(:empty) { border-bottom: 1px solid var(--line); margin-bottom: 12px; padding-bottom: 6px; }
.verdicts { display: flex; flex-wrap: wrap; gap: 6px 12px; margin: 4px 0 8px; font-size: 12.5px; }
ul.cases { list-style: none; padding: 0; margin: 0; }
ul.cases li { padding: 5px 6px; border-bottom: 1px solid #eef1f4; cursor: pointer; display: flex; gap: 8px; align-items: center; }
ul.cases li:hover, ul.cases li.selected { background: #ddf4ff; }
.trace { width: 100%; margin-top: 6px; table-layout: fixed; }
.trace th.n { width: 2.4em; } .trace th.call { width: 28%; } .trace th.allowed { width: 30%; } .trace th.observed { width: 19%; } .trace th.matched { width: 5.8em; }
.trace th, .trace td { border: 1px solid var(--line); padding: 5px 7px; vertical-align: top; text-align: left; font-size: 12.5px; }
.trace th { background: #eef1f4; }
.trace td { overflow-wrap: break-word; }
.trace td.mono { white-space: pre-wrap; word-break: normal; }
.trace td.observed { overflow-wrap: anywhere; }
.trace tr.diverged td { background: #ffebe9; }
.trace tr.diverged td:first-child { border-left: 4px solid var(--fail); }
.divergence { background: #ffebe9; border: 1px solid #ffcecb; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.reason { background: #fff4e5; border: 1px solid #ffd8a8; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.reason.unsupported { background: #f6f8fa; border-color: var(--line); }
.reason .mono { display: block; white-space: pre-wrap; word-break: normal; overflow-wrap: anywhere; margin-top: 2px; }
#trace > h2 { margin-top: 16px; }
.note { background: #fff8c5; border: 1px solid #eed888; border-radius: 6px; padding: 6px 10px; margin: 8px 0; }
.empty { color: #57606a; font-style: italic; }
details.summary-list { background: #fff; border-bottom: 1px solid var(--line); padding: 8px 20px; }
details.summary-list summary { font-weight: 600; cursor: pointer; }
#cluster-list, #error-list { margin: 6px 0 0; padding-left: 28px; max-height: 24vh; overflow: auto; }
li.cluster, li.error { padding: 3px 6px; cursor: pointer; width: fit-content; max-width: 100%; }
li.cluster > span, li.error > span { margin-right: 10px; }
li.cluster:hover, li.cluster.selected, li.error:hover, li.error.selected { background: #ddf4ff; }
li.cluster .size { font-weight: 700; color: var(--fail); display: inline-block; min-width: 44px; }
li.error .size { font-weight: 700; color: var(--error); display: inline-block; min-width: 44px; }
code.repro { display: block; white-space: pre-wrap; word-break: break-all; background: #f6f8fa; padding: 6px 8px; margin-top: 4px; }
`;
