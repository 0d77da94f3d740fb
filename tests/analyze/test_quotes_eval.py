"""Scoring quotes against PolNeAR: brat parsing, overlap matching, grouping, counts.

No model and no corpus: the annotations below are written by hand.
"""

from __future__ import annotations

import pytest

from slant.errors import InputError
from slant.models import Entity, Mention, Quote, Span, Speaker
from slant.training.polnear import GoldAttribution, parse_ann, read_split
from slant.utterances import link_parts
from slant.training.quotes.evaluate import (
    Score,
    coverage,
    group_predictions,
    speech_only,
    has_mark,
    match,
    score_article,
)

TEXT = "“We will win,” Ana Ruiz said. She added that the count was close.\nIt rained."
#       0         1         2         3         4         5         6


def span(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def test_parse_ann_reads_events_and_discontinuous_spans():
    ann = (
        "T1\tSource 10 15\tRuizz\n"
        "T2\tCue 16 20\tsaid\n"
        "T3\tContent 0 5;30 40\tabcde fghij\n"
        "T4\tAttribution 16 20\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tContent 50 60\tno source\n"
        "E2\tAttribution:T4 Content:T5\n"
        "T6\tDiscard 70 80\tignored\n"
    )
    atts = parse_ann(ann)
    assert atts[0] == GoldAttribution(content=((0, 5), (30, 40)), cue=((16, 20),), source=((10, 15),))
    assert atts[1].source == () and atts[1].content == ((50, 60),)


def test_coverage_counts_gold_characters_once():
    assert coverage([(0, 10)], ((0, 10),)) == 1.0
    assert coverage([(0, 3)], ((0, 10),)) == pytest.approx(0.3)
    assert coverage([(0, 5), (3, 8)], ((0, 10),)) == pytest.approx(0.8)
    assert coverage([(0, 5)], ((0, 5), (20, 25))) == pytest.approx(0.5)
    assert coverage([(50, 60)], ((0, 10),)) == 0.0


def test_match_is_one_to_one_best_first_with_threshold():
    golds = [((0, 10),), ((20, 30),)]
    preds = [[(0, 30)], [(0, 10)]]
    # pred 1 covers gold 0 fully and wins it; pred 0 then takes gold 1
    assert sorted(match(preds, golds, 0.3)) == [(0, 1), (1, 0)]
    assert match([[(0, 2)]], [((0, 10),)], 0.3) == []
    assert match([[(0, 3)]], [((0, 10),)], 0.3) == [(0, 0)]
    assert match([[(0, 3)]], [((0, 10),)], 0.8) == []


def test_has_mark():
    assert has_mark("a “b” c", [(0, 7)])
    assert has_mark('say "x"', [(4, 7)])
    assert not has_mark("it’s fine", [(0, 9)])


def quote(text: str, sub: str, kind: str, cue: str | None, speaker: str | None,
          name: str = "Ana Ruiz") -> Quote:
    s, e = span(text, sub)
    c = Span(start=span(text, cue)[0], end=span(text, cue)[1], text=cue) if cue else None
    sp = None
    if speaker:
        a, b = span(text, speaker)
        sp = Speaker(start=a, end=b, text=speaker, name=name)
    return Quote(start=s, end=e, text=sub, kind=kind, cue=c, speaker=sp)


def test_a_cueless_continuation_is_one_prediction_with_the_quote_before():
    text = "“A is true,” Ana Ruiz said. “B is true too.”\n“C is new.”"
    q1 = quote(text, "“A is true,”", "direct", "said", "Ana Ruiz")
    q2 = quote(text, "“B is true too.”", "direct", None, "Ana Ruiz")
    q3 = quote(text, "“C is new.”", "direct", None, "Ana Ruiz")
    groups = group_predictions(link_parts(text, [q1, q2, q3]))
    assert [len(g.quotes) for g in groups] == [2, 1]  # a new paragraph starts a new group


def test_the_two_sides_of_one_cue_are_one_prediction():
    text = "“A is true,” Ana Ruiz said, “and B is too.” Then she said that C was false."
    q1 = quote(text, "“A is true,”", "direct", "Ana Ruiz said", "Ana Ruiz")
    q2 = quote(text, "“and B is too.”", "direct", "Ana Ruiz said", "Ana Ruiz")
    q3 = quote(text, "that C was false", "indirect", "she said", "she")
    groups = group_predictions(link_parts(text, [q1, q2, q3]))
    assert [g.pieces for g in groups] == [[span(text, "“A is true,”"), span(text, "“and B is too.”")],
                                          [span(text, "that C was false")]]


def test_speech_only_keeps_a_split_quote_one_prediction():
    text = "Ana Ruiz hopes to win. “A is true,” Ana Ruiz said, “and B is too.”"
    belief = quote(text, "to win", "indirect", "hopes", "Ana Ruiz").model_copy(update={"speech": False})
    q1 = quote(text, "“A is true,”", "direct", "said", "Ana Ruiz")
    q2 = quote(text, "“and B is too.”", "direct", "said", "Ana Ruiz")
    # (the links index the whole list: [belief, q1, q2] has q2 continue quote 1)
    spoken = speech_only(text, link_parts(text, [belief, q1, q2]))
    assert [g.pieces for g in group_predictions(spoken)] == [[span(text, "“A is true,”"),
                                                             span(text, "“and B is too.”")]]


def test_score_article_counts_quotes_speakers_and_cues():
    text = TEXT
    gold = [
        GoldAttribution(content=(span(text, "“We will win,”"),), cue=(span(text, "said"),),
                        source=(span(text, "Ana Ruiz"),)),
        GoldAttribution(content=(span(text, "that the count was close"),),
                        cue=(span(text, "added"),), source=(span(text, "She"),)),
        GoldAttribution(content=(span(text, "It rained"),)),
    ]
    preds = [
        quote(text, "“We will win,”", "direct", "said", "Ana Ruiz"),
        # speaker span elsewhere, but it resolves to the entity mentioned in the gold Source
        quote(text, "that the count", "indirect", "added", "Ana Ruiz"),
        quote(text, "close", "scare", None, None),  # scare quotes are not predictions
    ]
    ents = [Entity(name="Ana Ruiz", type="PERSON",
                   mentions=[Mention(start=span(text, "Ana Ruiz")[0], end=span(text, "Ana Ruiz")[1])])]
    sc = Score(threshold=0.3)
    errors = score_article(text, gold, preds, ents, sc)
    assert (sc.all.tp, sc.all.pred, sc.all.gold) == (2, 2, 3)
    assert (sc.direct.tp, sc.direct.pred, sc.direct.gold) == (1, 1, 1)
    assert sc.direct_tp_pred == 1
    assert (sc.speaker_ok, sc.speaker_n) == (1, 2)  # "She" is not resolved in the gold
    assert (sc.cue_ok, sc.cue_n) == (2, 2)
    assert [e["type"] for e in errors].count("missed") == 1
    assert sc.all.prf()["precision"] == 1.0
    assert sc.all.prf()["recall"] == pytest.approx(2 / 3, abs=1e-3)


def test_speaker_resolving_to_the_same_entity_counts():
    text = "Ana Ruiz spoke first. Later, Ruiz said it was over."
    gold = [GoldAttribution(content=(span(text, "it was over"),), cue=(span(text, "said"),),
                            source=((span(text, "Ruiz said")[0], span(text, "Ruiz said")[0] + 4),))]
    pred = [quote(text, "it was over", "indirect", "said", "Ana Ruiz")]  # the first mention
    r0 = span(text, "Ruiz said")[0]
    ents = [Entity(name="Ana Ruiz", type="PERSON",
                   mentions=[Mention(start=0, end=8), Mention(start=r0, end=r0 + 4)])]
    sc = Score(threshold=0.3)
    score_article(text, gold, pred, ents, sc)
    assert (sc.speaker_ok, sc.speaker_n) == (1, 1)
    assert (sc.name_ok, sc.name_n) == (1, 1)


def test_read_split_rejects_a_folder_that_is_not_polnear(tmp_path):
    with pytest.raises(InputError, match="not a PolNeAR split"):
        read_split(tmp_path, "dev")


def test_read_split_uses_one_annotator_per_article(tmp_path):
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a.txt").write_text("Ana said yes.", encoding="utf-8")
    for who in ("bbbb", "aaaa"):
        (tmp_path / "dev" / "attributions" / f"a_{who}.ann").write_text(
            "T1\tContent 9 12\tyes\nE1\tContent:T1\n", encoding="utf-8")
    (art,) = read_split(tmp_path, "dev")
    assert art.annotator == "aaaa"
    assert art.attributions[0].content == ((9, 12),)


def test_gold_speech_is_told_apart_by_its_cue():
    from slant.training.quotes.evaluate import gold_is_speech

    text = "Ana Ruiz said the count was close. Ana Ruiz believes the count was close. “Yes.”"
    said = GoldAttribution(content=(span(text, "the count was close"),), cue=(span(text, "said"),))
    believes = GoldAttribution(content=((50, 69),), cue=(span(text, "believes"),))
    quoted = GoldAttribution(content=(span(text, "“Yes.”"),))
    assert gold_is_speech(text, said)
    assert not gold_is_speech(text, believes)
    assert gold_is_speech(text, quoted)


def test_gold_words_a_speaker_goes_on_with_are_speech():
    from slant.training.quotes.evaluate import gold_is_speech

    text = "“Yes,” Ana Ruiz said. “No more,” she continued. She continued to count."
    went_on = GoldAttribution(content=(span(text, "“No more,”"),), cue=(span(text, "continued"),))
    kept_at = GoldAttribution(content=(span(text, "to count"),), cue=((text.rindex("continued"), len(text) - 10),))
    assert gold_is_speech(text, went_on)
    assert not gold_is_speech(text, kept_at)


def test_speaker_names_leave_out_adjectives_in_the_source():
    text = "The Republican nominee said the count was close."
    gold = [GoldAttribution(content=(span(text, "the count was close"),),
                            cue=(span(text, "said"),), source=(span(text, "The Republican nominee"),))]
    r0, r1 = span(text, "Republican")
    norp = Entity(name="Republican", type="NORP", mentions=[Mention(start=r0, end=r1)])
    s, e = span(text, "The Republican nominee")
    q = Quote(start=span(text, "the count was close")[0], end=span(text, "the count was close")[1],
              text="the count was close", kind="indirect", cue=Span(start=23, end=27, text="said"),
              speaker=Speaker(start=s, end=e, text=text[s:e], name="The Republican nominee"))
    sc = Score(threshold=0.3)
    score_article(text, gold, [q], [norp], sc)
    assert (sc.speaker_ok, sc.speaker_n) == (1, 1)
    assert sc.name_n == 0            # an adjective names no speaker
    assert (sc.any_name_ok, sc.any_name_n) == (0, 1)   # the old definition counted it
