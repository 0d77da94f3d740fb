"""One utterance in several quotes: the parts are tied (``Quote.continues``), shown together and
counted once. Every sentence here was written for these tests."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from slant.models import (
    SCHEMA_VERSION,
    Analysis,
    Article,
    Provenance,
    Quote,
    Span,
    Speaker,
    StageProvenance,
    Summary,
    check_spans,
    counted_quote,
)
from slant.utterances import GAP, joined_text, link_parts, utterances, with_parts

SPLIT = "“We will not close the school,” Lee said, “because the children deserve better.”"
RESUMED = "“The money is gone,” Lee said. “Nobody told the parents.”\n“A new term starts.”"


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    a = -1
    for _ in range(nth + 1):
        a = text.index(phrase, a + 1)
    return a, a + len(phrase)


def quote(text: str, phrase: str, cue: str | None, speaker: str | None,
          kind: str = "direct", speaker_nth: int = 0) -> Quote:
    s, e = at(text, phrase)
    c = Span(start=at(text, cue)[0], end=at(text, cue)[1], text=cue) if cue else None
    sp = None
    if speaker:
        a, b = at(text, speaker, speaker_nth)
        sp = Speaker(start=a, end=b, text=speaker, name="Lee")
    return Quote(start=s, end=e, text=phrase, kind=kind, cue=c, speaker=sp)  # type: ignore[arg-type]


def test_the_two_sides_of_one_cue_are_one_utterance():
    q = link_parts(SPLIT, [quote(SPLIT, "“We will not close the school,”", "said", "Lee"),
                           quote(SPLIT, "“because the children deserve better.”", "said", "Lee")])
    assert [x.continues for x in q] == [None, 0]
    assert utterances(q) == [[0, 1]]
    assert joined_text(q, [0, 1]) == f"“We will not close the school,”{GAP}“because the children deserve better.”"


def test_words_resumed_without_a_cue_join_until_the_paragraph_ends():
    q = link_parts(RESUMED, [quote(RESUMED, "“The money is gone,”", "said", "Lee"),
                             quote(RESUMED, "“Nobody told the parents.”", None, "Lee"),
                             quote(RESUMED, "“A new term starts.”", None, "Lee")])
    assert [x.continues for x in q] == [None, 0, None]  # a new paragraph starts a new one
    assert utterances(q) == [[0, 1], [2]]


def test_another_speaker_or_another_cue_starts_a_new_utterance():
    text = "“It is late,” Lee said. “It is not,” Roe said. “Go home,” Roe added."
    q = link_parts(text, [quote(text, "“It is late,”", "said", "Lee"),
                          quote(text, "“It is not,”", "Roe said", "Roe"),
                          quote(text, "“Go home,”", "added", "Roe", speaker_nth=1)])
    assert [x.continues for x in q] == [None, None, None]


def test_a_scare_quote_between_the_parts_neither_joins_nor_breaks_them():
    text = "“The ‘plan’ is dead,” Lee said, “and buried.”"
    parts = [quote(text, "“The ‘plan’ is dead,”", "said", "Lee"),
             quote(text, "‘plan’", None, None, kind="scare"),
             quote(text, "“and buried.”", "said", "Lee")]
    q = link_parts(text, parts)
    assert [x.continues for x in q] == [None, None, 0]
    assert utterances(q) == [[0, 2], [1]]


def test_links_are_made_afresh_and_always_point_back():
    text = SPLIT
    first = quote(text, "“We will not close the school,”", "said", "Lee")
    second = quote(text, "“because the children deserve better.”", "said", "Lee")
    stale = first.model_copy(update={"continues": 1})  # a wrong link from elsewhere is replaced
    q = link_parts(text, [second, stale])  # (not in text order: the later part comes first)
    assert [x.continues for x in q] == [None, None]  # a part never points forward
    assert [x.continues for x in link_parts(text, [stale, second])] == [None, 0]


def analysis(text: str, quotes: list[Quote], schema: str = SCHEMA_VERSION) -> Analysis:
    return Analysis(
        article=Article(title="t", text=text, source="Test Wire"), quotes=quotes,
        summary=Summary(words=len(text.split()), technique_spans=0, spans_per_1000_words=0.0,
                        quotes=len(quotes)),
        provenance=Provenance(slant_version="t", schema_version=schema,
                              stages=[StageProvenance(name="quotes", version="2")],
                              analyzed_at=datetime(2026, 1, 1, tzinfo=UTC)))


def test_an_older_analysis_gets_its_parts_linked_and_counted_once():
    parts = [quote(SPLIT, "“We will not close the school,”", "said", "Lee"),
             quote(SPLIT, "“because the children deserve better.”", "said", "Lee")]
    old = with_parts(analysis(SPLIT, parts, schema="1.2"))
    assert [q.continues for q in old.quotes] == [None, 0]
    assert old.summary is not None and old.summary.quotes == 1
    new = analysis(SPLIT, parts)
    assert with_parts(new) is new  # made with utterances: taken as it is
    assert [counted_quote(q) for q in old.quotes] == [True, False]


def test_check_spans_rejects_a_link_to_a_later_quote():
    parts = [quote(SPLIT, "“We will not close the school,”", "said", "Lee"),
             quote(SPLIT, "“because the children deserve better.”", "said", "Lee")]
    bad = analysis(SPLIT, [parts[0].model_copy(update={"continues": 1}), parts[1]])
    assert check_spans(bad) == ["quote 0 continues quote 1, not an earlier one"]
    assert check_spans(analysis(SPLIT, link_parts(SPLIT, parts))) == []


def test_the_report_shows_an_utterance_once_with_its_parts_joined():
    from slant.cli.report import render_report

    parts = link_parts(SPLIT, [quote(SPLIT, "“We will not close the school,”", "said", "Lee"),
                               quote(SPLIT, "“because the children deserve better.”", "said", "Lee")])
    out = io.StringIO()
    render_report([analysis(SPLIT, parts)], out, width=400)
    report = out.getvalue()
    assert "“We will not close the school,” … “because the children deserve better.”" in report
    assert report.count("deserve better") == 1


def test_parts_are_alike_speech_with_speech_and_words_with_words():
    text = "Ann Lee wanted “to know everything.” “It is a scandal,” she said. Lee denied the claims. “They are lies.”"
    belief = quote(text, "“to know everything.”", "wanted", "Ann Lee").model_copy(update={"speech": False})
    said = quote(text, "“It is a scandal,”", None, "Ann Lee")
    topic = quote(text, "the claims", "denied", "Lee", kind="indirect").model_copy(update={"content": "topic"})
    words = quote(text, "“They are lies.”", None, "Lee")
    q = link_parts(text, [belief, said, topic, words])
    # (a speech part never hides behind a belief, nor words behind a topic)
    assert [x.continues for x in q] == [None, None, None, None]
    assert [counted_quote(x) for x in q] == [False, True, True, True]


def test_the_notebook_view_shows_an_utterance_once():
    from slant.display import to_html

    parts = link_parts(SPLIT, [quote(SPLIT, "“We will not close the school,”", "said", "Lee"),
                               quote(SPLIT, "“because the children deserve better.”", "said", "Lee")])
    page = to_html(analysis(SPLIT, parts))
    assert page.count("deserve better") == 2  # once in the text, once in the list
    assert "school,” … “because" in page
