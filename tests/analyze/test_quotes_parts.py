"""The quotes stage ties the parts of one utterance (``Quote.continues``). Written for these
tests."""

from __future__ import annotations

from quote_helpers import quotes_of


def test_a_quote_split_by_its_cue_and_one_resumed_without_a_cue_are_tied():
    text = ("The mayor spoke on Monday. “We will not close the school,” Lee said, “because "
            "the children deserve better.” Roe left early.\n\n“It is too late,” Roe said. "
            "“The money is gone.”\n\n“We will see,” said Lee.")
    assert [(q.text, q.continues) for q in quotes_of(text)] == [
        ("“We will not close the school,”", None), ("“because the children deserve better.”", 0),
        ("“It is too late,”", None), ("“The money is gone.”", 2), ("“We will see,”", None)]


def test_a_cue_set_in_between_commas_splits_the_words_around_it():
    text = ("Ann Velm spoke at the hall. The new levy, she said, would ruin every farm in the valley. "
            "Later, she said, the council met.")
    quotes = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == "said"]
    first, second = quotes[0], quotes[1]
    assert (first.text, second.text) == ("The new levy", "would ruin every farm in the valley")
    assert (first.continues, second.continues) == (None, 0)
    assert all("she said" not in q.text for q in quotes)


def test_words_end_before_a_relative_clause_that_holds_their_own_cue():
    text = "Roe broke with the old discipline of the Church---which Pope Leo insisted on."
    (q,) = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == "insisted"]
    assert q.text == "the old discipline of the Church"


def test_the_show_told_is_not_part_of_the_words():
    text = ("On Sunday, Rudy Orvan told CBS’ “Face the Harbour”: “Closing schools by decree is not something "
            "we accept. Generally it is wrong.”")
    said = [q for q in quotes_of(text) if q.speaker is not None]
    assert [q.text for q in said] == ["“Closing schools by decree is not something we accept. Generally it is wrong.”"]


def test_set_in_cues_never_leave_the_cue_or_a_stray_space_in_the_words():
    from slant.analyze.quotes.content import around_set_in
    from slant.models import Span

    def pieces(text: str, cue: str, speaker: str) -> list[str]:
        c, s = text.index(cue), text.index(speaker)
        return [text[a:b] for a, b in around_set_in(
            text, 0, len(text), "indirect", Span(start=c, end=c + len(cue), text=cue),
            Span(start=s, end=s + len(speaker), text=speaker))]

    assert pieces("It is a law which, Roe argued, protects no one", "argued", "Roe") == [
        "It is a law which", "protects no one"]  # a cue set in after "which", not its clause
    assert pieces("Later, she said, the council would vote", "said", "she") == ["the council would vote"]
    assert pieces("The new levy , she said , would ruin farms", "said", "she") == ["The new levy", "would ruin farms"]
    assert pieces("The new levy, she said Tuesday, would ruin farms", "said", "she") == [
        "The new levy", "would ruin farms"]
