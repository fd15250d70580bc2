"""The HTML report's one style sheet, inlined in every page (no fonts, no requests).

Every rule is scoped to ``.airlift``, so the same sheet serves a whole page and a report
shown inside a notebook without restyling the notebook. Verdicts have a colour *and* a word
and a sign, so that nothing is said by colour alone, and the colours keep a contrast of at
least 4.5:1 on white. The print rules keep charts and table rows whole on a page and print
the verdict colours.
"""

from __future__ import annotations

__all__ = ["STYLE"]

STYLE = """
.airlift{--fg:#1b1b1b;--muted:#555;--line:#d4d4d4;--soft:#f5f6f8;
 --implied:#146c2e;--consistent:#1f4e8c;--inconsistent:#b3261e;--unknown:#6b4e00;
 font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 color:var(--fg);background:#fff;max-width:62rem;margin:0 auto;padding:1rem 1.25rem 2rem}
.airlift h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 .25rem}
.airlift h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-bottom:.2rem;
 border-bottom:1px solid var(--line)}
.airlift h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.airlift p,.airlift li{max-width:48rem}
.airlift code{font:.9em/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
 background:var(--soft);padding:0 .2em;border-radius:3px;overflow-wrap:anywhere}
.airlift a{color:#0b57d0;overflow-wrap:anywhere}
.airlift p,.airlift li,.airlift dd{overflow-wrap:break-word}
.airlift .file{color:var(--muted);margin-top:0}
.airlift .headline{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;
 background:var(--soft);margin:1rem 0}
.airlift .headline p{margin:.3rem 0}
.airlift .headline ul{list-style:none;padding:0;margin:.6rem 0 0}
.airlift .headline li{padding:.3rem 0;border-top:1px solid var(--line);max-width:none}
.airlift .verdict{display:inline-block;min-width:8.2em;font-weight:600;border:1.5px solid;
 border-radius:4px;padding:0 .35em;margin-right:.4em;background:#fff;white-space:nowrap;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
.airlift .v-implied,.airlift .v-feasible{color:var(--implied)}
.airlift .v-consistent{color:var(--consistent)}
.airlift .v-inconsistent,.airlift .v-infeasible{color:var(--inconsistent)}
.airlift .v-unknown{color:var(--unknown)}
.airlift .says{color:var(--muted)}
.airlift .table-wrap{overflow-x:auto;margin:.6rem 0 1rem}
.airlift table{border-collapse:collapse;font-size:.92rem}
.airlift caption{text-align:left;font-weight:600;padding:.2rem 0}
.airlift th,.airlift td{border-bottom:1px solid var(--line);padding:.3rem .6rem;
 text-align:left;vertical-align:top}
.airlift th{background:var(--soft)}
.airlift .num{text-align:right;font-variant-numeric:tabular-nums}
.airlift .keep{white-space:nowrap}
.airlift figure.chart{margin:1rem 0 1.5rem;break-inside:avoid;page-break-inside:avoid}
.airlift .chart-svg{display:block;width:100%;max-width:46rem;height:auto}
.airlift figcaption{font-size:.92rem;color:var(--muted);max-width:48rem}
.airlift details{margin:.4rem 0 .8rem}
.airlift summary{cursor:pointer;color:#0b57d0}
.airlift .claim{border-left:3px solid var(--line);padding-left:.8rem;margin:1rem 0}
.airlift footer{margin-top:2.5rem;border-top:1px solid var(--line);padding-top:.5rem;
 font-size:.88rem;color:var(--muted)}
.airlift footer dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:0}
.airlift footer dd{margin:0;overflow-wrap:anywhere}
@media (max-width:40rem){
 .airlift{font-size:15px;padding:.6rem .7rem 1.5rem}
 .airlift .keep{white-space:normal}
 .airlift th,.airlift td{padding:.25rem .35rem}
 .airlift footer dl{grid-template-columns:1fr}
 .airlift footer dd{margin-bottom:.3rem}
}
@media print{
 .airlift{max-width:none;padding:0;font-size:11pt}
 .airlift .headline{background:none}
 .airlift h2{break-after:avoid;page-break-after:avoid}
 .airlift tr{break-inside:avoid;page-break-inside:avoid}
 .airlift .table-wrap{overflow:visible}
 .airlift a{color:inherit}
 .airlift summary{color:inherit}
}
""".strip()
