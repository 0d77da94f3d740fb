"""Put a clustering candidate into a real store as a minimal analysis."""

from __future__ import annotations

from slant.models import Analysis, Article, Entity, Provenance


def save_candidate(store, cand) -> str:
    text = f"{cand.title or cand.id}. Body of article {cand.id}."
    analysis = Analysis(
        article=Article(id=cand.id, title=cand.title, text=text, source=cand.source,
                        published=cand.published, url=f"https://news.test/{cand.id}"),
        entities=[Entity(name=e, type="ORG") for e in cand.entities],
        embedding=cand.embedding,
        provenance=Provenance(slant_version="0.1.0"),
    )
    return store.save(analysis)
