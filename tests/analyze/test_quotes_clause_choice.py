"""Which clause a verb of saying reports when the parse hung more than one on it, or hung
its words elsewhere: a "that"-clause read as a relative clause of the noun before it, a
lead-in before a colon, a dashed aside after the words, an object the parse lost while it
kept the object's complement. The model parses these shapes this way only in some long
sentences, so each test builds the parse it gives by hand; the words are invented."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _doc(rows: list[tuple[str, str, str, int]]):
    """A parsed Doc from (word, tag, dep, head index) rows."""
    import spacy
    from spacy.tokens import Doc

    words, tags, deps, heads = (list(col) for col in zip(*rows))
    return Doc(spacy.blank("en").vocab, words=words, tags=tags, deps=deps, heads=heads)


def _reported(doc, cue: str) -> list[str]:
    from slant.analyze.quotes.attribution import find_attributions

    return [doc.text[a.content[0]:a.content[1]] for a in find_attributions(doc) if doc[a.cue[0]].text == cue]


def test_a_that_clause_hung_on_the_noun_before_it_is_what_was_said():
    doc = _doc([("Osk", "NNP", "nsubj", 1), ("said", "VBD", "ROOT", 1), ("during", "IN", "prep", 1),
                ("a", "DT", "det", 4), ("briefing", "NN", "pobj", 2), ("that", "IN", "mark", 7),
                ("he", "PRP", "nsubj", 7), ("waits", "VBZ", "relcl", 4), (".", ".", "punct", 1)])
    assert _reported(doc, "said") == ["that he waits"]


def test_a_true_relative_clause_of_the_noun_is_not_what_was_said():
    doc = _doc([("Osk", "NNP", "nsubj", 1), ("spoke", "VBD", "ROOT", 1), ("at", "IN", "prep", 1),
                ("a", "DT", "det", 4), ("hall", "NN", "pobj", 2), ("that", "WDT", "nsubj", 6),
                ("was", "VBD", "relcl", 4), ("full", "JJ", "acomp", 6), (".", ".", "punct", 1)])
    assert _reported(doc, "spoke") == []


def test_the_lead_before_a_colon_is_the_writers_not_the_speakers():
    # "Osk primes fans: He says papers lie." with "primes" hung on "says" as well
    doc = _doc([("Osk", "NNP", "nsubj", 1), ("primes", "VBZ", "ccomp", 5), ("fans", "NNS", "dobj", 1),
                (":", ":", "punct", 5), ("He", "PRP", "nsubj", 5), ("says", "VBZ", "ROOT", 5),
                ("papers", "NNS", "nsubj", 7), ("lie", "VBP", "ccomp", 5), (".", ".", "punct", 5)])
    assert _reported(doc, "says") == ["papers lie"]


def test_a_dashed_aside_after_the_words_is_not_what_was_said():
    # "Osk said Velm began calls - there are two - ." with the aside a second clause of "said"
    doc = _doc([("Osk", "NNP", "nsubj", 1), ("said", "VBD", "ROOT", 1), ("Velm", "NNP", "nsubj", 3),
                ("began", "VBD", "ccomp", 1), ("calls", "NNS", "dobj", 3), ("-", ":", "punct", 7),
                ("there", "EX", "expl", 7), ("are", "VBP", "ccomp", 1), ("two", "CD", "attr", 7),
                ("-", ":", "punct", 7), (".", ".", "punct", 1)])
    assert _reported(doc, "said") == ["Velm began calls"]


def test_an_object_the_parse_lost_runs_to_its_complement():
    # "Osk called the board's ruling “unfair.”" with "ruling" read as an adverb of "unfair"
    doc = _doc([("Osk", "NNP", "nsubj", 1), ("called", "VBD", "ROOT", 1), ("the", "DT", "det", 3),
                ("board", "NN", "poss", 5), ("'s", "POS", "case", 3), ("ruling", "NN", "npadvmod", 7),
                ("“", "``", "punct", 7), ("unfair", "JJ", "oprd", 1), (".", ".", "punct", 1),
                ("”", "''", "punct", 1)])
    assert _reported(doc, "called") == ["the board 's ruling “ unfair . ”"]


def test_a_name_right_after_called_is_no_object():
    # "a firm called Acme Data": the name is the complement, and nobody says it
    doc = _doc([("a", "DT", "det", 1), ("firm", "NN", "ROOT", 1), ("called", "VBN", "acl", 1),
                ("Acme", "NNP", "compound", 4), ("Data", "NNP", "oprd", 2), (".", ".", "punct", 1)])
    assert _reported(doc, "called") == []


@pytest.mark.parametrize(("text", "words"), [
    ("Ardco struck a work agreement with the unions, according to the Labor Office, taking a step toward "
     "ending the strike.", "Ardco struck a work agreement with the unions"),
    ("Some 59 percent of voters view her unfavorably, according to a Daily Ledger survey last month - nearly "
     "the same as Osk's 60 percent.", "Some 59 percent of voters view her unfavorably"),
    ("Velm leads by 15 points in Ardmore, according to the county poll, and has a small lead in Bexley.",
     "Velm leads by 15 points in Ardmore"),
])
def test_according_to_reports_the_clause_not_the_phrase_after_it(text, words):
    from quote_helpers import quotes_of

    found = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == "according to"]
    assert [q.text for q in found] == [words]


def test_according_to_before_a_clause_of_its_own_reports_that_clause():
    from quote_helpers import quotes_of

    found = quotes_of("At the heart of the dispute, according to Osk, was a loan the council never repaid.")
    assert [q.text for q in found if q.speech] == ["was a loan the council never repaid"]


@pytest.mark.parametrize(("text", "words"), [
    ("Velm has called for the former mayor to release the transcripts of her speeches.",
     "the former mayor to release the transcripts of her speeches"),
    ("Velm proposed almost $2 million in grants to help towns repair their bridges.",
     "almost $2 million in grants to help towns repair their bridges"),
    ("Velm was questioning Roe’s judgment in backing the war.", "Roe’s judgment in backing the war"),
    ("Velm has criticized him for not doing enough to help lift the standing of young candidates.",
     "him for not doing enough to help lift the standing of young candidates"),
    ("The singer then recalled an incident at a cinema that left her friend in tears.",
     "an incident at a cinema that left her friend in tears"),
    ("Velm announced the deal with state lawmakers.", "the deal with state lawmakers"),
])
def test_an_objects_infinitive_and_its_topic_are_part_of_the_words(text, words):
    from quote_helpers import quotes_of

    assert [q.text for q in quotes_of(text) if q.speech] == [words]


def test_where_it_was_said_stays_out_of_the_words():
    from quote_helpers import quotes_of

    assert [q.text for q in quotes_of("Velm praised the harbour plan in a tweet on Friday.") if q.speech] == [
        "the harbour plan"]


def test_a_cue_after_its_dash_reports_the_clause_after_it():
    from quote_helpers import quotes_of

    found = quotes_of("Velm isn’t worried about the run of defeats — in fact, she said it “grounds” her.")
    assert [q.text for q in found if q.speech] == ["it “grounds” her"]


def test_a_modal_of_the_quote_before_a_conjoined_cue_is_not_the_cues():
    # "“That may not be it,” Velm said." with "said" a conjunct of "be", as the model parses
    # one such sentence
    from slant.analyze.quotes.frames import unreal

    doc = _doc([("“", "``", "punct", 4), ("That", "DT", "nsubj", 4), ("may", "MD", "aux", 4),
                ("not", "RB", "neg", 4), ("be", "VB", "ROOT", 4), ("it", "PRP", "attr", 4),
                (",", ",", "punct", 4), ("”", "''", "punct", 4), ("Velm", "NNP", "nsubj", 9),
                ("said", "VBD", "conj", 4), (".", ".", "punct", 9)])
    assert not unreal(doc[9])


def test_a_conjoined_cue_sharing_its_subject_keeps_the_modal():
    from quote_helpers import quotes_of

    found = quotes_of("Velm might agree and say that the levy is fair.")
    assert [q.speech for q in found if "levy" in q.text] == [False]


def test_called_with_a_lost_object_reports_the_object_and_its_label():
    from quote_helpers import quotes_of

    found = quotes_of("Lopez called the board’s suspension “arbitrary.” Jan Holt, a top aide, disagreed.")
    assert [(q.kind, q.text) for q in found if q.speech] == [("mixed", "the board’s suspension “arbitrary.”")]


def test_a_verb_of_saying_read_as_a_plural_noun_still_reports():
    # "Velm claims he's worth …" parsed with "claims" a noun at the root and "Velm" its compound
    from slant.analyze.quotes.shapes import verb_read_as_noun

    doc = _doc([("Velm", "NNP", "compound", 1), ("claims", "NNS", "ROOT", 1), ("he", "PRP", "nsubj", 3),
                ("is", "VBZ", "ccomp", 1), ("rich", "JJ", "acomp", 3), (".", ".", "punct", 1)])
    doc.ents = [doc.char_span(0, 4, label="PERSON")]
    assert verb_read_as_noun(doc[1]).i == 0
    assert _reported(doc, "claims") == ["he is rich"]


def test_a_plural_noun_of_saying_with_no_clause_reports_nothing():
    from quote_helpers import quotes_of

    assert [q for q in quotes_of("Velm's claims were false.") if q.speech] == []
