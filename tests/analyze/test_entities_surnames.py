"""A person named by a surname of two words ("Wasserman Velm") is one entity with their
full name, in either order; a word before the name that is no given name (an epithet) never
becomes the name. Invented names."""

from __future__ import annotations

import pytest

from slant.analyze.entities.mentions import _Found

pytestmark = pytest.mark.slow


def _people(*names: str) -> list[str]:
    found = _Found()
    for k, name in enumerate(names):
        found.person(name, 100 * k, 100 * k + len(name))
    return [b.name for b in found.builders]


def test_a_two_word_surname_after_the_full_name_joins_it():
    assert _people("Debbie Wasserman Velm", "Wasserman Velm", "Wasserman Velm") == ["Debbie Wasserman Velm"]


def test_the_full_name_after_a_two_word_surname_names_it():
    assert _people("Wasserman Velm", "Debbie Wasserman Velm") == ["Debbie Wasserman Velm"]


def test_an_epithet_before_a_name_never_becomes_the_name():
    assert _people("Patti Orrin", "Kritarch Patti Orrin") == ["Patti Orrin"]
    assert _people("Kritarch Patti Orrin", "Patti Orrin") == ["Patti Orrin"]


def test_two_people_sharing_a_surname_stay_two():
    assert _people("John Velm", "Ann Velm") == ["John Velm", "Ann Velm"]


def test_a_surname_typed_as_an_organisation_before_the_full_name_joins_the_person():
    from slant.analyze.entities.merges import merge_surnames
    from slant.analyze.entities.mentions import EntityBuilder

    text = "Orvan's gamble ends\n\nPresident Tomas Orvan met Lund. Orvan said it went well. The House met."
    org = EntityBuilder("Orvan", "ORG", [(0, 5)])
    person = EntityBuilder("Tomas Orvan", "PERSON", [(31, 42), (53, 58)])
    house = EntityBuilder("House", "ORG", [(82, 87)])
    ran_on = EntityBuilder("Ida House", "PERSON", [(200, 209)])  # a "person" NER ran on, never "House" alone
    builders = [org, person, house, ran_on]
    merge_surnames(builders, text)
    assert builders == [person, house, ran_on]
    assert (0, 5) in person.mentions and house.mentions == [(82, 87)]
    # a business named after the person stays a business
    text = "Orvan poll shows gains\n\nFormer mayor Tomas Orvan met voters. Orvan smiled."
    poll = EntityBuilder("Orvan", "ORG", [(0, 5)])
    person = EntityBuilder("Tomas Orvan", "PERSON", [(37, 48), (61, 66)])
    builders = [poll, person]
    merge_surnames(builders, text)
    assert builders == [poll, person]


def test_a_surname_typed_as_an_organisation_that_says_things_joins_the_first_person_named_so():
    from slant.analyze.entities.merges import merge_surnames
    from slant.analyze.entities.mentions import EntityBuilder

    # no bare "Orvan" typed a person; "Orvan says" is how people speak. The son, named first,
    # is the article's subject; his father shares the surname
    text = ("Tomas Orvan III backs Lund. His father, Tomas Orvan, Jr., wrote books. “We win,” Orvan says. "
            "The House says no.")
    son = EntityBuilder("Tomas Orvan III", "PERSON", [(0, 15)])
    father = EntityBuilder("Tomas Orvan, Jr.", "PERSON", [(40, 56)])
    org = EntityBuilder("Orvan", "ORG", [(81, 86)])
    house = EntityBuilder("House", "ORG", [(97, 102)])
    ida = EntityBuilder("Ida House", "PERSON", [(300, 309)])
    builders = [son, father, org, house, ida]
    assert text[81:86] == "Orvan" and text[97:102] == "House"
    merge_surnames(builders, text)
    assert builders == [son, father, house, ida] and (81, 86) in son.mentions


def test_a_titled_surname_goes_to_the_person_of_the_titles_gender():
    found = _Found()
    for k, (name, before) in enumerate([("Bill Velm", []), ("Hillary Velm", []), ("Velm", ["Mrs."]),
                                        ("Velm", ["Mr."]), ("Mrs. Velm", [])]):
        found.person(name, 100 * k, 100 * k + len(name), before)
    bill, hillary = found.builders
    assert [m[0] for m in bill.mentions] == [0, 300] and [m[0] for m in hillary.mentions] == [100, 200, 400]


def test_a_lowercase_miss_is_no_title():
    found = _Found()
    # "regulars will miss Velm": the latest of that surname, as with no title at all
    for k, (name, before) in enumerate([("Ann Velm", []), ("Peter Velm", []), ("Velm", ["miss"])]):
        found.person(name, 100 * k, 100 * k + len(name), before)
    assert [b.name for b in found.builders if 200 in [m[0] for m in b.mentions]] == ["Peter Velm"]


def test_a_title_changes_nothing_where_the_surnames_people_share_a_gender():
    found = _Found()
    for k, (name, before) in enumerate([("Thomas Weller", []), ("Peter Weller", []), ("Weller", ["Fr."])]):
        found.person(name, 100 * k, 100 * k + len(name), before)
    assert [b.name for b in found.builders if 200 in [m[0] for m in b.mentions]] == ["Peter Weller"]
