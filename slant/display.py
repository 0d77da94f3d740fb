"""Showing an Analysis: displaCy's span-style data and a self-contained HTML view.

``displacy(analysis)`` gives the dict that ``spacy.displacy.render(data, style="span",
manual=True)`` draws (technique spans, and quotes on request); ``to_html(analysis)`` is what
``Analysis._repr_html_`` shows in a notebook, with no spaCy and no JavaScript.

This module sits below the records in the layers (``models`` calls it for ``_repr_html_``),
so it reads an Analysis by its fields and imports the records for type checkers only.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from slant.errors import InputError

if TYPE_CHECKING:
    from slant.models import Analysis

_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s]")
LAYERS = ("techniques", "quotes", "speakers", "descriptors")


def label(technique: str) -> str:
    """``Name_Calling,Labeling`` -> ``Name Calling, Labeling``."""
    return technique.replace("_", " ").replace(",", ", ")


def _spans(analysis: Analysis, layers: Sequence[str]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    if "techniques" in layers:
        out += [(t.start, t.end, label(t.technique)) for t in analysis.techniques]
    if "quotes" in layers:
        out += [(q.start, q.end, f"{q.kind} quote") for q in analysis.quotes]
    if "speakers" in layers:
        out += [(q.speaker.start, q.speaker.end, f"speaker: {q.speaker.name}")
                for q in analysis.quotes if q.speaker]
    if "descriptors" in layers:
        out += [(d.start, d.end, f"{d.kind} of {e.name}")
                for e in analysis.entities for d in e.descriptors]
    return sorted(out)


def displacy(analysis: Analysis, layers: Iterable[str] = ("techniques",)) -> dict[str, Any]:
    """displaCy's span-style data for ``analysis``:
    ``spacy.displacy.render(slant.displacy(a), style="span", manual=True)``.

    ``layers`` chooses what is drawn: ``techniques`` (the default), ``quotes``, ``speakers``,
    ``descriptors``. Tokens are the text's words and punctuation; a span covers every token it
    touches. ``start``/``end`` keep the exact character offsets.
    """
    layers = tuple(layers)
    unknown = [x for x in layers if x not in LAYERS]
    if unknown:
        raise InputError(f"unknown layer {unknown[0]!r}; layers: {', '.join(LAYERS)}")
    text = analysis.article.text
    matches = list(_TOKEN.finditer(text))
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    spans = []
    for start, end, name in _spans(analysis, layers):
        first = bisect.bisect_right(ends, start)        # first token ending after the start
        last = bisect.bisect_left(starts, end)          # tokens starting before the end
        if first < last:
            spans.append({"start": start, "end": end, "start_token": first, "end_token": last,
                          "label": name, "kb_id": "", "kb_url": "#"})
    return {
        "text": text,
        "tokens": [m.group() for m in matches],
        "spans": spans,
        "title": analysis.article.title,
        "settings": {"lang": analysis.article.language or "en", "direction": "ltr"},
    }


def to_html(analysis: Analysis, max_chars: int = 20_000) -> str:
    """A small HTML view: title, summary, and the text with technique spans marked (hover a
    mark for its techniques and scores), then the quotes with their speakers."""
    a = analysis
    text = a.article.text[:max_chars]
    cuts = sorted({0, len(text), *(p for t in a.techniques for p in (t.start, t.end)
                                   if p <= len(text))})
    parts = []
    for lo, hi in zip(cuts, cuts[1:]):
        piece = html.escape(text[lo:hi]).replace("\n", "<br>")
        here = [t for t in a.techniques if t.start <= lo and hi <= t.end]
        if here:
            tip = html.escape("; ".join(f"{label(t.technique)} {t.score:.2f}" for t in here))
            piece = (f'<mark style="background:#ffd98a;padding:0 1px" title="{tip}">'
                     f"{piece}</mark>")
        parts.append(piece)
    more = " …" if len(a.article.text) > max_chars else ""
    s = a.summary
    summary = (f"{s.words} words, {s.technique_spans} technique spans "
               f"({s.spans_per_1000_words} per 1,000 words), {s.quotes} quotes, "
               f"{s.entities} entities" if s else "")
    said: dict[int, list[str]] = {}  # an utterance's parts ("“A,” she said, “B.”") shown once
    for i, q in enumerate(a.quotes):
        said.setdefault(i if q.continues is None else q.continues, []).append(q.text)
    quotes = "".join(
        f"<li>{html.escape(q.speaker.name if q.speaker else '(unattributed)')}: "
        f"{html.escape(' … '.join(said[i])[:200])}</li>"
        for i, q in enumerate(a.quotes) if q.kind in ("direct", "indirect", "mixed") and q.continues is None
    )
    problems = "".join(f"<li>{html.escape(p.stage)}: {html.escape(p.message)}</li>"
                       for p in a.problems)
    return (
        '<div class="slant-analysis">'
        f"<h4>{html.escape(a.article.title or 'Untitled article')}</h4>"
        f"<p><small>{html.escape(summary)}</small></p>"
        f'<div style="line-height:1.6">{"".join(parts)}{more}</div>'
        + (f"<p><b>Quotes</b></p><ul>{quotes}</ul>" if quotes else "")
        + (f"<p><b>Problems</b></p><ul>{problems}</ul>" if problems else "")
        + "</div>"
    )
