"""The pieces of the HTML report page: the sortable table, the figure and
text sections, and the page around them, all inline (no network needed).
"""
import html

import numpy as np

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px;
       padding: 0 24px 48px; color: #1d2733; background: #fbfcfd; }
h1 { font-size: 1.6em; margin: 28px 0 4px; }
h2 { margin-top: 36px; border-bottom: 1px solid #d7dde4; }
.lead { color: #4a5868; margin-top: 0; }
nav a { margin-right: 14px; color: #1f5fa8; text-decoration: none; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13.5px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e3e7ec; text-align: right;
         white-space: nowrap; }
th { background: #eef2f6; cursor: pointer; user-select: none; position: sticky; top: 0; }
th.sorted-asc::after { content: " \\25B2"; } th.sorted-desc::after { content: " \\25BC"; }
td.text, th.text { text-align: left; }
tr.best td { background: #fff3c4; font-weight: 600; }
tr.not-ok td { color: #b0182b; }
.scroll { max-height: 560px; overflow: auto; border: 1px solid #d7dde4; display: inline-block;
          max-width: 100%; }
.figures { display: flex; flex-wrap: wrap; gap: 0 24px; }
.figures figure { flex: 1 1 480px; max-width: 588px; }
figure { margin: 18px 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #e3e7ec; background: white; }
figcaption { color: #4a5868; font-size: 13px; }
pre { background: #f1f4f7; padding: 12px; overflow: auto; font-size: 13px; border-radius: 4px; }
.note { color: #4a5868; font-size: 13px; }
"""

# Sorts the table by a clicked column (numbers as numbers, from data-v), and
# leaves a marker the report's test reads back from the rendered page.
SCRIPT = """
(function () {
  var table = document.getElementById('runs');
  var body = table.tBodies[0];
  function value(row, c) {
    var cell = row.cells[c], v = cell.getAttribute('data-v');
    return v === null ? cell.textContent : parseFloat(v);
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, c) {
    th.addEventListener('click', function () {
      var up = !th.classList.contains('sorted-asc');
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
        h.classList.remove('sorted-asc', 'sorted-desc'); });
      th.classList.add(up ? 'sorted-asc' : 'sorted-desc');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a, c), y = value(b, c);
        var nx = typeof x === 'number' && isNaN(x), ny = typeof y === 'number' && isNaN(y);
        if (nx || ny) return nx - ny;  /* NaN last either way */
        return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  function mark() {
    var images = document.images, drawn = 0;
    for (var i = 0; i < images.length; i++) if (images[i].naturalWidth > 0) drawn++;
    document.body.setAttribute('data-report-ready', 'yes');
    document.body.setAttribute('data-table-rows', String(body.rows.length));
    document.body.setAttribute('data-images-drawn', String(drawn));
  }
  if (document.readyState === 'complete') mark(); else window.addEventListener('load', mark);
})();
"""


def escape(value):
    return html.escape(str(value), quote=True)


def cell(text, number, numeric):
    """A table cell: sorted by `number` (data-v) when there is one, else
    by its text; right-aligned when the column is `numeric`."""
    align = "" if numeric else ' class="text"'
    if number is None:
        return f"<td{align}>{escape(text)}</td>"
    sort = "NaN" if not np.isfinite(number) else repr(float(number))
    return f'<td{align} data-v="{sort}">{escape(text)}</td>'


def table(header, numeric, rows, classes):
    """The runs table: `rows` of (text, sort number or None) cells, the
    columns right-aligned where `numeric`."""
    head = "".join(f'<th class="{"" if n else "text"}">{escape(h)}</th>'
                   for h, n in zip(header, numeric))
    body = "\n".join(f'<tr class="{c}">' + "".join(cell(t, v, n) for (t, v), n in
                                                   zip(row, numeric)) + "</tr>"
                     for row, c in zip(rows, classes))
    return (f'<div class="scroll"><table id="runs"><thead><tr>{head}</tr></thead>'
            f"<tbody>\n{body}\n</tbody></table></div>")


def figure(png_base64, caption, alt):
    return (f'<figure><img src="data:image/png;base64,{png_base64}" alt="{escape(alt)}">'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def figures(items):
    """Figures side by side where the page is wide enough."""
    return f'<div class="figures">{"".join(items)}</div>'


def section(anchor, title, content):
    return f'<section id="{anchor}"><h2>{escape(title)}</h2>\n{content}\n</section>'


def definitions(pairs):
    rows = "".join(f'<tr><td class="text">{escape(k)}</td><td class="text">{escape(v)}</td></tr>'
                   for k, v in pairs)
    return f'<table class="provenance"><tbody>{rows}</tbody></table>'


def page(title, lead, sections):
    """The whole document: `sections` are (anchor, heading, HTML)."""
    nav = " ".join(f'<a href="#{a}">{escape(t)}</a>' for a, t, _ in sections)
    body = "\n".join(section(*s) for s in sections)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n"
            f"<body><h1>{escape(title)}</h1><p class=\"lead\">{escape(lead)}</p>"
            f"<nav>{nav}</nav>\n{body}\n<script>{SCRIPT}</script></body></html>\n")
