"""Records: stable ids, span invariant, the checked-in JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

import slant
from slant.models import (
    Analysis,
    Article,
    Provenance,
    Quote,
    Span,
    Speaker,
    TechniqueSpan,
    analysis_json_schema,
    article_id,
    check_spans,
)

SCHEMA_FILE = Path(slant.__file__).parent / "schema" / "analysis.schema.json"


def test_article_id_is_stable_under_whitespace_and_depends_on_url():
    assert article_id("A  b\n c") == article_id("A b c")
    assert article_id("A b c", "https://x.test/1") != article_id("A b c")
    assert Article(text="A b c").id == article_id("A b c")


def test_span_end_before_start_is_rejected():
    with pytest.raises(ValidationError, match="before its start"):
        Span(start=5, end=2, text="")


def test_check_spans_reports_mismatched_text():
    art = Article(text="The mayor said it was “a disgrace”.")
    good = TechniqueSpan(technique="Loaded_Language", start=23, end=32, text="a disgrac", score=0.5)
    bad = Quote(start=0, end=3, text="Tha", kind="direct",
                speaker=Speaker(name="Mayor", start=4, end=9, text="mayor"))
    a = Analysis(article=art, techniques=[good], quotes=[bad], provenance=Provenance(slant_version="x"))
    problems = check_spans(a)
    assert len(problems) == 1 and "quote" in problems[0]


def test_checked_in_schema_matches_the_code():
    """Docs that cannot drift: regenerate with `make schema`."""
    assert json.loads(SCHEMA_FILE.read_text()) == analysis_json_schema()


def test_schema_validates_real_output_and_rejects_broken():
    jsonschema = pytest.importorskip("jsonschema")
    art = Article(title="T", text="Critics called it “a reckless gamble”.", source="Test Wire")
    a = Analysis(article=art, provenance=Provenance(slant_version=slant.__version__),
                 techniques=[TechniqueSpan(technique="Loaded_Language", start=18, end=36,
                                           text=art.text[18:36], score=0.7)])
    doc = a.to_json_dict()
    schema = analysis_json_schema()
    jsonschema.validate(doc, schema)
    assert "embedding" not in doc and "origin" not in doc["article"]
    doc["techniques"][0].pop("score")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)
