"""Quotes on a few PolNeAR dev articles (skips when ../shared/data/polnear is absent)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_quotes_on_polnear_dev_sample(polnear_dir):
    from slant.training.polnear import read_split
    from slant.training.quotes.evaluate import evaluate_quotes

    articles = read_split(polnear_dir, "dev", limit=6)
    assert articles and all(a.attributions for a in articles)
    report = evaluate_quotes(polnear_dir, articles=articles)
    r30, r80 = report["overlap_30"], report["overlap_80"]
    # a loose floor far below the full-dev figures in docs/quotes.md: catches a broken stage
    assert r30["direct"]["f1"] >= 0.6
    assert r30["all"]["f1"] >= 0.4
    assert r30["speaker_accuracy"] >= 0.6
    assert r80["all"]["f1"] <= r30["all"]["f1"]
    speech = r30["speech"]
    assert speech["all"]["gold"] < r30["all"]["gold"] and speech["speaker_accuracy"] >= 0.6


def test_every_span_is_its_slice_on_polnear(polnear_dir):
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes import extract_quotes
    from slant.models import Analysis, Article, Provenance, check_spans
    from slant.training.polnear import read_split

    for art in read_split(polnear_dir, "dev", limit=3):
        doc = parse_text(art.text)
        ents = extract_entities(doc)
        analysis = Analysis(article=Article(text=art.text), quotes=extract_quotes(doc, ents),
                            entities=ents, provenance=Provenance(slant_version="test"))
        assert check_spans(analysis) == []
