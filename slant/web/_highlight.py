"""Article text as escaped HTML with technique spans and quotes marked.

Spans may overlap. The text is cut at every span boundary; each piece is wrapped in one
``<mark>`` per technique span covering it, nested in a fixed order. Each span gets a *lane*
(greedy interval colouring), so a span keeps the same underline depth across the pieces it
covers and overlapping spans show as stacked underlines in their own colours. Quotes get an
anchor (``id="q-N"``) on their first piece, so the quote list can link to them.

A span inside a quote (``voice == "quoted"``) also gets the class ``voice-quoted`` (drawn with a
dashed underline, in italics) and ``data-whose="in a quote by NAME"`` for the tooltip; the
narrator's own spans get ``voice-narrator``.

Every piece of article text goes through :func:`markupsafe.escape`; only markup built here
is trusted.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from markupsafe import Markup, escape

from slant.glossary import GLOSSARY
from slant.models import TECHNIQUES, Quote, TechniqueSpan

# One colour per technique (colour-blind-friendly order first), index = TECHNIQUES order.
PALETTE: tuple[str, ...] = (
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#8c6d31",
    "#7f3c8d", "#e31a1c", "#bcbd22", "#666666", "#b15928", "#e7298a", "#393b79",
)
MAX_LANES = 6


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def on_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (always >= 4.5:1 here)."""
    return "#000000" if contrast(background, "#000000") >= contrast(background, "#ffffff") \
        else "#ffffff"


#: The text colour of a selected span on each technique's colour (style.css's ``--on``).
ON_PALETTE: tuple[str, ...] = tuple(on_colour(c) for c in PALETTE)


def technique_index(name: str) -> int:
    try:
        return TECHNIQUES.index(name)
    except ValueError:
        return len(TECHNIQUES) - 1


def technique_colour(name: str) -> str:
    return PALETTE[technique_index(name) % len(PALETTE)]


def technique_label(name: str) -> str:
    return GLOSSARY.get(name, {}).get("label", name.replace("_", " "))


def legend(techniques: Sequence[TechniqueSpan] | None = None) -> list[dict[str, str | int]]:
    """Legend rows (all 14 techniques, or those present), in TECHNIQUES order."""
    present = {t.technique for t in techniques} if techniques is not None else set(TECHNIQUES)
    counts: dict[str, int] = {}
    for t in techniques or []:
        counts[t.technique] = counts.get(t.technique, 0) + 1
    return [
        {"name": n, "label": technique_label(n), "index": i, "colour": PALETTE[i],
         "count": counts.get(n, 0), "definition": GLOSSARY[n]["definition"]}
        for i, n in enumerate(TECHNIQUES) if n in present
    ]


def whose_words(voice: str | None, quote_index: int | None, quotes: Sequence[Quote]) -> str:
    """"in a quote by NAME" (or "in an unattributed quote"), "in the outlet's own words",
    or "" when voice is unknown."""
    if voice == "quoted":
        q = quotes[quote_index] if quote_index is not None and quote_index < len(quotes) else None
        if q is not None and q.speaker is not None:
            return f"in a quote by {q.speaker.name}"
        return "in an unattributed quote"
    if voice == "narrator":
        return "in the outlet's own words"
    return ""


