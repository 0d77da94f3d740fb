"""Analysis records built by hand for the store tests (no models are loaded)."""

from __future__ import annotations

from datetime import UTC, datetime

from slant.models import (
    Analysis,
    Article,
    Descriptor,
    Entity,
    Mention,
    Provenance,
    Quote,
    Speaker,
    StageProvenance,
    TechniqueSpan,
)


def find(text: str, piece: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def build(
    text: str,
    *,
    title: str | None = "A title",
    source: str | None = "Daily Example",
    published: datetime | None = datetime(2026, 3, 4, 9, 30, tzinfo=UTC),
    url: str | None = None,
    techniques: list[tuple[str, str]] = (),
    entities: list[tuple[str, str, list[str], list[str]]] = (),
    quotes: list[tuple] = (),
    embedding: list[float] | None = None,
    version: str = "1",
    stages: tuple[str, ...] = ("techniques",),
) -> Analysis:
    """``techniques``: (technique, piece of text); ``entities``: (name, type, mention
    pieces, descriptor pieces); ``quotes``: (kind, piece, speaker piece or None[, speech]).
    ``stages`` are the provenance's stages: with "quotes" among them, the store works out
    voice (narrator or quoted) when it saves the analysis; without, voice stays unknown."""
    spans = []
    for tech, piece in techniques:
        s, e = find(text, piece)
        spans.append(TechniqueSpan(start=s, end=e, text=piece, technique=tech, score=0.75))
    ents = []
    for name, typ, mentions, descs in entities:
        ms = [Mention(start=s, end=e) for s, e in (find(text, m) for m in mentions)]
        ds = [Descriptor(start=s, end=e, text=d, kind="appositive")
              for d, (s, e) in ((d, find(text, d)) for d in descs)]
        ents.append(Entity(name=name, type=typ, mentions=ms, descriptors=ds))
    qs = []
    for kind, piece, who, *rest in quotes:
        speech = rest[0] if rest else True
        s, e = find(text, piece)
        speaker = None
        if who:
            ws, we = find(text, who)
            speaker = Speaker(start=ws, end=we, text=who, name=who)
        qs.append(Quote(start=s, end=e, text=piece, kind=kind, speaker=speaker, speech=speech))
    return Analysis(
        article=Article(title=title, text=text, url=url, source=source, published=published),
        techniques=spans, quotes=qs, entities=ents, embedding=embedding,
        provenance=Provenance(
            slant_version="0.1.0",
            stages=[StageProvenance(name=name, version=version, model_hash="abc")
                    for name in stages],
            analyzed_at=datetime(2026, 3, 5, tzinfo=UTC),
        ),
    )


TEXT_A = (
    "Mayor Jane Holt called the harbour plan a reckless disaster on Monday. "
    '"We will not let them wreck our town," Holt said. '
    "The council, a body of cowards according to Holt, voted again."
)
TEXT_B = (
    "The harbour plan passed its second vote. Council leader Omar Reyes praised the result. "
    '"This is a good day for every family here," Reyes said. Critics called it a sell-out.'
)


def analysis_a(**kw) -> Analysis:
    args = dict(
        title="Mayor attacks harbour plan",
        source="Daily Example",
        url="https://www.example.org/news/harbour-plan?utm_source=feed",
        techniques=[("Loaded_Language", "reckless disaster"),
                    ("Name_Calling,Labeling", "a body of cowards")],
        entities=[("Jane Holt", "PERSON", ["Mayor Jane Holt", "Holt"], []),
                  ("Council", "ORG", ["The council"], ["a body of cowards"])],
        quotes=[("direct", '"We will not let them wreck our town,"', "Holt")],
        embedding=[0.5, 0.25, 0.0, -0.5],
    )
    args.update(kw)
    return build(TEXT_A, **args)


def analysis_b(**kw) -> Analysis:
    args = dict(
        title="Harbour plan passes",
        source="Evening Sample",
        published=datetime(2026, 4, 2, 18, 0, tzinfo=UTC),
        url="https://sample.test/harbour",
        techniques=[("Loaded_Language", "sell-out")],
        entities=[("Omar Reyes", "PERSON", ["Council leader Omar Reyes", "Reyes"], ["Council leader"]),
                  ("Council", "ORG", ["Council"], [])],
        quotes=[("direct", '"This is a good day for every family here,"', "Reyes")],
        embedding=[0.5, 0.25, 0.25, -0.5],
    )
    args.update(kw)
    return build(TEXT_B, **args)
