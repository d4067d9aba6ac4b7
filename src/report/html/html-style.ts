/**
 * The report's only stylesheet, inlined: system fonts, no external resources. Attacker strings wrap
 * anywhere (`overflow-wrap:anywhere`, which also lets a table column shrink below the longest
 * word), so a 257-character name cannot push a table past the page.
 */
export const htmlStyle = `
:root{--ink:#1c2430;--muted:#5b6675;--line:#dde2e8;--soft:#f4f6f9;--accent:#1f4e89;--accent-soft:#e6eef8;
--crit:#b3261e;--high:#d9661f;--med:#c99a06;--low:#5b7a99;--ok:#2e7d4f;--bad:#b3261e}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#eef1f5;color:var(--ink);font:14px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
.tlp{background:#000;padding:7px 28px;display:flex;gap:18px;align-items:baseline;font-size:12.5px}
.tlp b{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:14px;letter-spacing:.04em}
.tlp span{color:#cfd5dc}
main{max-width:1120px;margin:0 auto;padding:8px 28px 40px;overflow-wrap:anywhere}
header.report{padding:22px 0 10px}
header.report h1{font-size:24px;margin:0 0 4px;font-weight:650;letter-spacing:-.01em}
.meta{color:var(--muted);font-size:13px}
.toc{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 16px;margin:14px 0 6px}
.toc ol{margin:4px 0;padding-left:20px}.toc li{margin:3px 0}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
section.incident{background:#fff;border:1px solid var(--line);border-radius:10px;margin:22px 0;padding:20px 24px 24px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
.inc-head{display:flex;align-items:center;gap:10px;flex-wrap:wrap}
.inc-head h2{margin:0;font-size:19px;font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-weight:600}
.badge{display:inline-block;border-radius:999px;padding:1px 9px;font-size:12px;font-weight:600;color:#fff;text-transform:uppercase;letter-spacing:.03em;white-space:nowrap}
.sev-critical{background:var(--crit)}.sev-high{background:var(--high)}.sev-medium{background:var(--med)}.sev-low{background:var(--low)}
.score{color:var(--muted);font-size:13px}
p.summary{font-size:17px;margin:12px 0 8px;line-height:1.45}
p.verdict{margin:0 0 14px;padding:9px 12px;background:var(--accent-soft);border-left:4px solid var(--accent);border-radius:4px}
p.verdict.none{background:var(--soft);border-left-color:#9aa5b1}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(128px,1fr));gap:10px;margin:10px 0 6px}
.tile{background:var(--soft);border-radius:8px;padding:8px 12px}
.tile .v{font-size:18px;font-weight:650;white-space:nowrap}.tile .k{color:var(--muted);font-size:12px}
h3{font-size:15.5px;margin:26px 0 8px;padding-bottom:5px;border-bottom:1px solid var(--line)}
h4{font-size:13.5px;margin:18px 0 6px;color:#334155}
table{border-collapse:collapse;width:100%;font-size:13px;margin:4px 0}
th{text-align:left;font-weight:600;color:#334155;background:var(--soft);border-bottom:1px solid var(--line);padding:6px 8px;white-space:nowrap}
td{border-bottom:1px solid #edf0f3;padding:5px 8px;vertical-align:top;overflow-wrap:anywhere}
td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.nw{white-space:nowrap}
.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12.5px}
.sub{color:var(--muted);font-size:12px}
.name{overflow-wrap:anywhere;min-width:22ch}
td.addr{min-width:calc(15ch + 16px)}
.assessment{font-size:14.5px;margin:6px 0 12px}
.prob{display:flex;align-items:center;gap:8px;min-width:230px}
.track{position:relative;flex:0 0 130px;height:10px;background:#e8ecf1;border-radius:5px;overflow:hidden}
.fill{position:absolute;left:0;top:0;bottom:0;background:var(--accent);border-radius:5px}
.fill.unknown{background:#8b96a3}
.tick{position:absolute;top:0;bottom:0;width:1px;background:rgba(255,255,255,.9)}
.term{font-weight:600}
.conf{display:inline-block;border:1px solid var(--line);border-radius:6px;padding:1px 8px;font-weight:600;background:#fff}
.kind{display:inline-block;border-radius:4px;padding:0 6px;font-size:11.5px;font-weight:600;background:#eef2f7;color:#334155}
.ach th{white-space:normal}
.ach td.mark{text-align:center;font-weight:700;width:1%;white-space:nowrap}
.ach .consistent{background:#e3f3e8;color:var(--ok)}.ach .inconsistent{background:#fbe5e3;color:var(--bad)}.ach .neutral{background:#f3f4f6;color:#8b96a3}
.legend{color:var(--muted);font-size:12px;margin-top:4px}
.legend i{font-style:normal;display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 12px;vertical-align:-1px}
figure{margin:6px 0 0}figure svg{width:100%;height:auto;display:block}
figcaption{color:var(--muted);font-size:12px;margin-top:4px}
.chips{display:flex;flex-wrap:wrap;gap:6px}
.chip{border:1px solid var(--line);border-radius:999px;padding:1px 10px;font-size:12.5px;background:#fff;max-width:100%}
.more{color:var(--muted);font-size:12.5px;margin-top:4px}
footer{color:var(--muted);font-size:12px;text-align:center;padding:8px 0 24px}
section.appendix{background:#fff;border:1px solid var(--line);border-radius:10px;margin:22px 0;padding:16px 24px 20px}
section.appendix h2{font-size:17px;margin:0 0 4px}
.exec{background:var(--soft);border-radius:8px;padding:4px 16px 10px;margin:12px 0}
.exec h3{border:0;margin:10px 0 4px}
.exec.benign{background:#f3f4f6;border-left:4px solid #8b96a3}
.exec dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:4px 0}
.exec dt{font-weight:600;color:#334155}.exec dd{margin:0}
.exec p.verdict{margin:0;padding:0;background:none;border:0}
.exec ol.now{margin:0;padding-left:18px}
ol.actions li,ol.now li{margin:4px 0}
.vals{font-size:12px;color:#334155;margin-top:2px}
.badge.benign{background:#5b6675}
p.triage{margin:6px 0;font-size:13px}
pre.copy{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px 10px;font:12px/1.45 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere;user-select:all}
ul.explained li,ul.merged li{margin:3px 0}
.fd{white-space:nowrap;margin-right:6px}
ul.merged{font-size:12.5px}
details.rules summary{cursor:pointer;font-weight:600;margin:8px 0 4px}
@media print{
@page{margin:12mm}
body{background:#fff;font-size:10.5px}
main{max-width:none;padding:0}
header.report{padding:0 0 4px}header.report h1{font-size:18px}
.toc{break-inside:avoid}
section.incident,section.appendix{box-shadow:none;border:0;border-radius:0;padding:0;margin:0 0 8mm;break-inside:auto}
section.appendix{break-before:page}
h3{font-size:12.5px;margin:12px 0 4px;break-after:avoid}h4{break-after:avoid}
table{font-size:9.5px}th,td{padding:2px 5px}.mono{font-size:9.5px}.sub{font-size:9px}
tr,li,figure,.tile,.exec{break-inside:avoid}
thead{display:table-header-group}
p.summary{font-size:13px}.tiles{gap:6px}.tile{padding:4px 8px}.tile .v{font-size:13px}
figure.chart svg{max-height:55mm;width:100%}
table.findings{font-size:8.5px}table.findings td{padding:1px 5px}table.findings .mono{font-size:8.5px}table.findings .badge{font-size:8px;padding:0 5px}
ul.merged,ul.explained{font-size:9px;padding-left:14px}
ul.merged{font-size:8px}
pre.copy{font-size:7.5px;line-height:1.25;padding:4px 6px;user-select:auto}
pre.copy.list{columns:3}
a{color:inherit}
.tlp,.badge,.fill,.ach td{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;
