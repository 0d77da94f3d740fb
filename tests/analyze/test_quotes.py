"""The quotes stage on hand-written sentences: one test per pattern.

Every name and organisation here is invented. spaCy loads once per session (the parse
module caches it).
"""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

from slant.models import Quote

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run():
    return quotes_of


def speech(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.kind in ("direct", "indirect", "mixed")]


@pytest.mark.parametrize("open_, close", [("“", "”"), ('"', '"'), ("«", "»"), ("‘", "’")])
def test_direct_quote_in_every_mark_style(run, open_, close):
    text = f"{open_}The harbour will reopen next spring,{close} Sarah Mitchell said on Tuesday."
    q = one(run(text), "harbour")
    assert q.kind == "direct"
    assert q.text.startswith(open_) and q.text.rstrip().endswith(close)
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.name == "Sarah Mitchell"


def test_nested_quote_is_one_direct_quote(run):
    text = "“They told us ‘wait another year’ and we waited,” David Harper said."
    quotes = speech(run(text))
    assert len(quotes) == 1
    assert quotes[0].kind == "direct" and "‘wait another year’" in quotes[0].text
    assert quotes[0].speaker.name == "David Harper"


def test_multi_sentence_quote(run):
    text = ("“The budget is short. The roads are worse. Nobody is listening,” "
            "Sarah Mitchell told reporters.")
    q = one(run(text), "Nobody is listening")
    assert "The budget is short." in q.text
    assert q.kind == "direct" and q.speaker.name == "Sarah Mitchell"


def test_multi_paragraph_quote(run):
    text = ("Sarah Mitchell spoke at the town hall on Monday.\n\n"
            "“We have waited for a decade for the new bridge.\n\n"
            "“Now the money is finally here,” Mitchell said.")
    q = one(run(text), "Now the money")
    assert "waited for a decade" in q.text
    assert q.speaker.name == "Sarah Mitchell"


def test_indirect_quote_with_that(run):
    text = "David Harper said that the council had ignored three letters from residents."
    q = one(run(text), "ignored three letters")
    assert q.kind == "indirect"
    assert q.cue.text == "said"
    assert q.speaker.name == "David Harper"
    assert '"' not in q.text and "“" not in q.text


def test_according_to(run):
    text = "According to the Northfield Housing Alliance, rents rose by a third last year."
    q = one(run(text), "rents rose")
    assert q.kind == "indirect"
    assert q.cue.text == "According to"
    assert q.speaker.name == "Northfield Housing Alliance"


def test_mixed_quote(run):
    text = "David Harper said the new tax was “a slap in the face” for every small shop."
    q = one(run(text), "slap in the face")
    assert q.kind == "mixed"
    assert "every small shop" in q.text
    assert q.speaker.name == "David Harper"


def test_colon_introduced_quote(run):
    text = "Sarah Mitchell said: “The plan is reckless and it will fail.”"
    q = one(run(text), "reckless")
    assert q.kind == "direct" and q.cue.text == "said"
    assert q.speaker.name == "Sarah Mitchell"


def test_statement_read_colon_then_next_paragraph(run):
    text = ("The Northfield Housing Alliance issued a statement on Friday.\n\n"
            "A statement from the alliance read:\n\n"
            "“We will keep fighting for every tenant in this city.”")
    q = one(run(text), "every tenant")
    assert q.kind == "direct"
    assert q.cue is not None and q.cue.text == "read"
    assert q.speaker is not None


@pytest.mark.parametrize("verb", ["told reporters", "claimed", "wrote", "warned"])
def test_cue_verbs(run, verb):
    text = f"David Harper {verb} that the factory would close before winter."
    q = one(run(text), "factory would close")
    assert q.cue is not None and q.cue.text == verb.split()[0]
    assert q.speaker.name == "David Harper"


def test_described_as(run):
    text = "Sarah Mitchell described the proposal as “a gift to landlords”."
    q = one(run(text), "gift to landlords")
    assert q.cue.text == "described"
    assert q.speaker.name == "Sarah Mitchell"


def test_relative_clause_speaker_is_named_by_its_antecedent(run):
    text = "David Harper, who said last week that the bakery would close, changed his mind."
    q = one(run(text), "bakery would close")
    assert q.speaker.text == "who" and q.speaker.name == "David Harper"


def test_inverted_cue_speaker(run):
    text = "“The harbour must stay open,” said retired engineer Sarah Mitchell."
    q = one(run(text), "harbour must stay open")
    assert q.speaker is not None and q.speaker.name == "Sarah Mitchell"


