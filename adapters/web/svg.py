"""The `/stats` pictures as SVG drawn on the server: no script, no inline style (the page's
Content-Security-Policy allows neither), colours as presentation attributes, every name a
member typed escaped as text."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from adapters.web.html import clean

PALETTE = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2")
HEAT = ("#eef2f7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
ROW, LABEL, CELL = 28, 150, 56


def _text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    value = escape(clean(text)[:40])
    return f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}"{klass}>{value}</text>'


def _svg(width: float, height: float, title: str, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}">'
        f"<title>{escape(title)}</title>"
    )
    return Markup(head + "".join(body) + "</svg>")


def heatmap(
    title: str, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[int]]]
) -> Markup:
    """A grid: one row per member, one column per day, the count in each cell."""
    width = LABEL + CELL * max(len(columns), 1) + 10
    height = ROW * (len(rows) + 1) + 10
    body = [
        _text(LABEL + CELL * i + CELL / 2, 18, c, anchor="middle") for i, c in enumerate(columns)
    ]
    top = max((v for _, values in rows for v in values), default=0) or 1
    for r, (name, values) in enumerate(rows):
        y = ROW * (r + 1)
        body.append(_text(LABEL - 8, y + 19, name, anchor="end"))
        for c, value in enumerate(values):
            shade = HEAT[0] if not value else HEAT[1 + min(4, (value - 1) * 5 // top)]
            x = LABEL + CELL * c
            body.append(
                f'<rect x="{x + 2}" y="{y + 2}" width="{CELL - 4}" height="{ROW - 4}" '
                f'rx="3" fill="{shade}"/>'
            )
            cls = "on-dark" if value and value * 5 // top >= 3 else ""
            body.append(_text(x + CELL / 2, y + 19, str(value), anchor="middle", cls=cls))
    return _svg(width, height, title, body)


def stacked_bars(
    title: str, labels: Sequence[str], series: Sequence[str], values: Sequence[Sequence[int]]
) -> Markup:
    """One bar per label (a week), stacked by series (a category), with a legend."""
    bar, gap, plot = 34, 14, 180
    width = max(60 + (bar + gap) * len(labels), 80 + 120 * len(series))
    top = max((sum(v) for v in values), default=0) or 1
    body: list[str] = []
    for i, (label, stack) in enumerate(zip(labels, values, strict=True)):
        x, base = 40 + (bar + gap) * i, float(30 + plot)
        for s, value in enumerate(stack):
            h = plot * value / top
            base -= h
            if value:
                body.append(
                    f'<rect x="{x}" y="{base:.1f}" width="{bar}" height="{h:.1f}" '
                    f'fill="{PALETTE[s % len(PALETTE)]}"/>'
                )
        body.append(_text(x + bar / 2, base - 4, str(sum(stack)), anchor="middle"))
        body.append(_text(x + bar / 2, 30 + plot + 16, label, anchor="middle"))
    legend_y = 30 + plot + 40
    for s, name in enumerate(series):
        x = 40 + 120 * s
        color = PALETTE[s % len(PALETTE)]
        body.append(f'<rect x="{x}" y="{legend_y - 11}" width="12" height="12" fill="{color}"/>')
        body.append(_text(x + 18, legend_y, name))
    return _svg(width, legend_y + 12, title, body)


def horizontal_bars(title: str, rows: Sequence[tuple[str, int, str]]) -> Markup:
    """One bar per row (a member's streak), its value and a note after it."""
    plot = 300
    top = max((v for _, v, _ in rows), default=0) or 1
    body: list[str] = []
    for r, (name, value, note) in enumerate(rows):
        y = 10 + ROW * r
        body.append(_text(LABEL - 8, y + 18, name, anchor="end"))
        w = plot * value / top
        body.append(
            f'<rect x="{LABEL}" y="{y + 4}" width="{max(w, 2):.1f}" height="{ROW - 8}" '
            f'rx="3" fill="{PALETTE[2]}"/>'
        )
        body.append(_text(LABEL + max(w, 2) + 6, y + 18, f"{value} {note}".strip()))
    return _svg(LABEL + plot + 120, 20 + ROW * len(rows), title, body)
