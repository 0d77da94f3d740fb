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
              quotes: Sequence[Quote] = ()) -> Markup:
    """The article text as HTML: escaped text, ``<mark>`` per technique, quote anchors."""
    n = len(text)
    spans = [t for t in techniques if 0 <= t.start < t.end <= n]
    index = {id(t): i for i, t in enumerate(techniques)}
    lanes = assign_lanes(spans)
    valid_quotes = [(qi, q) for qi, q in enumerate(quotes) if 0 <= q.start < q.end <= n]
    cuts = {0, n}
    for s in spans:
        cuts.update((s.start, s.end))
    for _, q in valid_quotes:
        cuts.update((q.start, q.end))
    points = sorted(cuts)
    quote_at: dict[int, list[int]] = {}
    for qi, q in valid_quotes:
        quote_at.setdefault(q.start, []).append(qi)
    # The opening tag of each span: [continuation piece, first piece].
    opening = []
    for k, s in enumerate(spans):
        attrs = (f'data-span="{index[id(s)]}" data-technique="{escape(s.technique)}" '
                 f'data-label="{escape(technique_label(s.technique))}" '
                 f'data-score="{s.score:.2f}"')
        whose = whose_words(s.voice, s.quote_index, quotes)
        if whose:
            attrs += f' data-voice="{escape(s.voice)}" data-whose="{escape(whose)}"'
        cls = f"tech t{technique_index(s.technique)} lane{min(lanes[k], MAX_LANES - 1)}"
        if s.voice:
            cls += f" voice-{s.voice}"
        opening.append((f'<mark class="{cls}" {attrs}>',
                        f'<mark class="{cls} span-start" {attrs} tabindex="0">'))
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        for qi in quote_at.get(a, []):
            out.append(f'<span class="quote-anchor" id="q-{qi}"></span>')
        piece = str(escape(text[a:b])).replace("\n", "<br>\n")
        in_quote = [qi for qi, q in valid_quotes if q.start <= a and b <= q.end]
        if in_quote:
            out.append(f'<span class="quote" data-quote="{in_quote[0]}">')
        active = [(lanes[k], k) for k, s in enumerate(spans) if s.start <= a and b <= s.end]
        # Outermost = highest lane, so lane 0 sits closest to the text.
        for lane, k in sorted(active, reverse=True):
            out.append(opening[k][spans[k].start == a])
        out.append(piece)
        out.append("</mark>" * len(active))
        if in_quote:
            out.append("</span>")
    return Markup("".join(out))


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
