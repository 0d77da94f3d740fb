"""The terminal report: the article with technique spans highlighted, quotes, entity labels."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from slant.glossary import GLOSSARY
from slant.models import REPORTED_KINDS, TECHNIQUES, Analysis, is_reported_speech
from slant.utterances import by_first_part, joined_text

COLOURS = (
    "red", "green", "yellow", "blue", "magenta", "cyan", "bright_red", "bright_green",
    "bright_yellow", "bright_blue", "bright_magenta", "bright_cyan", "orange3", "purple",
)
STYLE = {t: f"bold {c} underline" for t, c in zip(TECHNIQUES, COLOURS)}


def highlighted(analysis: Analysis):
    """The article text as rich Text, each technique span styled by its technique; spans
    inside quotes in italics."""
    from rich.text import Text

    text = Text(analysis.article.text)
    for t in sorted(analysis.techniques, key=lambda s: (s.start, -s.end)):
        style = STYLE.get(t.technique, "bold underline")
        text.stylize(style + (" italic" if t.voice == "quoted" else ""), t.start, t.end)
    return text


def whose(analysis: Analysis, voice: str | None, quote_index: int | None) -> str:
    """"narrator", "quoted: NAME" (or "quoted" when unattributed), "" when unknown."""
    if voice == "quoted" and quote_index is not None and quote_index < len(analysis.quotes):
        sp = analysis.quotes[quote_index].speaker
        return f"quoted: {sp.name}" if sp else "quoted"
    return voice or ""


def voice_line(analysis: Analysis) -> str | None:
    """"narrator 12.3 per 1,000 of its 350 words (4 spans) · quoted 40.1 per 1,000 ..." or None."""
    s = analysis.summary
    if s is None or s.narrator is None or s.quoted is None:
        return None
    return (f"the outlet's own words: {s.narrator.technique_spans} spans "
            f"({s.narrator.spans_per_1000_words} per 1,000 of {s.narrator.words} words) · "
            f"inside quotes: {s.quoted.technique_spans} spans "
            f"({s.quoted.spans_per_1000_words} per 1,000 of {s.quoted.words} words)")


def render_report(analyses: Iterable[Analysis], sink: TextIO, width: int | None = None) -> None:
    from rich.console import Console

    console = Console(file=sink, width=width or (None if sink.isatty() else 100),
                      force_terminal=None, highlight=False)
    for a in analyses:
        _print_head(console, a)
        if a.techniques:
            _print_techniques(console, a)
        _print_quotes(console, a)
        _print_entities(console, a)
        for p in a.problems:
            console.print(f"[yellow]problem[/yellow] in {p.stage}: {p.message}")
        console.print()


def _print_head(console, a: Analysis) -> None:
    from rich.rule import Rule

    art = a.article
    head = art.title or "(untitled)"
    meta = " · ".join(x for x in (art.source, art.author,
                                   art.published.date().isoformat() if art.published else None,
                                   art.url) if x)
    console.print(Rule(f"[bold]{head}"))
    if meta:
        console.print(meta, style="dim")
    s = a.summary
    if s:
        tops = ", ".join(f"{t.technique} ×{t.count}" for t in s.top_techniques) or "none"
        console.print(
            f"{s.words} words · {s.technique_spans} technique spans "
            f"({s.spans_per_1000_words} per 1,000 words) · top: {tops} · "
            f"{s.quotes} quotes · {s.entities} entities"
        )
        split = voice_line(a)
        if split:
            console.print(split)


def _print_techniques(console, a: Analysis) -> None:
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table

    console.print(Panel(highlighted(a), title="article", title_align="left"))
    voiced = any(t.voice for t in a.techniques)
    cols = ["technique", "score", *(["whose words"] if voiced else []), "span"]
    table = Table(*cols, title="Techniques", title_justify="left")
    for t in sorted(a.techniques, key=lambda s: s.start):
        who = [whose(a, t.voice, t.quote_index)] if voiced else []
        table.add_row(t.technique, f"{t.score:.2f}", *map(escape, who),
                      escape(_clip(t.text, 60)), style=None)
    console.print(table)
    console.print("[bold]What these techniques mean[/bold]")
    for name in sorted({t.technique for t in a.techniques}):
        g = GLOSSARY.get(name)
        if g:
            console.print(f"  [{STYLE.get(name, 'bold')}]{g['label']}[/]: {g['definition']}"
                          f" [dim]e.g. “{g['example']}”[/dim]")


def _print_quotes(console, a: Analysis) -> None:
    from rich.markup import escape
    from rich.table import Table

    # one row per utterance: "“A,” she said, “B.”" is one thing said, shown “A,” … “B.”
    groups = by_first_part(a.quotes)
    quotes = [(i, q) for i, q in enumerate(a.quotes) if is_reported_speech(q) and i in groups]
    other = [(i, q) for i, q in enumerate(a.quotes) if q.kind in REPORTED_KINDS and not q.speech and i in groups]
    if quotes:
        table = Table("speaker", "cue", "kind", "quote", title="Quotes", title_justify="left")
        for i, q in quotes:
            who = q.speaker.name if q.speaker else "?"
            if q.speaker and q.speaker.text != q.speaker.name:
                who += f" ({q.speaker.text})"
            words = joined_text(a.quotes, groups[i])
            what = f"(topic) {words}" if q.content == "topic" else words
            table.add_row(escape(who), escape(q.cue.text if q.cue else ""), q.kind,
                          escape(_clip(what, 80)))
        console.print(table)
    if other:
        console.print("[bold]Other attributions (beliefs, plans, actions):[/bold] " + "; ".join(
            f"{q.speaker.name if q.speaker else '?'} {q.cue.text if q.cue else ''}: "
            f"{_clip(joined_text(a.quotes, groups[i]), 60)}" for i, q in other))
    scare = [q for q in a.quotes if q.kind in ("scare", "term")]
    if scare:
        console.print("[bold]Scare quotes and quoted terms:[/bold] "
                      + "; ".join(f"{q.text} ({q.kind})" for q in scare))


def _print_entities(console, a: Analysis) -> None:
    from rich.markup import escape
    from rich.table import Table

    labelled = [e for e in a.entities if e.descriptors]
    if labelled:
        table = Table("entity", "type", "mentions", "how the article labels it",
                      title="Entities and labels", title_justify="left")
        for e in labelled:
            # The outlet's own labels first; labels inside quotes marked with their speaker.
            descs = sorted(e.descriptors, key=lambda d: d.voice == "quoted")
            table.add_row(escape(e.name), e.type, str(len(e.mentions)), escape("; ".join(
                f"{d.text} [{d.kind}]" + (f" ({whose(a, d.voice, d.quote_index)})"
                                          if d.voice == "quoted" else "")
                for d in descs)))
        console.print(table)
    others = [e.name for e in a.entities if not e.descriptors]
    if others:
        console.print("[bold]Also mentioned:[/bold] " + ", ".join(others[:30]))


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
