"""Small server-side SVG charts: horizontal bars, stacked bars and lines.

Every label passes through :func:`markupsafe.escape`; the output is inline SVG that needs no
JavaScript and no styles (colours are presentation attributes, allowed by the CSP).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

SERIES_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
                  "#7f3c8d", "#666666", "#b15928", "#1b9e77")
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _empty(width: int, message: str) -> Markup:
    return Markup(
        f'<svg class="chart" width="{width}" height="40" role="img" aria-label="{escape(message)}">'
        f'<text x="4" y="24" {FONT} fill="#666">{escape(message)}</text></svg>'
    )


def _svg_open(width: int, height: int, title: str) -> list[str]:
    """The chart's opening ``<svg>`` (titled, for screen readers) and its bold heading."""
    return [(f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'),
            f'<text x="0" y="14" {FONT} font-weight="bold">{escape(title)}</text>']


def _fmt(v: float) -> str:
    return f"{v:.0f}" if v >= 100 or float(v).is_integer() else f"{v:.1f}"


def _shorten(label: str, width_px: int) -> str:
    chars = max(4, int(width_px / 7.2))  # ~7 px a character at 12 px
    return label if len(label) <= chars else label[: chars - 1] + "…"


def hbar_chart(rows: Sequence[tuple[str, float]], *, title: str, width: int = 560,
               colour: str = "#0072b2", unit: str = "", label_w: int = 170) -> Markup:
    """One bar per row, longest first as given."""
    if not rows:
        return _empty(width, f"{title}: no data yet")
    bar_h, gap = 18, 6
    top = 24
    height = top + len(rows) * (bar_h + gap) + 4
    vmax = max(v for _, v in rows) or 1.0
    plot_w = width - label_w - 60
    out = _svg_open(width, height, title)
    for i, (label, value) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = max(1.0, plot_w * value / vmax) if value else 0.0
        short = _shorten(label, label_w - 8)
        out.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" {FONT}>'
                   f'<title>{escape(label)}</title>{escape(short)}</text>')
        out.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
                   f'<title>{escape(label)}: {_fmt(value)}{escape(unit)}</title></rect>')
        out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 13}" {FONT}>{_fmt(value)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def stacked_hbar(rows: Sequence[tuple[str, Sequence[tuple[str, float, str]]]], *, title: str,
                 width: int = 720, unit: str = "") -> Markup:
    """One stacked bar per row: ``(label, [(part name, value, colour), ...])``."""
    if not rows:
        return _empty(width, f"{title}: no data yet")
    label_w, bar_h, gap, top = 170, 20, 8, 24
    height = top + len(rows) * (bar_h + gap) + 4
    vmax = max(sum(v for _, v, _ in parts) for _, parts in rows) or 1.0
    plot_w = width - label_w - 60
    out = _svg_open(width, height, title)
    for i, (label, parts) in enumerate(rows):
        y = top + i * (bar_h + gap)
        short = _shorten(label, label_w - 8)
        out.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" {FONT}>'
                   f'<title>{escape(label)}</title>{escape(short)}</text>')
        x = float(label_w)
        for name, value, colour in parts:
            if value <= 0:
                continue
            w = plot_w * value / vmax
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                       f'fill="{colour}"><title>{escape(label)} — {escape(name)}: '
                       f'{_fmt(value)}{escape(unit)}</title></rect>')
            x += w
        total = sum(v for _, v, _ in parts)
        out.append(f'<text x="{x + 4:.1f}" y="{y + 14}" {FONT}>{_fmt(total)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def grouped_hbar(rows: Sequence[tuple[str, Sequence[tuple[str, float, str]]]], *, title: str,
                 width: int = 720, unit: str = "") -> Markup:
    """Bars side by side per row: ``(label, [(series name, value, colour), ...])``, with a
    legend of the series (never stacked: the values are not parts of one whole)."""
    if not rows:
        return _empty(width, f"{title}: no data yet")
    label_w, bar_h, gap, top = 170, 12, 10, 40
    n = max(len(parts) for _, parts in rows)
    group_h = n * bar_h + gap
    height = top + len(rows) * group_h + 4
    vmax = max((v for _, parts in rows for _, v, _ in parts), default=0.0) or 1.0
    plot_w = width - label_w - 60
    out = _svg_open(width, height, title)
    x: float = label_w
    for name, _, colour in rows[0][1]:
        out.append(f'<rect x="{x}" y="22" width="10" height="10" fill="{colour}"/>'
                   f'<text x="{x + 14}" y="31" {FONT}>{escape(name)}</text>')
        x += 14 + 7.2 * len(name) + 16
    for i, (label, parts) in enumerate(rows):
        y0 = top + i * group_h
        short = _shorten(label, label_w - 8)
        out.append(f'<text x="{label_w - 6}" y="{y0 + n * bar_h / 2 + 4:.1f}" text-anchor="end" '
                   f'{FONT}><title>{escape(label)}</title>{escape(short)}</text>')
        for k, (name, value, colour) in enumerate(parts):
            y = y0 + k * bar_h
            w = max(1.0, plot_w * value / vmax) if value else 0.0
            out.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h - 2}" '
                       f'fill="{colour}"><title>{escape(label)} — {escape(name)}: '
                       f'{_fmt(value)}{escape(unit)}</title></rect>')
            out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 3}" {FONT}>'
                       f'{_fmt(value)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def line_chart(x_labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], *,
               title: str, width: int = 720, height: int = 260, unit: str = "") -> Markup:
    """One line per series over the x labels (None = no point), with a legend."""
    if not x_labels or not series:
        return _empty(width, f"{title}: no data yet")
    left, right, top, bottom = 44, 150, 26, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _, vs in series for v in vs if v is not None]
    vmax = max(values) if values else 1.0
    vmax = vmax or 1.0
    n = len(x_labels)

    def px(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def py(v: float) -> float:
        return top + plot_h - plot_h * v / vmax

    out = [*_svg_open(width, height, title),
           (f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
           'stroke="#999"/>'),
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#999"/>',
           f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" {FONT}>{_fmt(vmax)}</text>',
           f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" {FONT}>0</text>']
    step = max(1, n // 8)
    for i, lab in enumerate(x_labels):
        if i % step == 0 or i == n - 1:
            out.append(f'<text x="{px(i):.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                       f'{FONT}>{escape(lab)}</text>')
    for si, (name, vals) in enumerate(series):
        colour = SERIES_COLOURS[si % len(SERIES_COLOURS)]
        pts = [(px(i), py(v), v) for i, v in enumerate(vals) if v is not None]
        if len(pts) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in pts)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                       'stroke-width="2"/>')
        for (x, y, v), lab in zip(pts, [x_labels[i] for i, v in enumerate(vals) if v is not None]):
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>'
                       f'{escape(name)}, {escape(lab)}: {_fmt(v)}{escape(unit)}</title></circle>')
        ly = top + 4 + si * 16
        short = name if len(name) <= 18 else name[:17] + "…"
        out.append(f'<rect x="{left + plot_w + 12}" y="{ly}" width="10" height="10" '
                   f'fill="{colour}"/><text x="{left + plot_w + 26}" y="{ly + 9}" {FONT}>'
                   f'<title>{escape(name)}</title>{escape(short)}</text>')
    out.append("</svg>")
    return Markup("".join(out))
