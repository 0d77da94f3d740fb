"""What a saved analysis becomes: its article row (with the hashes that tell an unchanged
analysis from a changed one) and its child rows (spans, quotes, entities, names), and the
time and name forms the store keeps."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from slant.models import Analysis, counted_quote
from slant.names import article_names
from slant.names import norm_name as _norm_name
from slant.store import schema as t
from slant.store.keys import content_hash, pipeline_fingerprint
from slant.store.targets import aimed_at
from slant.voice import has_voice, voice_words


def utc_naive(dt: datetime | None) -> datetime | None:
    """``dt`` in UTC without tzinfo (naive datetimes are taken to be UTC already)."""
    if dt is None:
        return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt


def as_utc(dt: datetime | None) -> datetime | None:
    """A stored (naive UTC) datetime as an aware UTC one."""
    return dt.replace(tzinfo=UTC) if dt is not None and dt.tzinfo is None else dt


def norm_name(name: str) -> str:
    return _norm_name(name)


def pack_embedding(vec: list[float] | None) -> bytes | None:
    if not vec:
        return None
    import numpy as np

    return np.asarray(vec, dtype="<f4").tobytes()


def _analysis_json(analysis: Analysis) -> str:
    return json.dumps(
        analysis.model_dump(mode="json", exclude={"article": True, "embedding": True}),
        ensure_ascii=False, separators=(",", ":"),
    )


def _meta_json(analysis: Analysis) -> str:
    meta = analysis.article.model_dump(mode="json", exclude={"text", "id"})
    meta["removed"] = meta.pop("removed")  # the key order stored hashes were made with
    return json.dumps(meta, ensure_ascii=False, separators=(",", ":"))


def article_values(analysis: Analysis, key: str) -> dict[str, Any]:
    art = analysis.article
    published = utc_naive(art.published)
    words = len(art.text.split())
    payload = _analysis_json(analysis)
    meta = _meta_json(analysis)
    emb = pack_embedding(analysis.embedding)
    voiced = has_voice(analysis)
    narrator_words, quoted_words = voice_words(art.text, analysis.quotes) if voiced else (None, None)
    ah = hashlib.sha256()
    for part in (payload, meta):
        ah.update(part.encode("utf-8"))
        ah.update(b"\x00")
    ah.update(emb or b"")
    return {
        "key": key,
        "key_hash": hashlib.sha256(key.encode("utf-8")).hexdigest(),
        "url": art.url,
        "title": art.title,
        "text": art.text,
        "source": (art.source or "")[:300],
        "published": published,
        "month": published.strftime("%Y-%m") if published else "unknown",
        "language": art.language,
        "words": words,
        "spans": len(analysis.techniques),
        "quotes": sum(1 for q in analysis.quotes if counted_quote(q)),
        "entities": len(analysis.entities),
        "narrator_words": narrator_words,
        "narrator_spans": sum(t.voice == "narrator" for t in analysis.techniques) if voiced else None,
        "quoted_words": quoted_words,
        "quoted_spans": sum(t.voice == "quoted" for t in analysis.techniques) if voiced else None,
        "content_hash": content_hash(art),
        "analysis_hash": ah.hexdigest(),
        "fingerprint": pipeline_fingerprint(analysis.provenance),
        "slant_version": analysis.provenance.slant_version[:32],
        "stored_at": datetime.now(UTC).replace(tzinfo=None),
        "meta": meta,
        "analysis": payload,
        "embedding": emb,
    }


def child_rows(analysis: Analysis, pk: int, source: str) -> dict[Any, list[dict[str, Any]]]:
    rows: dict[Any, list[dict[str, Any]]] = {}
    rows[t.techniques] = [
        {"article_pk": pk, "source": source, "technique": s.technique, "start": s.start,
         "end": s.end, "score": s.score, "voice": s.voice, "quote_index": s.quote_index}
        for s in analysis.techniques
    ]
    rows[t.quotes] = [
        {"article_pk": pk, "source": source, "kind": q.kind, "start": q.start, "end": q.end,
         "speaker": q.speaker.name[:300] if q.speaker else None,
         "speaker_norm": norm_name(q.speaker.name) if q.speaker else None, "speech": q.speech,
         "continues": q.continues}
        for q in analysis.quotes
    ]
    rows[t.entities] = [
        {"article_pk": pk, "source": source, "name": e.name[:300], "name_norm": norm_name(e.name),
         "type": e.type, "mentions": len(e.mentions)} for e in analysis.entities
    ]
    rows[t.descriptors] = [
        {"article_pk": pk, "source": source, "entity_norm": norm_name(e.name), "kind": d.kind,
         "text": d.text, "voice": d.voice, "speaker": _speaker_of(analysis, d.quote_index)}
        for e in analysis.entities for d in e.descriptors
    ]
    rows[t.targets] = [
        {"article_pk": pk, "source": source, "entity_norm": norm_name(name),
         "technique": analysis.techniques[i].technique, "voice": analysis.techniques[i].voice}
        for i, name in aimed_at(analysis)
    ]
    return rows


def name_rows(analysis: Analysis, pk: int, source: str) -> list[dict[str, Any]]:
    """The article's names and their groups (slant.names), not yet linked to an actor."""
    return [
        {"article_pk": pk, "source": source, "grp": n.group, "name": n.name, "name_norm": n.norm,
         "key": n.key[:300], "type": n.type, "kind": n.kind, "female": n.female, "male": n.male,
         "actor_id": None}
        for n in article_names(analysis)
    ]


def _speaker_of(analysis: Analysis, quote_index: int | None) -> str | None:
    if quote_index is None or quote_index >= len(analysis.quotes):
        return None
    sp = analysis.quotes[quote_index].speaker
    return sp.name[:300] if sp else None
