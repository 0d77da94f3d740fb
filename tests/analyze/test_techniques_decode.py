"""Span decoding, word snapping, text blocks, the PTC reader and the dev split: no model needed."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from slant.analyze.techniques.encoder import split_blocks
from slant.analyze.techniques.features import N_HAND, NgramVectorizer, hand_features
from slant.analyze.techniques.model import decode_spans, snap_to_words, technique_runs
from slant.models import TECHNIQUES
from slant.training.techniques.data import (
    DEV_IDS_FILE,
    load_ptc,
    make_dev_split,
    read_ids,
    read_labels,
)

TEXT = "The mayor called it a total disaster for everyone.\nNobody agreed with him."


def _offsets(text: str) -> np.ndarray:
    out, i = [], 0
    for w in text.split():
        i = text.index(w, i)
        out.append((i, i + len(w)))
        i += len(w)
    return np.asarray(out)


def test_snap_widens_to_whole_words():
    assert snap_to_words(TEXT, TEXT.index("otal"), TEXT.index("disaster") + 3) == (
        TEXT.index("total"), TEXT.index("disaster") + len("disaster"))
    s = TEXT.index("mayor")
    assert snap_to_words(TEXT, s, s + 5) == (s, s + 5)


def test_decode_joins_close_runs_on_a_line_only():
    off = _offsets(TEXT)
    words = TEXT.split()
    logits = np.full(len(words), -5.0)
    for w in ("total", "everyone.", "Nobody"):
        logits[words.index(w)] = 5.0
    spans = decode_spans(TEXT, off, logits, 0.5, join_gap=20, min_chars=3)
    got = [TEXT[s:e] for s, e, _ in spans]
    # "total" and "everyone." are 17 chars apart on one line: joined; "Nobody" starts a new line
    assert got == ["total disaster for everyone.", "Nobody"]
    assert all(m == pytest.approx(5.0) or m < 5.0 for _, _, m in spans)


def test_decode_drops_short_spans_and_handles_nothing():
    off = _offsets(TEXT)
    logits = np.full(len(off), -5.0)
    logits[TEXT.split().index("it")] = 5.0
    assert decode_spans(TEXT, off, logits, 0.5, join_gap=0, min_chars=6) == []
    assert decode_spans("", np.zeros((0, 2), int), np.zeros(0), 0.5, 20, 6) == []


def test_technique_runs_add_one_technique_spans_beside_the_classified_ones():
    off = _offsets(TEXT)
    words = TEXT.split()
    logits = np.full((len(words), 1 + len(TECHNIQUES)), -5.0)
    loaded = 1 + TECHNIQUES.index("Loaded_Language")
    logits[words.index("total"), loaded] = logits[words.index("disaster"), loaded] = 3.0
    params = {"token_threshold": 0.5, "join_gap": 10, "min_chars": 3, "calibration": [1.0, 0.0]}
    doubt = (0, TEXT.index("\n"), "Doubt", 0.9)  # a classified span around the loaded words
    runs = technique_runs(TEXT, off, logits, params, [doubt], threshold=0.5)
    assert [(TEXT[s:e], t) for s, e, t, _ in runs] == [("total disaster", "Loaded_Language")]
    assert runs[0][3] == pytest.approx(1 / (1 + np.exp(-3.0)))  # the calibrated mean logit
    # not where a span of the same technique already is, not under the threshold, not without params
    assert technique_runs(TEXT, off, logits, params, [doubt[:2] + ("Loaded_Language", 0.9)], 0.5) == []
    assert technique_runs(TEXT, off, logits, params, [doubt], threshold=0.99) == []
    assert technique_runs(TEXT, off, logits, None, [doubt], threshold=0.0) == []


def test_blocks_cover_the_text_and_cut_at_line_ends():
    text = "\n".join(f"Line number {i} says something plain." for i in range(400))
    blocks = split_blocks(text, limit=1000)
    assert blocks[0][0] == 0 and blocks[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(blocks))
    assert all(e - s <= 1000 for s, e in blocks)
    assert all(text[e - 1] == "\n" for _, e in blocks[:-1])
    assert split_blocks("") == []
    one_line = "word " * 1000
    assert all(e - s <= 1000 for s, e in split_blocks(one_line, limit=1000))


def test_hand_features_see_repetition_and_quotes():
    text = 'They said "make it great" and then: make it great, make it great!'
    s = text.index("make it great")
    f = hand_features(text, s, s + len("make it great"))
    assert f[3] == 1.0 and f[4] == 1.0          # repeated at least twice, three times
    assert f[5] == 1.0 and f[6] == 1.0          # quoted
    assert len(f) == N_HAND == 22
    assert f[17] == 0.0 and f[19] == 0.0        # the first occurrence: nothing before it
    later = hand_features(text, text.rindex("make it great"), len(text) - 1)
    assert later[17] > 0 and later[19] == 1.0 and later[18] == 0.0


def test_hand_features_word_counts_kept_across_spans_change_nothing():
    text = "Ruthless elites betray workers.\nThe elites lie; workers know the elites lie, ruthless."
    spans = [(0, 15), (9, 30), (36, 42), (36, 60), (60, len(text))]
    memo: dict[str, int] = {}
    shared = [hand_features(text, s, e, text.lower(), memo) for s, e in spans]
    assert shared == [hand_features(text, s, e) for s, e in spans]
    assert memo["elites"] == 3 and memo["ruthless"] == 2   # each word counted once per text


def test_ngram_vectorizer_round_trips_through_json():
    texts = ["a shameful betrayal", "the radical left", "a total disaster"]
    vec = NgramVectorizer.fit(texts)
    again = NgramVectorizer.from_json(vec.to_json())
    a, b = vec.transform(texts).toarray(), again.transform(texts).toarray()
    assert np.allclose(a, b, atol=1e-4)
    assert np.allclose(np.linalg.norm(a[:, :len(vec.word_idf)], axis=1), 1.0)


def test_reader_and_labels(tmp_path: Path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "article7.txt").write_text("Title\n\nA plain body.\n", encoding="utf-8")
    (tmp_path / "labels-TC.tsv").write_text("7\tDoubt\t0\t5\n7\tRepetition\t7\t12\n", encoding="utf-8")
    arts = load_ptc(tmp_path)
    assert [a.id for a in arts] == ["7"]
    assert [(x.technique, x.start, x.end) for x in arts[0].labels] == [("Doubt", 0, 5), ("Repetition", 7, 12)]
    si = tmp_path / "si.tsv"
    si.write_text("7\t0\t5\n", encoding="utf-8")
    assert [(x.technique, x.start) for x in read_labels(si, with_technique=False)["7"]] == [(None, 0)]


def test_dev_split_is_fixed_and_reproducible():
    ids = read_ids(DEV_IDS_FILE)
    assert len(ids) == 60
    assert make_dev_split([str(i) for i in range(100)]) == make_dev_split([str(i) for i in range(100)])


def test_dev_split_ids_are_ptc_articles(ptc_dir: Path):
    arts = load_ptc(ptc_dir)
    ids = read_ids(DEV_IDS_FILE)
    assert ids <= {a.id for a in arts}
    assert sorted(ids) == make_dev_split([a.id for a in arts])


def test_segments_give_one_canonical_text_whatever_the_whitespace():
    from slant.analyze.techniques.segments import segments

    body = "They lied to us.\nWe will not forget it."
    variants = [body, body.replace("\n", "\r\n"), body.replace("\n", "  \n\n") + " \n",
                "\n\t" + body.replace("lied to", "lied\u00a0to"), "A Headline Here\n\n" + body,
                "A Headline Here\r\n" + body.replace("\n", "\r\n")]
    for text in variants:
        segs = segments(text)
        assert segs[-1].text == body, repr(text)
        for seg in segs:
            assert len(seg.index) == len(seg.text) + 1
            for i, ch in enumerate(seg.text):  # each canonical character maps to its original
                if ch != "\n":
                    assert text[seg.index[i]] in (ch, "\u00a0")
            s, e = seg.span(0, len(seg.text))
            assert text[s:e].replace("\u00a0", " ").split() == seg.text.split()
    assert [sg.text for sg in segments("A Headline Here\n\n" + body)] == ["A Headline Here", body]


def test_a_first_paragraph_is_not_a_title():
    from slant.analyze.techniques.segments import segments

    assert len(segments("The mayor resigned today.\n\nNobody was surprised.")) == 1
    assert len(segments("Is this the end?\nMaybe.")) == 1
    assert len(segments("x" * 301 + "\nMore text.")) == 1
    assert segments("") == [] and segments(" \n\t\n") == []
    assert [s.text for s in segments("Only a title")] == ["Only a title"]