def test_speaker_of_a_by_saying_clause(run):
    text = "David Harper ended the debate by saying that the budget was already spent."
    q = one(run(text), "budget was already spent")
    assert q.speaker is not None and q.speaker.name == "David Harper"


def test_pronoun_speaker_resolves_to_full_name(run):
    text = ("Sarah Mitchell has led the campaign since March. "
            "She said the petition had reached ten thousand names.")
    q = one(run(text), "petition")
    assert q.speaker.text == "She"
    assert q.speaker.name == "Sarah Mitchell"


def test_pronoun_skips_the_last_speaker_of_the_other_gender(run):
    text = ("Sarah Mitchell met David Harper on Monday. She has led the campaign since March, "
            "and her team is small. Mr Harper runs the bakery.\n"
            "“We will appeal,” Harper said. She said the petition had reached ten thousand names.")
    quotes = run(text)
    assert one(quotes, "We will appeal").speaker.name == "David Harper"
    q = one(quotes, "petition")
    assert q.speaker.text == "She" and q.speaker.name == "Sarah Mitchell"


def test_surname_speaker_resolves_to_full_name(run):
    text = ("David Harper runs the bakery on Mill Street. "
            "“Flour costs have doubled,” Harper said.")
    q = one(run(text), "Flour costs")
    assert q.speaker.text == "Harper"
    assert q.speaker.name == "David Harper"


def test_role_speaker_resolves_to_organisation(run):
    text = ("The Northfield Housing Alliance opposed the plan. "
            "An Alliance spokesperson said the vote was rushed.")
    q = one(run(text), "vote was rushed")
    assert q.speaker.name == "Northfield Housing Alliance"


def test_role_speaker_resolves_to_the_person_given_that_role(run):
    text = ("Sarah Mitchell, the regional director of the alliance, visited the site. "
            "The director said the repairs were overdue.")
    q = one(run(text), "repairs were overdue")
    assert q.speaker.name == "Sarah Mitchell"


def test_cueless_quote_continues_previous_speaker(run):
    text = ("“We will appeal the ruling,” David Harper said. "
            "“This is not the end of the matter, and our members know it.”")
    q = one(run(text), "not the end")
    assert q.kind == "direct" and q.cue is None
    assert q.speaker is not None and q.speaker.name == "David Harper"


def test_scare_quotes_have_no_speaker(run):
    text = "The self-described ‘advocacy’ group held a rally in the square."
    q = one(run(text), "advocacy")
    assert q.kind == "scare" and q.speaker is None and q.cue is None


def test_self_described_before_a_name_is_the_narrators_label(run):
    # "described" here is part of an adjective: no one is reported as describing anything
    quotes = run("Leading the charge is the self-described “grassroots” Harbour Watch Coalition, "
                 "a self-styled watchdog.")
    assert all(not q.speech for q in quotes)
    assert one(quotes, "grassroots").kind == "scare"


def test_so_called_is_scare(run):
    text = "Critics of the so-called “reform agenda” gathered outside the hall."
    q = one(run(text), "reform agenda")
    assert q.kind == "scare" and q.speaker is None


def test_programme_name_is_a_term(run):
    text = "The city funds a scheme called “Safe Streets Together” in four districts."
    q = one(run(text), "Safe Streets")
    assert q.kind == "term" and q.speaker is None


def test_headline_colon(run):
    text = "Sarah Mitchell: The Harbour Plan Will Cost Jobs\n\nThe council met on Monday."
    q = one(run(text), "Harbour Plan")
    assert q.speaker is not None and q.speaker.name == "Sarah Mitchell"


@pytest.mark.parametrize("text", [
    "He said “this never ends.\n\nAnd “again and “again and again.",
    "” ” ” “ “ “ unbalanced ” marks “ everywhere",
    "",
    "   \n\n  ",
    "no sentences here just lowercase words without any punctuation at all",
    "“" * 2000,
    " ".join(["“x”"] * 1000),
])
def test_bad_input_does_not_crash(run, text):
    quotes = run(text)
    assert isinstance(quotes, list)


def test_stage_contract():
    from slant.analyze.quotes import QuotesStage

    from slant.pipeline import REGISTRY

    stage = QuotesStage()
    assert REGISTRY[stage.name].stage_class() is QuotesStage
    assert stage.provenance().name == "quotes"


def test_two_cues_for_one_quote_give_one_quote_with_the_named_speaker(run):
    text = ("Commissioner Ray Tillman said it best when he told a crowd outside the county "
            "building: “We can either dig here and build here, or we can watch our young people "
            "leave and never come back.”")
    quotes = [q for q in run(text) if "dig here" in q.text]
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "Ray Tillman"
