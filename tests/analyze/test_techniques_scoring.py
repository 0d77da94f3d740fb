"""The SemEval-2020 Task 11 measures on small cases worked out by hand."""

from __future__ import annotations

import pytest

from slant.training.techniques.scoring import merge_spans, score_full, score_si, score_tc

LL, NC, REP = "Loaded_Language", "Name_Calling,Labeling", "Repetition"


def test_merge_joins_overlaps_not_touching_spans():
    assert merge_spans([(10, 20), (0, 5), (15, 30), (30, 35), (7, 7)]) == [(0, 5), (10, 30), (30, 35)]


def test_si_exact_match_is_perfect():
    r = score_si([("1", None, 0, 10)], [("1", LL, 0, 10)])
    assert (r.precision, r.recall, r.f1) == (1.0, 1.0, 1.0)


def test_si_partial_overlap():
    # pred [0,10), gold [5,25): overlap 5 -> P = 5/10, R = 5/20
    r = score_si([("1", None, 0, 10)], [("1", None, 5, 25)])
    assert r.precision == pytest.approx(0.5)
    assert r.recall == pytest.approx(0.25)
    assert r.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_si_gold_overlaps_are_merged_before_scoring():
    # gold [0,10) and [5,20) merge into [0,20); pred [0,20) covers it exactly
    gold = [("1", LL, 0, 10), ("1", NC, 5, 20)]
    r = score_si([("1", None, 0, 20)], gold)
    assert (r.precision, r.recall, r.n_gold) == (1.0, 1.0, 1)


def test_si_predicted_overlaps_are_merged():
    # two overlapping predictions count as one span [0,20); gold [0,10)
    r = score_si([("1", None, 0, 15), ("1", None, 5, 20)], [("1", None, 0, 10)])
    assert r.n_pred == 1
    assert r.precision == pytest.approx(10 / 20)
    assert r.recall == pytest.approx(1.0)


def test_si_one_prediction_over_two_gold_spans():
    # pred [0,30) over gold [0,10) and [20,30): P = (10+10)/30, R = (1 + 1)/2
    r = score_si([("1", None, 0, 30)], [("1", None, 0, 10), ("1", None, 20, 30)])
    assert r.precision == pytest.approx(20 / 30)
    assert r.recall == pytest.approx(1.0)


def test_si_articles_are_kept_apart():
    r = score_si([("2", None, 0, 10)], [("1", None, 0, 10)])
    assert (r.precision, r.recall, r.f1) == (0.0, 0.0, 0.0)


def test_si_micro_pools_over_articles():
    # article 1: exact; article 2: pred [0,10) vs gold [0,5) -> P sums 1 + 0.5 over 2 preds
    pred = [("1", None, 0, 10), ("2", None, 0, 10)]
    gold = [("1", None, 0, 10), ("2", None, 0, 5)]
    r = score_si(pred, gold)
    assert r.precision == pytest.approx(0.75)
    assert r.recall == pytest.approx(1.0)


@pytest.mark.parametrize("pred,gold", [([], []), ([], [("1", None, 0, 5)]), ([("1", None, 0, 5)], [])])
def test_si_empty_sets_score_zero(pred, gold):
    r = score_si(pred, gold)
    assert (r.precision, r.recall, r.f1) == (0.0, 0.0, 0.0)


def test_tc_duplicate_gold_labels_matched_to_maximise_agreement():
    gold = [("1", LL, 0, 10), ("1", NC, 0, 10), ("1", REP, 20, 30)]
    # the two predictions on [0,10) arrive in the "wrong" order; both still count
    pred = [("1", NC, 0, 10), ("1", LL, 0, 10), ("1", LL, 20, 30)]
    r = score_tc(pred, gold)
    assert r.micro.f1 == pytest.approx(2 / 3)
    assert r.per_technique[LL].precision == pytest.approx(0.5)
    assert r.per_technique[LL].recall == pytest.approx(1.0)
    assert r.per_technique[REP].f1 == 0.0
    # macro over the three gold techniques: LL 2/3, NC 1, REP 0
    assert r.macro_f1 == pytest.approx((2 / 3 + 1 + 0) / 3)


def test_tc_same_label_twice_counts_once_per_gold_line():
    gold = [("1", LL, 0, 10), ("1", NC, 0, 10)]
    pred = [("1", LL, 0, 10), ("1", LL, 0, 10)]
    r = score_tc(pred, gold)
    assert r.micro.precision == pytest.approx(0.5)
    assert r.micro.recall == pytest.approx(0.5)


def test_tc_missing_predictions_cost_recall_only():
    r = score_tc([("1", LL, 0, 10)], [("1", LL, 0, 10), ("1", NC, 20, 30)])
    assert r.micro.precision == 1.0
    assert r.micro.recall == 0.5


def test_tc_empty():
    r = score_tc([], [])
    assert (r.micro.f1, r.macro_f1) == (0.0, 0.0)


def test_full_counts_overlap_only_within_a_technique():
    gold = [("1", LL, 0, 10), ("1", NC, 20, 40)]
    # right place, wrong technique for the first; half right for the second
    pred = [("1", NC, 0, 10), ("1", NC, 20, 30)]
    r = score_full(pred, gold)
    # NC: preds [0,10) and [20,30): P sums 0 + 1 = 1; NC gold [20,40): R sum 10/20 = 0.5
    assert r.per_technique[NC].precision == pytest.approx(0.5)
    assert r.per_technique[NC].recall == pytest.approx(0.5)
    assert r.per_technique[LL].recall == 0.0
    # micro: P = 1 / 2 preds; R = 0.5 / 2 gold
    assert r.micro.precision == pytest.approx(0.5)
    assert r.micro.recall == pytest.approx(0.25)


def test_full_merges_within_a_technique_only():
    gold = [("1", LL, 0, 10), ("1", LL, 5, 15), ("1", NC, 0, 15)]
    r = score_full([("1", LL, 0, 15)], gold)
    assert r.per_technique[LL].n_gold == 1
    assert r.per_technique[LL].f1 == 1.0
    assert r.micro.n_gold == 2
    assert r.micro.recall == pytest.approx(0.5)