def assign_lanes(spans: Sequence[TechniqueSpan]) -> list[int]:
    """A lane per span such that overlapping spans never share one (greedy by start)."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end, i))
    lane_end: list[int] = []
    lanes = [0] * len(spans)
    for i in order:
        s = spans[i]
        for lane, end in enumerate(lane_end):
            if end <= s.start:
                lanes[i] = lane
                lane_end[lane] = s.end
                break
        else:
            lanes[i] = len(lane_end)
            lane_end.append(s.end)
    return lanes


def highlight(text: str, techniques: Sequence[TechniqueSpan],
              quotes: Sequence[Quote] = (), *, start: int = 0, end: int | None = None) -> Markup:
    """The article text as HTML: escaped text, ``<mark>`` per technique, quote anchors.

    ``start``/``end``: only that window of the text (spans cut at its edges keep their
    number, so a span continued from the previous window is still the same ``data-span``).
    One sweep over the cut points: the cost grows with the spans and the text, not with
    their product.
    """
    n = len(text)
    lo, hi = max(0, start), n if end is None else min(n, end)
    spans = [t for t in techniques if 0 <= t.start < t.end <= n]
    index = {id(t): i for i, t in enumerate(techniques)}
    lanes = assign_lanes(spans)
    keep = [k for k, s in enumerate(spans) if s.start < hi and s.end > lo]
    valid_quotes = [(qi, q) for qi, q in enumerate(quotes)
                    if 0 <= q.start < q.end <= n and q.start < hi and q.end > lo]
    cuts = {lo, hi}
    for k in keep:
        cuts.update(min(max(p, lo), hi) for p in (spans[k].start, spans[k].end))
    for _, q in valid_quotes:
        cuts.update(min(max(p, lo), hi) for p in (q.start, q.end))
    points = sorted(cuts)
    quote_at: dict[int, list[int]] = {}
    for qi, q in valid_quotes:
        quote_at.setdefault(q.start, []).append(qi)
    # The opening tag of each span: [continuation piece, first piece].
    opening: dict[int, tuple[str, str]] = {}
    for k in keep:
        s = spans[k]
        attrs = (f'data-span="{index[id(s)]}" data-technique="{escape(s.technique)}" '
                 f'data-label="{escape(technique_label(s.technique))}" '
                 f'data-score="{s.score:.2f}"')
        whose = whose_words(s.voice, s.quote_index, quotes)
        if whose:
            attrs += f' data-voice="{escape(s.voice)}" data-whose="{escape(whose)}"'
        cls = f"tech t{technique_index(s.technique)} lane{min(lanes[k], MAX_LANES - 1)}"
        if s.voice:
            cls += f" voice-{s.voice}"
        opening[k] = (f'<mark class="{cls}" {attrs}>',
                      f'<mark class="{cls} span-start" {attrs} tabindex="0">')
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for k in keep:
        starts.setdefault(max(spans[k].start, lo), []).append(k)
        ends.setdefault(min(spans[k].end, hi), []).append(k)
    q_starts: dict[int, list[int]] = {}
    q_ends: dict[int, list[int]] = {}
    for qi, q in valid_quotes:
        q_starts.setdefault(max(q.start, lo), []).append(qi)
        q_ends.setdefault(min(q.end, hi), []).append(qi)
    active: set[int] = set()
    open_quotes: set[int] = set()
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        open_quotes.difference_update(q_ends.get(a, ()))
        open_quotes.update(q_starts.get(a, ()))
        for qi in quote_at.get(a, []):
            out.append(f'<span class="quote-anchor" id="q-{qi}"></span>')
        piece = str(escape(text[a:b])).replace("\n", "<br>\n")
        in_quote = min(open_quotes) if open_quotes else None
        if in_quote is not None:
            out.append(f'<span class="quote" data-quote="{in_quote}">')
        # Outermost = highest lane, so lane 0 sits closest to the text.
        for lane, k in sorted(((lanes[k], k) for k in active), reverse=True):
            out.append(opening[k][spans[k].start == a])
        out.append(piece)
        out.append("</mark>" * len(active))
        if in_quote is not None:
            out.append("</span>")
    return Markup("".join(out))


def text_parts(text: str, size: int) -> list[tuple[int, int]]:
    """``text`` cut into windows of about ``size`` characters, at a paragraph break, else a
    sentence end, else a space, in the last fifth of each window."""
    n = len(text)
    if size <= 0 or n <= size:
        return [(0, n)]
    parts, at = [], 0
    while n - at > size:
        lo, hi = at + size * 4 // 5, at + size
        cut = text.rfind("\n", lo, hi)
        if cut < 0:
            cut = max(text.rfind(". ", lo, hi), text.rfind("? ", lo, hi), text.rfind("! ", lo, hi))
            cut = cut + 1 if cut >= 0 else text.rfind(" ", lo, hi)
        if cut <= at:
            cut = hi
        parts.append((at, cut))
        at = cut
    parts.append((at, n))
    return parts


def technique_bar(counts: dict[str, int], width: int = 160, height: int = 10) -> Markup:
    """A small inline SVG bar: the article's technique mix, one coloured segment per technique."""
    total = sum(counts.values())
    if not total:
        return Markup(
            f'<svg class="tbar" width="{width}" height="{height}" role="img" '
            f'aria-label="no technique spans"><rect width="{width}" height="{height}" '
            'fill="#eeeeee"/></svg>'
        )
    x = 0.0
    parts = []
    title = ", ".join(f"{technique_label(k)}: {v}" for k, v in sorted(counts.items(),
                                                                     key=lambda kv: -kv[1]))
    for name in TECHNIQUES:
        c = counts.get(name, 0)
        if not c:
            continue
        w = width * c / total
        parts.append(f'<rect x="{x:.1f}" width="{w:.1f}" height="{height}" '
                     f'fill="{technique_colour(name)}"/>')
        x += w
    return Markup(
        f'<svg class="tbar" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>{"".join(parts)}</svg>'
    )
