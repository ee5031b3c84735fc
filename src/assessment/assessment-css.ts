/**
 * The report's own stylesheet, inlined so the HTML stands alone (download, e-mail, print). Colors
 * meet WCAG AA on white; print rules keep tables and charts whole and show the section numbers.
 */
export const assessmentCss = `
:root { color: #1b1b1b; font-family: "Source Sans Pro", "Liberation Sans", Helvetica, Arial, sans-serif; line-height: 1.5; }
body { margin: 0; background: #fff; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #005ea2; padding-bottom: .2rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .4rem; }
.subtitle, .note { color: #565c65; }
.note { font-size: .9rem; margin-top: .3rem; }
.notice { border-left: 4px solid #e5a000; background: #faf3d1; padding: .5rem .75rem; }
.toc ol { list-style: none; padding-left: 0; }
.toc .toc-2 { padding-left: 1.5rem; }
.toc a { color: #005ea2; }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid #dfe1e2; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #1b1b1b; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure.chart { margin: 1rem 0; }
figure.chart figcaption { font-weight: bold; }
.chart-graphic svg { max-width: 100%; height: auto; }
@page { size: Letter; margin: 20mm 16mm 18mm; }
@media print {
  :root { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .cover { margin-bottom: 1.5rem; }
  .toc { break-after: page; }
  section.level-1 { break-before: page; }
  /* A section that only says it has no records takes no page of its own. */
  section.level-1.empty { break-before: auto; }
  h2, h3, caption, figcaption { break-after: avoid; }
  tr, figure, .notice { break-inside: avoid; }
  /* Never a table header at the foot of a page with its rows on the next: the header travels
     with the first rows, and repeats on every page a long table runs to. */
  thead { display: table-header-group; break-inside: avoid; break-after: avoid; }
  tbody tr:first-child, tbody tr:nth-child(2) { break-before: avoid; }
  .table-wrap { overflow: visible; }
}
`;
