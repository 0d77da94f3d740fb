"""View models: what the templates show, built from records (Analysis, store records,
Comparison). Kept apart from the routes so the pages and the tests share them."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, cast
from urllib.parse import urlencode, urlsplit

from markupsafe import Markup, escape

from slant.glossary import GLOSSARY
from slant.models import REPORTED_KINDS, TECHNIQUES, Analysis, is_reported_speech
from slant.utterances import by_first_part, joined_text
from slant.web._charts import grouped_hbar, hbar_chart, line_chart, stacked_hbar
from slant.web._highlight import (
    PALETTE,
    highlight,
    legend,
    technique_bar,
    technique_colour,
    technique_index,
    technique_label,
    text_parts,
    whose_words,
)


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL (never ``javascript:`` and friends), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def snippet_html(snippet: str | None) -> Markup:
    """A search snippet, escaped, with the store's ``[match]`` markers as ``<b>``."""
    if not snippet:
        return Markup("")
    escaped = str(escape(snippet))
    return Markup(re.sub(r"\[([^\[\]]{1,120})\]", r'<b class="hit">\1</b>', escaped))


def quoted(text: str | None, limit: int = 200) -> Markup:
    """A quote for display: in ``<q>`` unless the span already carries its quotation marks."""
    text = text or ""
    short = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    if text[:1] in QUOTE_MARKS and text[-1:] in QUOTE_MARKS:
        return Markup(escape(short))
    return Markup("<q>") + escape(short) + Markup("</q>")


