"""The rules that link names within one article (slant.names), on texts written for them."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "stories"))

from actor_builders import make

from slant.names import article_names, group_gender, name_key


def groups(analysis) -> list[set[str]]:
    by: dict[int, set[str]] = {}
    for n in article_names(analysis):
        by.setdefault(n.group, set()).add(n.name)
    return sorted(by.values(), key=lambda s: sorted(s))


def same(analysis, *names: str) -> bool:
    return any(set(names) <= g for g in groups(analysis))


def test_full_name_and_surname():
    a = make("n1", "Curtis Bale runs the alliance. Later Bale said the jobs were real.",
             entities=[("Curtis Bale", "PERSON"), ("Bale", "PERSON")])
    assert same(a, "Curtis Bale", "Bale")


def test_a_surname_two_people_share_stays_apart():
    a = make("n2", "Anna Holt and Peter Holt disagree. Holt said no.",
             entities=[("Anna Holt", "PERSON"), ("Peter Holt", "PERSON"), ("Holt", "PERSON")])
    assert not same(a, "Anna Holt", "Holt") and not same(a, "Peter Holt", "Holt")
    assert not same(a, "Anna Holt", "Peter Holt")


def test_known_as_quoted_and_unquoted():
    a = make("n3", "Mohammed Emwazi, known as 'Jihadi John', appeared in the videos.",
             entities=[("Mohammed Emwazi", "PERSON")])
    assert same(a, "Mohammed Emwazi", "Jihadi John")
    b = make("n4", "Mohammed Emwazi, better known as Jihadi John, appeared. Jihadi John was named.",
             entities=[("Mohammed Emwazi", "PERSON"), ("Jihadi John", "PERSON")])
    assert same(b, "Mohammed Emwazi", "Jihadi John")


def test_alias_descriptor_from_the_entities_stage():
    a = make("n5", "Rosa Vance, dubbed 'the Iron Clerk', spoke.", entities=[("Rosa Vance", "PERSON")],
             descriptors={"Rosa Vance": [("the Iron Clerk", "alias")]})
    assert same(a, "Rosa Vance", "the Iron Clerk")


def test_name_then_other_name_in_brackets():
    a = make("n6", "Jihadi John (Mohammed Emwazi) was seen. Mohammed Emwazi was born in Kuwait.",
             entities=[("Jihadi John", "PERSON"), ("Mohammed Emwazi", "PERSON")])
    assert same(a, "Jihadi John", "Mohammed Emwazi")


def test_nicknamed():
    a = make("n7", "Robert Lane, nicknamed Bobby Lightning, won again.",
             entities=[("Robert Lane", "PERSON")])
    assert same(a, "Robert Lane", "Bobby Lightning")


def test_acronym_in_brackets():
    a = make("n8", "The Harbour Planning Authority (HPA) met. The HPA then voted.",
             entities=[("Harbour Planning Authority", "ORG"), ("HPA", "ORG")])
    assert same(a, "Harbour Planning Authority", "HPA")
    # the expansion was not an entity: the phrase before the brackets still links
    b = make("n9", "The Save Alder Creek Coalition (SACC) met. SACC voted.", entities=[("SACC", "GPE")])
    assert same(b, "Save Alder Creek Coalition", "SACC")


def test_brackets_that_are_no_alias_link_nothing():
    a = make("n10", "Vera Lind (who chairs the board) spoke. The Board (2019) agreed.",
             entities=[("Vera Lind", "PERSON"), ("Board", "ORG")])
    assert groups(a) == [{"Board"}, {"Vera Lind"}]
    # an affiliation in brackets is not another name
    b = make("n10b", "Hannah Birch (Save Alder Creek Coalition) spoke for the Save Alder Creek Coalition.",
             entities=[("Hannah Birch", "PERSON"), ("Save Alder Creek Coalition", "ORG")])
    assert not same(b, "Hannah Birch", "Save Alder Creek Coalition")
    c = make("n10c", "Ana Reyes (Harbour Party) won.", entities=[("Ana Reyes", "PERSON")])
    assert groups(c) == [{"Ana Reyes"}]


def test_legal_suffix():
    a = make("n11", "Brightvein Minerals Inc. filed. Brightvein Minerals said more later.",
             entities=[("Brightvein Minerals Inc.", "ORG"), ("Brightvein Minerals", "ORG")])
    assert same(a, "Brightvein Minerals Inc.", "Brightvein Minerals")
    assert name_key("Brightvein Minerals Inc.", "ORG") == name_key("brightvein minerals", "ORG")
    assert name_key("Dr. Priya Venkataraman", "PERSON") == "priya venkataraman"


def test_organisation_first_word_and_last_words():
    a = make("n12", "Brightvein Minerals and the Wrenmoor Environmental Review Board disagree. "
                    "Brightvein says the Review Board is slow.",
             entities=[("Brightvein Minerals", "ORG"), ("Wrenmoor Environmental Review Board", "ORG"),
                       ("Brightvein", "PERSON"), ("Review Board", "ORG")])
    assert same(a, "Brightvein Minerals", "Brightvein")
    assert same(a, "Wrenmoor Environmental Review Board", "Review Board")
    assert not same(a, "Brightvein Minerals", "Review Board")


def test_speaker_names_link_to_entities_and_descriptions_are_no_actors():
    a = make("n13", 'Curtis Bale spoke. "We need the jobs," Bale said. "No," the company said.',
             entities=[("Curtis Bale", "PERSON")],
             quotes=[('"We need the jobs,"', "Bale", "Bale"), ('"No,"', "the company", "the company")])
    names = {n.name: n for n in article_names(a)}
    assert "the company" not in names
    assert same(a, "Curtis Bale", "Bale")


def test_gender_from_pronouns_and_titles_only():
    a = make("n14", 'Hannah Birch spoke first. "Not here," she said. Mr Tillman and Ray Okoro left.',
             entities=[("Hannah Birch", "PERSON"), ("Tillman", "PERSON"), ("Ray Okoro", "PERSON")],
             quotes=[('"Not here,"', "she", "Hannah Birch")])
    names = {n.name: n for n in article_names(a)}
    assert group_gender(names["Hannah Birch"].female, names["Hannah Birch"].male) == "female"
    assert group_gender(names["Tillman"].female, names["Tillman"].male) == "male"
    # a first name alone is no evidence: slant does not guess from name lists
    assert group_gender(names["Ray Okoro"].female, names["Ray Okoro"].male) == "unknown"
    assert group_gender(2, 1) == "unknown" and group_gender(3, 1) == "female"
