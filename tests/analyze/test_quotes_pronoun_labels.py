"""The antecedents labelled for speaking "he"/"she" (slant.training.quotes.pronouns), their
scoring, and the research ranker weighed against the rules (slant.training.quotes.pronoun_ranker)."""

from __future__ import annotations


import pytest
from quote_helpers import speaker_name

from slant.training.quotes import pronoun_ranker, pronouns

PASSING = ("Attorney General Ruth Kessler spoke to students on Monday. “Speak up and own your ideas,” "
           "Kessler said. She has weathered several disputes since taking over the department, most "
           "recently a meeting with Tom Arden while the department was looking into his wife, the "
           "candidate Nora Arden, over a loan she took out. She said the criticism had not slowed her down.")


def test_candidates_are_people_of_the_pronouns_gender_with_the_rules_pick_marked() -> None:
    calls: dict[int, tuple[str, list[pronoun_ranker.Candidate]]] = {}
    with pronoun_ranker.recording(calls):
        said = speaker_name(PASSING, "slowed her down")
    choice, last = calls[max(calls)]
    names = [c.name for c in last]
    assert choice == said  # the recording leaves the rules' pick as it is
    assert "Tom Arden" not in names  # "his wife": a man
    assert {"Ruth Kessler", "Nora Arden"} <= set(names)
    assert [c.name for c in last if c.features.get("rules")] == [choice]
    assert all(set(c.features) <= pronoun_ranker.FEATURES for c in last)


def test_fit_learns_the_feature_that_marks_the_right_candidate() -> None:
    examples = [{"features": [{"subject": 1.0}, {"rules": 1.0}], "right": [True, False], "rules": 1},
                {"features": [{"rules": 1.0}, {"subject": 1.0}], "right": [False, True], "rules": 0},
                {"features": [{"rules": 1.0}], "right": [False], "rules": 0}]  # no right candidate: skipped
    weights = pronoun_ranker.fit(examples, l2=0.1)
    assert weights["subject"] > 0 > weights["rules"]
    assert pronoun_ranker.ranked_right(examples, weights) == 2
    # a margin wider than the ranker's preference leaves the rules' pick
    assert pronoun_ranker.ranked_right(examples, weights, margin=100.0) == 0


@pytest.mark.parametrize("name, gold, same", [
    ("Obama", "Barack Obama", True), ("Mr. Obama", "Barack Obama", True),
    ("Bill Clinton", "Hillary Clinton", False), ("Loretta E. Lynch", "Loretta Lynch", True),
    ("Ann Roe", "Jack Lee", False),
    ("Tom J. Roe", "Tom Roe Jr.", False), ("Tom Roe Jr.", "Tom Roe Jr", True),  # a father is not his son
])
def test_same_person_needs_the_surname_and_shared_given_names(name: str, gold: str, same: bool) -> None:
    assert pronouns.same_person(name, gold) is same


def test_a_role_label_is_right_only_as_the_rules_own_role() -> None:
    lab = pronouns.Label("train", "x", 0, 2, "he", "ROLE: a campaign aide")
    assert pronouns.right("a campaign aide", lab, kept=True)
    assert not pronouns.right("a campaign aide", lab, kept=False)
    assert not pronouns.right("Ann Roe", lab, kept=False)


@pytest.mark.parametrize("name, role, fits", [
    ("a voter", "ROLE: a voter at the town forum", True),
    ("Tom Roe", "ROLE: a representative for Tom Roe", False),  # the head is "representative"
    ("the aide", "ROLE: an aide who asked not to be named", True),
])
def test_a_role_fits_by_its_head_noun_before_any_preposition(name: str, role: str, fits: bool) -> None:
    assert pronouns.fits_role(name, role) is fits


def test_the_labels_point_at_a_pronoun_of_their_article(polnear_dir, shared_data) -> None:
    from slant.ingest import read_text
    from slant.training.polnear import read_split

    labels = pronouns.read_labels()
    assert {lab.split for lab in labels} == {"dev", "train", pronouns.UNLABELLED}
    texts = {(s, a.name): a.text for s in ("dev", "train") for a in read_split(polnear_dir, s)}
    folder = shared_data / "ptc-unlabelled" / "articles"
    for lab in labels:
        if lab.split == pronouns.UNLABELLED:
            path = folder / f"{lab.article}.txt"
            text = read_text(path.read_text(encoding="utf-8"), origin=str(path)).text  # offsets: cleaned text
        else:
            text = texts[(lab.split, lab.article)]
        assert text[lab.start:lab.end] == lab.pronoun
        assert lab.pronoun.lower() in ("he", "she") and lab.antecedent


def test_unlabelled_ptc_gives_no_score() -> None:
    with pytest.raises(ValueError, match="never for scores"):
        pronouns.evaluate_pronouns("unused", split=pronouns.UNLABELLED)