def fmt_date(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


QUOTE_MARKS = "\"'“”‘’«»„"


def template_globals() -> dict[str, Any]:
    return {
        "TECHNIQUES": TECHNIQUES,
        "GLOSSARY": GLOSSARY,
        "technique_label": technique_label,
        "technique_colour": technique_colour,
        "technique_index": technique_index,
        "technique_bar": technique_bar,
        "legend": legend,
        "PALETTE": PALETTE,
    }


def shorten(text: str | None, limit: int = 60) -> str:
    """A long name cut to ``limit`` characters with an ellipsis (for menus and labels)."""
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def template_filters() -> dict[str, Callable[..., Any]]:
    return {"safe_href": safe_href, "date": fmt_date, "snippet": snippet_html, "quoted": quoted,
            "shorten": shorten}


def analysis_view(analysis: Analysis, part: int = 1, size: int = 0) -> dict[str, Any]:
    """Everything the article view shows: highlighted text, legend, spans, quotes, entities.

    ``size`` > 0 windows a long text: only part ``part`` (1-based) of about ``size``
    characters is highlighted; the side panels cover the whole article.
    """
    art = analysis.article
    parts = text_parts(art.text, size)
    part = min(max(part, 1), len(parts))
    lo, hi = parts[part - 1]

    def part_of(pos: int) -> int:
        return next((i + 1 for i, (a, b) in enumerate(parts) if a <= pos < b), len(parts))

    spans = [
        {"index": i, "technique": t.technique, "label": technique_label(t.technique),
         "definition": GLOSSARY.get(t.technique, {}).get("definition", ""),
         "score": t.score, "text": t.text, "start": t.start, "end": t.end,
         "colour_index": technique_index(t.technique), "voice": t.voice,
         "whose": whose_words(t.voice, t.quote_index, analysis.quotes)}
        for i, t in enumerate(analysis.techniques)
    ]
    # one entry per utterance: a later part ("“A,” she said, “B.”") joins its first one's words
    groups = by_first_part(analysis.quotes)
    all_quotes = [
        {"index": i, "text": joined_text(analysis.quotes, groups[i]), "kind": q.kind,
         "speaker": q.speaker.name if q.speaker else None,
         "cue": q.cue.text if q.cue else None,
         "reported": q.kind in REPORTED_KINDS, "speech": is_reported_speech(q),
         "topic": q.content == "topic", "part": part_of(q.start)}
        for i, q in enumerate(analysis.quotes) if i in groups
    ]
    # speech (and scare quotes, terms) in the list; beliefs, plans and actions apart
    quotes = [q for q in all_quotes if q["speech"] or not q["reported"]]
    other = [q for q in all_quotes if q["reported"] and not q["speech"]]
    entities = sorted(
        ({"name": e.name, "type": e.type, "mentions": len(e.mentions),
          # The outlet's own labels first; labels inside quotes after, saying whose.
          "descriptors": sorted({(d.text, d.kind, d.voice == "quoted",
                                  whose_words(d.voice, d.quote_index, analysis.quotes)
                                  if d.voice == "quoted" else "")
                                 for d in e.descriptors}, key=lambda x: (x[2], x[0], x[1]))}
         for e in analysis.entities),
        key=lambda e: (-cast(int, e["mentions"]), cast(str, e["name"])),
    )
    counts = Counter(t.technique for t in analysis.techniques)
    return {
        "article": art,
        "href": safe_href(art.url),
        "html": highlight(art.text, analysis.techniques, analysis.quotes, start=lo, end=hi),
        "part": part,
        "parts": len(parts),
        "window": (lo, hi),
        "chars": len(art.text),
        "legend": legend(analysis.techniques),
        "voiced": any(t.voice for t in analysis.techniques),
        "quoted_spans": sum(1 for t in analysis.techniques if t.voice == "quoted"),
        "spans": spans,
        "quotes": quotes,
        "other_attributions": other,
        "entities": entities,
        "summary": analysis.summary,
        "counts": dict(counts),
        "bar": technique_bar(dict(counts), width=300, height=12),
        "problems": analysis.problems,
    }


def query_string(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


# -- dashboard -------------------------------------------------------------------------------
VOICE_WORDS = {"narrator": "the outlet's own words", "quoted": "quoted speech",
               "all": "all words"}


def techniques_by_outlet_chart(rows: Sequence[Any], voice: str = "all") -> Markup:
    """Stacked bars: per outlet, spans per 1,000 words by technique (all months pooled), in
    the rows' voice."""
    words: dict[str, int] = defaultdict(int)
    spans: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in rows:
        words[r.source] += r.words
        for tech, rate in r.by_technique.items():
            spans[r.source][tech] += rate * r.words / 1000.0  # back to span counts
    data = []
    for source in sorted(words, key=lambda s: -sum(spans[s].values()) / max(words[s], 1)):
        w = max(words[source], 1)
        parts = [(technique_label(t), 1000.0 * spans[source].get(t, 0.0) / w, technique_colour(t))
                 for t in TECHNIQUES]
        data.append((shorten(source, 40), parts))
    return stacked_hbar(data[:15],
                        title=f"Technique spans per 1,000 words, by outlet: {VOICE_WORDS[voice]}",
                        unit=" per 1,000 words")


def voices_by_outlet_chart(rows: Sequence[Any]) -> Markup:
    """Per outlet, the narrator's rate and quoted speech's side by side (all months pooled)."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for r in rows:
        if r.narrator is None or r.quoted is None:
            continue
        acc = sums[r.source]
        acc[0] += r.narrator.words
        acc[1] += r.narrator.technique_spans
        acc[2] += r.quoted.words
        acc[3] += r.quoted.technique_spans

    def rate(n: int, w: int) -> float:
        return round(1000.0 * n / w, 2) if w else 0.0

    data = [(shorten(src, 40), [("the outlet's own words", rate(a[1], a[0]), "#0072b2"),
                                ("inside quotes", rate(a[3], a[2]), "#e69f00")])
            for src, a in sorted(sums.items(), key=lambda kv: -rate(kv[1][1], kv[1][0]))]
    return grouped_hbar(data[:15], title="Spans per 1,000 words: the outlet's own words "
                        "beside quoted speech", unit=" per 1,000 words")


def techniques_over_time_chart(rows: Sequence[Any], technique: str | None = None,
                               voice: str = "all", by: str = "month",
                               max_lines: int = 8) -> dict[str, Any]:
    """Lines: per outlet, spans per 1,000 words by month, week or day (one technique, or all),
    in the rows' voice.

    At most ``max_lines`` outlets are drawn (those with the most periods); ``hidden`` names
    the others, so the page can say so and link to each."""
    months = sorted({r.month for r in rows if r.month != "unknown"})
    by_outlet: dict[str, dict[str, float]] = defaultdict(dict)
    for r in rows:
        if r.month == "unknown":
            continue
        by_outlet[r.source][r.month] = (r.by_technique.get(technique, 0.0) if technique
                                        else r.spans_per_1000_words)
    ranked = sorted(by_outlet, key=lambda s: (-len(by_outlet[s]), s))
    top = ranked[:max_lines]
    series = [(shorten(s, 40), [by_outlet[s].get(m) for m in months]) for s in sorted(top)]
    what = technique_label(technique) if technique else "All techniques"
    chart = line_chart(months, series,
                       title=f"{what}: spans per 1,000 words, by {by} ({VOICE_WORDS[voice]})",
                       unit=" per 1,000 words")
    return {"chart": chart, "shown": sorted(top), "hidden": sorted(ranked[max_lines:])}


def speakers_chart(rows: Iterable[Any], limit: int = 12) -> Markup:
    totals: Counter[str] = Counter()
    for r in rows:
        totals[r.speaker] += r.quotes
    return hbar_chart([(shorten(k, 40), float(v)) for k, v in totals.most_common(limit)],
                      title="Most-quoted people and organisations (quotes)", colour="#009e73",
                      unit=" quotes")


def entity_labels_view(profiles: Sequence[Any], per_outlet: int = 8) -> list[dict[str, Any]]:
    """Per outlet, the entity's most used labels (the outlet's own first; those inside quotes
    after them, each with its speaker) and the techniques aimed at it."""
    out = []
    for p in sorted(profiles, key=lambda p: -p.articles):
        labels = sorted(p.descriptors.items(), key=lambda kv: (-kv[1], kv[0]))[:per_outlet]
        quoted_labels = [{"text": q.text, "count": q.count,
                          "whose": f"in a quote by {q.speaker}" if q.speaker
                          else "in an unattributed quote"}
                         for q in getattr(p, "quoted_descriptors", [])[:per_outlet]]
        techs = sorted(p.techniques.items(), key=lambda kv: (-kv[1], kv[0]))
        out.append({
            "source": p.source, "articles": p.articles, "mentions": p.mentions,
            "chart": hbar_chart([(shorten(k, 50), float(v)) for k, v in labels],
                                title=f"{shorten(p.source)}: labels", width=720, label_w=380,
                                colour="#7f3c8d") if labels else None,
            "labels": labels,
            "quoted_labels": quoted_labels,
            "techniques": [(technique_label(k), k, v) for k, v in techs],
            "quoted_techniques": [(technique_label(k), k, v) for k, v in sorted(
                getattr(p, "quoted_techniques", {}).items(), key=lambda kv: (-kv[1], kv[0]))],
            "bar": technique_bar(dict(techs), width=200),
        })
    return out
