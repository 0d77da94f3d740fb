"""Hand-built analyses and a rule-based fake pipeline, so web tests need no models.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from slant.glossary import glossary_for
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
from slant.pipeline import summarize
from slant.voice import with_voice

# (pattern, technique, score): each match becomes a technique span.
RULES: list[tuple[str, str, float]] = [
    (r"reckless scheme", "Loaded_Language", 0.91),
    (r"scheme", "Name_Calling,Labeling", 0.62),          # nested inside the span above
    (r"total disaster", "Exaggeration,Minimisation", 0.84),
    (r"every sensible family", "Bandwagon,Reductio_ad_hitlerum", 0.7),
    (r"Can we really trust [^?]*\?", "Doubt", 0.77),
    (r"Our valley, our choice!", "Slogans", 0.88),
    (r"true patriots?", "Flag-Waving", 0.66),
    (r"<script>[^<]*</script>", "Loaded_Language", 0.5),
]
QUOTE = re.compile(r'"([^"]{3,}?)[,.]?" said ([A-Z][a-z]+ [A-Z][a-z]+)')
DESCRIBED = re.compile(r"([A-Z][a-z]+ [A-Z][a-z]+), (the [a-z ]+?),")


def _spans(text: str) -> list[TechniqueSpan]:
    out = []
    for pattern, technique, score in RULES:
        for m in re.finditer(pattern, text):
            out.append(TechniqueSpan(start=m.start(), end=m.end(), text=m.group(0),
                                     technique=technique, score=score))
    return sorted(out, key=lambda s: (s.start, -s.end))


def _quotes_entities(text: str) -> tuple[list[Quote], list[Entity]]:
    quotes: list[Quote] = []
    ents: dict[str, Entity] = {}
    for m in QUOTE.finditer(text):
        name = m.group(2)
        speaker = Speaker(start=m.start(2), end=m.end(2), text=name, name=name)
        quotes.append(Quote(start=m.start(1), end=m.end(1), text=m.group(1), kind="direct",
                            speaker=speaker))
        e = ents.setdefault(name, Entity(name=name, type="PERSON"))
        e.mentions.append(Mention(start=m.start(2), end=m.end(2)))
    for m in DESCRIBED.finditer(text):
        name = m.group(1)
        e = ents.setdefault(name, Entity(name=name, type="PERSON"))
        e.mentions.append(Mention(start=m.start(1), end=m.end(1)))
        e.descriptors.append(Descriptor(start=m.start(2), end=m.end(2), text=m.group(2),
                                        kind="appositive"))
    return quotes, list(ents.values())


def _embedding(article: Article) -> list[float]:
    """Articles on the same topic get nearly the same vector, so they cluster into a story."""
    text = article.text.lower()
    topic = 0 if "harbour" in text else 1 if "school" in text else 2
    vec = [0.01 * ((len(text) + i) % 3) for i in range(16)]
    vec[topic] = 1.0
    return vec


def make_analysis(article: Article) -> Analysis:
    quotes, entities = _quotes_entities(article.text)
    analysis = Analysis(
        article=article,
        techniques=_spans(article.text),
        quotes=quotes,
        entities=entities,
        provenance=Provenance(slant_version="test",
                              stages=[StageProvenance(name="fake", version="1"),
                                      StageProvenance(name="quotes", version="1")],
                              analyzed_at=datetime(2026, 1, 1, tzinfo=UTC)),
    )
    analysis = with_voice(analysis)  # whose words each span is, as the voice stage does
    analysis.embedding = _embedding(article)
    analysis.summary = summarize(analysis)
    analysis.glossary = glossary_for({t.technique for t in analysis.techniques})
    return analysis


class FakePipeline:
    """Anything with ``.analyze(article) -> Analysis`` will do for the web layer."""

    def __init__(self) -> None:
        self.calls = 0

    def analyze(self, article: Article) -> Analysis:
        self.calls += 1
        return make_analysis(article)


SAMPLE = (
    "Harbour plan splits the valley\n\n"
    "The council voted on Tuesday to approve the harbour plan. Critics called it a reckless "
    "scheme that would be a total disaster for the fishing fleet. "
    '"We were never asked what we wanted," said Mara Olsen, who has fished here for thirty years. '
    "Mara Olsen, the harbour master, said the vote came too fast. "
    "Can we really trust a report paid for by the developers? "
    '"This plan creates two hundred jobs and we stand by it," said Tomas Berg. '
    "Protesters outside chanted: Our valley, our choice! "
    "Supporters said every sensible family in town backs the plan, and true patriots should too."
)

OUTLETS = ("Valley Post", "Harbour Herald", "Coast Daily")


def corpus_articles(n: int = 12) -> list[Article]:
    """Articles from three outlets over several months, on two stories."""
    base = datetime(2025, 9, 1, tzinfo=UTC)
    out = []
    for i in range(n):
        outlet = OUTLETS[i % 3]
        if i % 2 == 0:
            body = (f"Harbour vote number {i}. Critics called the harbour plan a reckless scheme. "
                    '"We were never asked what we wanted," said Mara Olsen. '
                    "Mara Olsen, the harbour master, spoke at the hall.")
        else:
            body = (f"School budget report {i}. The cuts would be a total disaster for pupils. "
                    '"The budget is balanced and fair to every school," said Tomas Berg. '
                    "Tomas Berg, the finance chief, defended the cuts.")
        out.append(Article(title=f"{outlet} story {i}", text=body, source=outlet,
                           url=f"https://news.example/{i}",
                           published=base + timedelta(days=30 * (i // 4), hours=3 * i)))
    return out
