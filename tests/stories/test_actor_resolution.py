"""Actors across articles (slant.stories.actors): the cross-article rules, corrections, ids."""

from __future__ import annotations

from dataclasses import dataclass

from actor_builders import make

from slant.names import ActorNode as Node
from slant.names import article_names
from slant.stories.actors import resolve


@dataclass
class Corr:
    op: str
    a: str
    b: str


def nodes(*articles) -> list[Node]:
    """(analysis, story id) pairs -> the nodes the store would hold."""
    out: list[Node] = []
    for pk, (a, story) in enumerate(articles):
        for n in article_names(a):
            out.append(Node(len(out), pk, story, n.group, n.name, n.norm, n.key, n.type, n.kind,
                            n.female, n.male))
    return out


def actor_of(ns: list[Node], res, article_pk: int, name: str) -> int:
    for n in ns:
        if n.article_pk == article_pk and n.name == name:
            return res.assignments[n.rid]
    raise KeyError(name)


BALE_FULL = make("a", "Curtis Bale of the Wrenmoor Jobs Alliance spoke.", [("Curtis Bale", "PERSON")])
BALE_SHORT = make("b", "Bale said the mine means work.", [("Bale", "PERSON")], source="Other Post")
GARETH = make("c", "Gareth Bale scored twice.", [("Gareth Bale", "PERSON")], source="Sports Daily")


def test_equal_full_names_are_one_actor_anywhere():
    ns = nodes((BALE_FULL, None), (make("d", "Curtis Bale again.", [("Curtis Bale", "PERSON")]), None))
    res = resolve(ns)
    assert actor_of(ns, res, 0, "Curtis Bale") == actor_of(ns, res, 1, "Curtis Bale")


def test_surname_joins_the_one_full_name_of_its_story():
    ns = nodes((BALE_FULL, 1), (BALE_SHORT, 1))
    res = resolve(ns)
    assert actor_of(ns, res, 0, "Curtis Bale") == actor_of(ns, res, 1, "Bale")
    (actor,) = [x for x in res.actors if x.name == "Curtis Bale"]
    assert "Bale" in actor.names and actor.articles == 2


def test_surname_outside_the_story_or_ambiguous_stays_apart():
    ns = nodes((BALE_FULL, 1), (BALE_SHORT, 2))
    res = resolve(ns)
    assert actor_of(ns, res, 0, "Curtis Bale") != actor_of(ns, res, 1, "Bale")
    ns = nodes((BALE_FULL, 1), (BALE_SHORT, 1), (GARETH, 1))
    res = resolve(ns)
    assert actor_of(ns, res, 1, "Bale") not in {actor_of(ns, res, 0, "Curtis Bale"),
                                                actor_of(ns, res, 2, "Gareth Bale")}
    # no story at all: nothing to say a lone surname is anyone in particular
    ns = nodes((BALE_FULL, None), (BALE_SHORT, None))
    res = resolve(ns)
    assert actor_of(ns, res, 0, "Curtis Bale") != actor_of(ns, res, 1, "Bale")


def test_organisation_short_form_in_a_story():
    full = make("e", "Brightvein Minerals filed the permit.", [("Brightvein Minerals", "ORG")])
    short = make("f", "Brightvein will appeal.", [("Brightvein", "PERSON")], source="Other Post")
    ns = nodes((full, 7), (short, 7))
    res = resolve(ns)
    assert actor_of(ns, res, 0, "Brightvein Minerals") == actor_of(ns, res, 1, "Brightvein")
    (actor,) = [x for x in res.actors if "Brightvein" in x.names]
    assert actor.name == "Brightvein Minerals" and actor.type == "ORG"


