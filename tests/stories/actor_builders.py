"""Hand-built analyses for the actor tests: short texts written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime

from slant.models import Analysis, Article, Descriptor, Entity, Mention, Provenance, Quote, Speaker


def _all(text: str, piece: str) -> list[tuple[int, int]]:
    out, i = [], text.find(piece)
    while i >= 0:
        out.append((i, i + len(piece)))
        i = text.find(piece, i + 1)
    assert out, f"{piece!r} not in the text"
    return out


def make(aid: str, text: str, entities=(), quotes=(), source: str = "Daily Example",
         published: datetime | None = datetime(2026, 5, 1, 9, tzinfo=UTC),
         descriptors: dict[str, list[tuple[str, str]]] | None = None) -> Analysis:
    """``entities``: (name, type) — every occurrence of the name is a mention;
    ``quotes``: (quoted words, speaker span text, speaker name);
    ``descriptors``: entity name -> [(text, kind)]."""
    ents = []
    for name, typ in entities:
        descs = [Descriptor(start=s, end=e, text=d, kind=k)
                 for d, k in (descriptors or {}).get(name, []) for s, e in _all(text, d)[:1]]
        ents.append(Entity(name=name, type=typ,
                           mentions=[Mention(start=s, end=e) for s, e in _all(text, name)],
                           descriptors=descs))
    qs = []
    for words, span, name in quotes:
        (qs_, qe), = _all(text, words)[:1]
        (ss, se), = _all(text, span)[:1]
        qs.append(Quote(start=qs_, end=qe, text=words, kind="direct",
                        speaker=Speaker(start=ss, end=se, text=span, name=name)))
    return Analysis(article=Article(id=aid, text=text, source=source, published=published,
                                    title=f"article {aid}"),
                    entities=ents, quotes=qs, provenance=Provenance(slant_version="0.1.0"))
