"""Span features for the technique classifier: pooled encoder states, hand features, n-grams.

The hand features are the cheap signals SemEval-2020 TC systems found useful: length,
how often the span's text repeats in the article (Repetition), quotes around it, '!' and
'?', capitals, position. The n-gram part is a TF-IDF transform with a fixed vocabulary
(sublinear tf, idf weights, L2 norm per analyzer), stored as plain JSON, never pickled.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

QUOTES_OPEN = "\"'“‘«"
QUOTES_CLOSE = "\"'”’»"


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, (len(text) if le < 0 else le)


def hand_features(text: str, start: int, end: int, lower_text: str | None = None,
                  word_counts: dict[str, int] | None = None) -> list[float]:
    """The span's hand features. ``word_counts``: a dict kept across the spans of one text,
    filled with how often each word occurs in ``lower_text`` (a span's words are counted over
    the whole text, so without it many spans in a long text cost spans × text length)."""
    span = text[start:end]
    low = span.lower().strip()
    words = span.split()
    lower_text = text.lower() if lower_text is None else lower_text
    count = lower_text.count(low) if low else 0
    ls, le = line_bounds(text, start, end)
    before = text[start - 1:start] if start > 0 else ""
    after = text[end:end + 1]
    title_end = text.find("\n")
    in_title = float(0 <= start < title_end) if title_end > 0 else 0.0
    nw = max(1, len(words))
    # Repetition is mostly the later occurrences of a phrase: how often it came before, after,
    # and how often the span's content words recur in the article
    seen_before = lower_text.count(low, 0, start) if low else 0
    seen_after = lower_text.count(low, end) if low else 0
    memo: dict[str, int] = {} if word_counts is None else word_counts
    counts = []
    for w in re.findall(r"\w+", low):
        if len(w) > 3:
            if w not in memo:
                memo[w] = lower_text.count(w)
            counts.append(memo[w])
    counts = counts or [0]
    return [
        math.log1p(len(span)), math.log1p(len(words)), math.log1p(count),
        float(count >= 2), float(count >= 3),
        float(bool(before) and before in QUOTES_OPEN), float(bool(after) and after in QUOTES_CLOSE),
        float(span.rstrip().endswith("!")), float("?" in text[start:le]),
        float(span.rstrip().endswith("?")), sum(w[:1].isupper() for w in words) / nw,
        float(span.isupper()), start / max(1, len(text)), float(start == ls), float(end >= le - 1),
        (end - start) / max(1, le - ls), in_title,
        math.log1p(seen_before), math.log1p(seen_after), float(seen_before > 0),
        math.log1p(sum(counts) / len(counts)), math.log1p(max(counts)),
    ]


N_HAND = 22  # features 18-22 came with model 1.3; older models use the first 17


def token_range(offsets: np.ndarray, start: int, end: int) -> np.ndarray:
    """Indices of the wordpieces overlapping [start, end); the nearest one when none do."""
    idx = np.nonzero((offsets[:, 0] < end) & (offsets[:, 1] > start))[0]
    if len(idx) == 0 and len(offsets):
        idx = np.array([min(len(offsets) - 1, max(0, int(np.searchsorted(offsets[:, 0], start)) - 1))])
    return idx


def embed_features(text: str, offsets: np.ndarray, states: np.ndarray, start: int, end: int,
                   hidden: int) -> np.ndarray:
    """[mean of span states, last-layer first/last/max, mean of the line's states]."""
    dim = states.shape[1]
    if len(offsets) == 0:
        return np.zeros(dim * 2 + hidden * 3, dtype=np.float32)
    idx = token_range(offsets, start, end)
    sp = states[idx]
    last = slice(dim - hidden, dim)
    ls, le = line_bounds(text, start, end)
    ctx = states[token_range(offsets, ls, max(le, ls + 1))]
    return np.concatenate([sp.mean(0), sp[0, last], sp[-1, last], sp[:, last].max(0), ctx.mean(0)]).astype(np.float32)


def span_features(text: str, offsets: np.ndarray, states: np.ndarray, spans: list[tuple[int, int]],
                  hidden: int) -> np.ndarray:
    """The classifier's row for each ``(start, end)`` of one text: embeddings, then hand features."""
    if not spans:
        return np.zeros((0, 1), np.float32)
    lower = text.lower()
    memo: dict[str, int] = {}
    return np.stack([np.concatenate([embed_features(text, offsets, states, s, e, hidden),
                                     np.asarray(hand_features(text, s, e, lower, memo), np.float32)])
                     for s, e in spans])


@dataclass
class NgramVectorizer:
    """TF-IDF over word 1-2-grams and char 2-5-grams (within words), vocabulary fixed."""

    word_vocab: dict[str, int]
    word_idf: np.ndarray
    char_vocab: dict[str, int]
    char_idf: np.ndarray

    @staticmethod
    def _counters(word_vocab=None, char_vocab=None, min_df: int = 1):
        from sklearn.feature_extraction.text import CountVectorizer

        w = CountVectorizer(ngram_range=(1, 2), vocabulary=word_vocab, min_df=1 if word_vocab else min_df)
        c = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), vocabulary=char_vocab,
                            min_df=1 if char_vocab else 2)
        return w, c

    @classmethod
    def fit(cls, texts: list[str]) -> NgramVectorizer:
        w, c = cls._counters()
        Xw, Xc = w.fit_transform(texts), c.fit_transform(texts)
        n = len(texts)

        def idf(X):
            df = np.bincount(X.indices, minlength=X.shape[1])
            return (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)

        return cls({k: int(v) for k, v in w.vocabulary_.items()}, idf(Xw),
                   {k: int(v) for k, v in c.vocabulary_.items()}, idf(Xc))

    @property
    def size(self) -> int:
        return len(self.word_idf) + len(self.char_idf)

    def transform(self, texts: list[str]):
        import scipy.sparse as sp

        w, c = self._counters(self.word_vocab, self.char_vocab)
        parts = []
        for vec, idf in ((w, self.word_idf), (c, self.char_idf)):
            X = vec.transform(texts).astype(np.float32).tocsr()
            X.data = 1.0 + np.log(X.data)
            X = X.multiply(idf[None, :]).tocsr()
            norms = np.sqrt(np.asarray(X.multiply(X).sum(1)).ravel())
            norms[norms == 0] = 1.0
            parts.append(sp.diags(1.0 / norms) @ X)
        return sp.hstack(parts).tocsr()

    def to_json(self) -> dict:
        return {"word_vocab": self.word_vocab, "word_idf": self.word_idf.round(5).tolist(),
                "char_vocab": self.char_vocab, "char_idf": self.char_idf.round(5).tolist()}

    @classmethod
    def from_json(cls, d: dict) -> NgramVectorizer:
        return cls(d["word_vocab"], np.asarray(d["word_idf"], dtype=np.float32),
                   d["char_vocab"], np.asarray(d["char_idf"], dtype=np.float32))