def test_alias_links_across_articles_through_the_full_name():
    a = make("g", "Mohammed Emwazi, known as 'Jihadi John', was named.", [("Mohammed Emwazi", "PERSON")])
    b = make("h", "Jihadi John appeared in a video.", [("Jihadi John", "PERSON")], source="Other Post")
    ns = nodes((a, None), (b, None))
    res = resolve(ns)
    assert actor_of(ns, res, 0, "Mohammed Emwazi") == actor_of(ns, res, 1, "Jihadi John")


def test_one_word_names_of_different_types_stay_apart():
    a = make("i", "Washington spoke.", [("Washington", "PERSON")])
    b = make("j", "Washington voted.", [("Washington", "GPE")])
    ns = nodes((a, None), (b, None))
    res = resolve(ns)
    assert actor_of(ns, res, 0, "Washington") != actor_of(ns, res, 1, "Washington")


def test_corrections_merge_split_alias():
    ns = nodes((BALE_FULL, 1), (BALE_SHORT, 2))
    res = resolve(ns, [Corr("same", "curtis bale", "bale")])
    assert actor_of(ns, res, 0, "Curtis Bale") == actor_of(ns, res, 1, "Bale")
    ns = nodes((BALE_FULL, 1), (BALE_SHORT, 1))
    res = resolve(ns, [Corr("apart", "curtis bale", "bale")])
    assert actor_of(ns, res, 0, "Curtis Bale") != actor_of(ns, res, 1, "Bale")
    a = make("g", "Mohammed Emwazi, known as 'Jihadi John', was named.", [("Mohammed Emwazi", "PERSON")])
    ns = nodes((a, None))
    res = resolve(ns, [Corr("apart", "mohammed emwazi", "jihadi john")])
    assert actor_of(ns, res, 0, "Mohammed Emwazi") != actor_of(ns, res, 0, "Jihadi John")
    ns = nodes((BALE_FULL, None))
    res = resolve(ns, [Corr("alias", "curtis bale", "The Jobs Man")])
    (actor,) = res.actors
    assert actor.user_names == ["The Jobs Man"]


def test_ids_are_kept_between_runs():
    ns = nodes((BALE_FULL, 1), (GARETH, 1))
    first = resolve(ns, first_new_id=1)
    ns = [n._replace(actor_id=first.assignments[n.rid]) for n in ns]
    ns2 = nodes((BALE_FULL, 1), (GARETH, 1), (BALE_SHORT, 3))
    ns2 = [n._replace(actor_id=first.assignments[n.rid]) if n.rid < len(ns) else n for n in ns2]
    second = resolve(ns2, first_new_id=10)
    assert actor_of(ns2, second, 0, "Curtis Bale") == actor_of(ns, first, 0, "Curtis Bale")
    assert actor_of(ns2, second, 1, "Gareth Bale") == actor_of(ns, first, 1, "Gareth Bale")
    assert actor_of(ns2, second, 2, "Bale") >= 10


def test_an_article_alone_links_an_organisation_short_form_across_the_corpus():
    full = make("e", "Brightvein Minerals filed the permit.", [("Brightvein Minerals", "ORG")])
    alone = make("k", "Brightvein's plan was mocked.", [("Brightvein", "PERSON")], source="Other Post")
    ns = nodes((full, 7), (alone, 9))
    res = resolve(ns)
    assert actor_of(ns, res, 0, "Brightvein Minerals") == actor_of(ns, res, 1, "Brightvein")
    # two organisations it could stand for: no link
    other = make("m", "Brightvein Holdings Ltd sold shares.", [("Brightvein Holdings", "ORG")])
    ns = nodes((full, 7), (alone, 9), (other, 8))
    res = resolve(ns)
    assert actor_of(ns, res, 1, "Brightvein") != actor_of(ns, res, 0, "Brightvein Minerals")
    # a surname alone in its story is never linked across the corpus
    ns = nodes((BALE_FULL, 1), (BALE_SHORT, 2))
    res = resolve(ns)
    assert actor_of(ns, res, 0, "Curtis Bale") != actor_of(ns, res, 1, "Bale")
