"""Group articles on the same story, incrementally, from four signals.

For each article, in publication order, against the stories whose articles lie within
``reach`` × ``window_hours`` of it (every story, for an undated article):

    score = cosine(article embedding, story centroid)
            + entity_weight · Jaccard(article actors, story's top actors)
            + content_weight · Jaccard(article content terms, story's top terms)
            − time_weight · min(gap / window, reach)

where the gap is the time between the article and the story's nearest article (none for
undated articles: time is a soft signal, and articles without dates still group). The
article joins the best-scoring story when ``score ≥ threshold``, else it starts a new story.

The embedding is all-MiniLM-L6-v2 of title and lead (the ``embed`` stage); an article
stored without one falls back to the token overlap of its title with the story's title.
Actors are the article's resolved actors where known, else its people's and
organisations' names as the actor rules normalise them. Content terms are the full text's
most frequent content words (:func:`content_terms`). Stories keep a running centroid,
actor and term counts, so new articles are placed without reclustering the corpus
(``update_stories``); ``rebuild=True`` starts over.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

import numpy as np

from slant.names import content_terms  # noqa: F401  (re-exported: part of the rules)

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(["a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "but", "at", "by", "with", "from", "as", "is", "are", "was", "were", "be", "has", "have", "had", "it", "its", "this", "that", "after", "over", "into", "says", "said", "new"])


@dataclass(frozen=True)
class StoryParams:
    """Clustering knobs; the defaults suit all-MiniLM-L6-v2 title-and-lead embeddings."""

    threshold: float = 0.65
    entity_weight: float = 0.3
    content_weight: float = 0.2
    time_weight: float = 0.1
    window_hours: float = 72.0
    reach: float = 3.0
    top_entities: int = 10
    top_terms: int = 30


class StoryState:
    """A story while clustering: what the store keeps between runs (duck-typed to
    :class:`slant.store.records.StoredStory`; ``id <= 0`` marks a new story)."""

    def __init__(self, id: int, title: str | None, size: int = 0,
                 centroid: list[float] | None = None, entities: dict[str, int] | None = None,
                 first_published: datetime | None = None,
                 last_published: datetime | None = None,
                 terms: dict[str, int] | None = None) -> None:
        self.id = id
        self.terms = dict(terms or {})
        self.title = title
        self.size = size
        self.centroid = centroid
        self.entities = dict(entities or {})
        self.first_published = first_published
        self.last_published = last_published


class _Candidate(Protocol):
    id: str
    title: str | None
    published: datetime | None
    embedding: list[float] | None
    entities: list[str]


class _Stored(Protocol):
    id: int
    title: str | None
    size: int
    centroid: list[float] | None
    entities: dict[str, int]
    first_published: datetime | None
    last_published: datetime | None


class StoryStore(Protocol):
    """What :func:`update_stories` needs of a store (``slant.store.Store`` has it)."""

    def story_candidates(self, *, unassigned_only: bool = True) -> list: ...
    def open_stories(self, since: datetime | None = None) -> list: ...
    def save_stories(self, stories: list, assignments: dict[str, int]) -> dict[int, int]: ...
    def reset_stories(self) -> None: ...


@dataclass
class Clustering:
    """The result of :func:`cluster`: stories touched (new ones with ids <= 0) and which
    story each article joined."""

    stories: list[StoryState] = field(default_factory=list)
    assignments: dict[str, int] = field(default_factory=dict)


@dataclass
class StoryRun:
    articles: int
    new_stories: int
    grown_stories: int


def _aware(t: datetime | None) -> datetime | None:
    if t is None:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _top(counts: dict[str, int], k: int) -> list[str]:
    """The ``k`` most frequent keys, ties broken by the key (the same on every run)."""
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def _title_tokens(title: str | None) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall((title or "").lower()) if w not in _STOP)


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


class _Index:
    """Story centroids as one growing matrix (sums of unit vectors, their norms, and each
    story's last publication time), for one matrix-vector product per article over the
    stories still active."""

    def __init__(self, dim: int | None) -> None:
        self.dim = dim
        self.sums = np.zeros((64, dim or 1), dtype=np.float32)
        self.norms = np.ones(64, dtype=np.float32)
        self.last = np.full(64, np.inf)  # epoch seconds; +inf: undated (always active)
        self.n = 0

    def add(self, vec: np.ndarray | None, last: datetime | None) -> int:
        if self.n == len(self.sums):
            self.sums = np.concatenate([self.sums, np.zeros_like(self.sums)])
            self.norms = np.concatenate([self.norms, np.ones_like(self.norms)])
            self.last = np.concatenate([self.last, np.full(len(self.last), np.inf)])
        self.n += 1
        self.update(self.n - 1, vec, last)
        return self.n - 1

    def update(self, i: int, vec: np.ndarray | None, last: datetime | None) -> None:
        if vec is not None:
            self.sums[i] += vec
            norm = float(np.linalg.norm(self.sums[i]))
            self.norms[i] = norm or 1.0
        self.last[i] = last.timestamp() if last is not None else np.inf

    def active(self, t: datetime | None, window: timedelta) -> np.ndarray:
        """Indices of stories whose last article is within ``window`` before ``t``."""
        if t is None:
            return np.arange(self.n)
        return np.nonzero(self.last[: self.n] >= t.timestamp() - window.total_seconds())[0]

    def cosines(self, vec: np.ndarray, idx: np.ndarray) -> np.ndarray:
        return (self.sums[idx] @ vec) / self.norms[idx]


@dataclass
class _Article:
    """One candidate as clustering reads it: its time, unit embedding (None without one of
    the index's width), entity keys and content terms."""

    id: str
    title: str | None
    t: datetime | None
    vec: np.ndarray | None
    ents: set[str]
    terms: set[str]


def _article(c: _Candidate, dim: int | None) -> _Article:
    vec = None
    if c.embedding and dim and len(c.embedding) == dim:
        vec = np.asarray(c.embedding, dtype=np.float32)
        norm = float(np.linalg.norm(vec))
        vec = vec / norm if norm else None
    return _Article(id=c.id, title=c.title, t=_aware(c.published), vec=vec, ents=set(c.entities),
                    terms=set(getattr(c, "terms", None) or ()))


class _Board:
    """The stories while clustering: their states, the centroid index and title tokens."""

    def __init__(self, stories: list[StoryState], dim: int | None, p: StoryParams) -> None:
        self.stories, self.dim, self.p = stories, dim, p
        self.index = _Index(dim)
        for s in stories:
            vec = None
            if s.centroid is not None and dim and len(s.centroid) == dim:
                vec = np.asarray(s.centroid, dtype=np.float32) * max(s.size, 1)
            self.index.add(vec, s.last_published)
        self.titles = [_title_tokens(s.title) for s in stories]
        self.window = timedelta(hours=p.window_hours)
        self.reach = self.window * p.reach
        self.next_new = 0

    def _time_penalty(self, t: datetime | None, s: StoryState) -> float | None:
        """The score lost for the time between ``t`` and the story; None past its reach."""
        if t is None or s.last_published is None or s.first_published is None:
            return 0.0
        if t > s.last_published:
            dt = t - s.last_published
        elif t < s.first_published:
            dt = s.first_published - t
        else:
            dt = timedelta(0)
        if dt > self.reach:
            return None
        return self.p.time_weight * min(dt / self.window, self.p.reach)

    def best(self, a: _Article) -> tuple[int, float]:
        """The story scoring highest for ``a`` (index, score); (-1, -1e9) when none is active."""
        p = self.p
        best, best_score = -1, -1e9
        idx = self.index.active(a.t, self.reach) if self.stories else np.arange(0)
        if not len(idx):
            return best, best_score
        if a.vec is not None:
            sims = self.index.cosines(a.vec, idx)
        else:
            ct = _title_tokens(a.title)
            sims = np.array([_jaccard(ct, self.titles[i]) for i in idx], dtype=np.float32)
        # Only stories that could reach the threshold need the other signals.
        bonus = p.entity_weight + (p.content_weight if a.terms else 0.0)
        for k in np.nonzero(sims + bonus >= p.threshold)[0]:
            i = int(idx[k])
            s = self.stories[i]
            penalty = self._time_penalty(a.t, s)
            if penalty is None:
                continue
            shared = _jaccard(a.ents, _top(s.entities, p.top_entities))
            score = float(sims[k]) + p.entity_weight * shared - penalty
            if a.terms and p.content_weight:
                score += p.content_weight * _jaccard(a.terms, _top(s.terms, p.top_terms))
            if score > best_score:
                best, best_score = i, score
        return best, best_score

    def new_story(self, a: _Article) -> int:
        self.next_new -= 1
        self.stories.append(StoryState(self.next_new, a.title, 0, None, {}, a.t, a.t, {}))
        self.titles.append(_title_tokens(a.title))
        self.index.add(None, a.t)
        return len(self.stories) - 1

    def join(self, i: int, a: _Article) -> StoryState:
        s = self.stories[i]
        s.size += 1
        for e in a.ents:
            s.entities[e] = s.entities.get(e, 0) + 1
        for w in a.terms:
            s.terms[w] = s.terms.get(w, 0) + 1
        if a.t is not None:
            s.first_published = min(s.first_published or a.t, a.t)
            s.last_published = max(s.last_published or a.t, a.t)
        self.index.update(i, a.vec, s.last_published)
        return s

    def centroid(self, i: int) -> list[float] | None:
        total = self.index.sums[i]
        norm = float(np.linalg.norm(total)) if self.dim else 0.0
        return (total / norm).round(6).tolist() if norm else None


def cluster(candidates: Iterable[_Candidate], existing: Iterable[_Stored] = (),
            params: StoryParams | None = None) -> Clustering:
    """Place ``candidates`` (oldest first) into ``existing`` stories or new ones."""
    p = params or StoryParams()
    stories = [StoryState(s.id, s.title, s.size, s.centroid, s.entities,
                          _aware(s.first_published), _aware(s.last_published),
                          getattr(s, "terms", None)) for s in existing]
    cands = sorted(candidates, key=lambda c: (_aware(c.published) is None,
                                              _aware(c.published) or datetime.min.replace(tzinfo=UTC), c.id))
    dim = next((len(c.embedding) for c in cands if c.embedding), None)
    if dim is None:
        dim = next((len(s.centroid) for s in stories if s.centroid), None)
    board = _Board(stories, dim, p)
    touched: set[int] = set()
    result = Clustering()
    for c in cands:
        a = _article(c, dim)
        best, best_score = board.best(a)
        if best < 0 or best_score < p.threshold:
            best = board.new_story(a)
        s = board.join(best, a)
        touched.add(best)
        result.assignments[a.id] = s.id
    for i in sorted(touched):
        s = stories[i]
        s.centroid = board.centroid(i)
        result.stories.append(s)
    return result


def update_stories(store: StoryStore, params: StoryParams | None = None,
                   rebuild: bool = False) -> StoryRun:
    """Cluster the articles not yet in a story into the store's stories (or start over)."""
    p = params or StoryParams()
    if rebuild:
        store.reset_stories()
    cands = store.story_candidates(unassigned_only=True)
    if not cands:
        return StoryRun(0, 0, 0)
    dated = [t for c in cands if (t := _aware(c.published)) is not None]
    since = (min(dated) - timedelta(hours=p.window_hours * p.reach)) if dated else None
    existing = store.open_stories(since)
    result = cluster(cands, existing, p)
    store.save_stories(result.stories, result.assignments)
    new = sum(1 for s in result.stories if s.id <= 0)
    return StoryRun(len(result.assignments), new, len(result.stories) - new)
