"""Actors across the corpus: which stored names are one person or organisation.

Each stored article keeps its names already grouped within the article (the text's own links,
:mod:`slant.names`). Across articles, resolution links, in order:

1. the user's splits first, as constraints: a name split from an actor never joins it again;
2. the names one article links (its local groups);
3. equal full names: a person's name of two or more words, an organisation's or place's name
   (one-word names only between entities of the same type), compared without honorifics,
   legal suffixes, possessives or punctuation;
4. within one story, a one-word name (a surname, an organisation's first word) or an
   organisation's short form that matches exactly one full name in that story's articles;
   and the same lone surname in two articles of a story that names nobody with it in full;
   for an article alone in its story, an organisation's short form ("Brightvein", an
   acronym) that can stand for exactly one organisation of the whole corpus, when no person
   named in full anywhere has it as a surname;
5. the user's merges and aliases, between actors as they then stand (by display name).

A wrong merge is worse than a missed one: a surname shared by two full names in a story, or
a name in an article that belongs to no story, stays apart. Users correct the rest with
``slant actors merge / split / alias``; corrections are kept by name in the store and replayed
here on every run, so they survive re-analysis and re-clustering.

Actor ids are kept from one run to the next: an actor takes the id most of its names had.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from slant.names import (
    ActorNode,
    ShortFormIndex,
    group_gender,
    is_acronym,
    norm_name,
    short_form_of,
)

PEOPLE = ("PERSON", "SPEAKER")


@dataclass
class Actor:
    """One resolved actor (what :meth:`Store.save_actors` writes)."""

    id: int
    name: str
    type: str
    gender: str | None
    female: int
    male: int
    articles: int
    names: list[str] = field(default_factory=list)
    user_names: list[str] = field(default_factory=list)


@dataclass
class Resolution:
    actors: list[Actor]
    assignments: dict[int, int]  # node rid -> actor id


@dataclass
class ActorRun:
    names: int
    actors: int
    changed: int


class _Correction(Protocol):
    op: str
    a: str
    b: str


class ActorStore(Protocol):
    """What :func:`update_actors` needs of a store (``slant.store.Store`` has it)."""

    def actor_nodes(self) -> list: ...
    def actor_corrections(self) -> list: ...
    def max_actor_id(self) -> int: ...
    def save_actors(self, actors: list, assignments: dict[int, int]) -> int: ...


class _Apart:
    """Union-find that refuses a union putting two names the user split into one actor."""

    def __init__(self, n: int, tags: list[str | None], apart: set[tuple[str, str]]) -> None:
        self.p = list(range(n))
        self.apart = apart
        self.tags: dict[int, set[str]] = {i: {tg} for i, tg in enumerate(tags) if tg is not None}

    def find(self, i: int) -> int:
        p = self.p
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ta, tb = self.tags.get(ra), self.tags.get(rb)
        if ta and tb and any((x, y) in self.apart for x in ta for y in tb):
            return False
        if ra > rb:
            ra, rb = rb, ra
            ta, tb = tb, ta
        self.p[rb] = ra
        if tb:
            self.tags.setdefault(ra, set()).update(tb)
            self.tags.pop(rb, None)
        return True


def _full(key: str, type: str) -> bool:
    """A name that names one actor on its own: a person's of two or more words; any other
    entity's name."""
    if type in PEOPLE:
        return len(key.split()) >= 2
    return True


def _display(nodes: Sequence[ActorNode], members: list[int]) -> tuple[str, str]:
    """(display name, type): the most used name that is no short form of another of the
    actor's names ("Curtis Bale", not "Bale"; "Wrenmoor Environmental Review Board", not
    "Review Board" or "WERB"), and the type most of its mentions have."""
    keys = {nodes[i].key for i in members}
    index = ShortFormIndex()
    for k in keys:
        index.add(k, "ORG")
        index.add(k, "PERSON")

    def short(i: int) -> bool:
        n = nodes[i]
        if len(keys) == 1:
            return False
        toks = n.key.split()
        if is_acronym(n.name) and index.org_form.get("#" + n.key):
            return True
        if len(toks) == 1 and (index.surname.get(n.key) or index.org_form.get(n.key)):
            return True
        return bool(len(toks) >= 2 and any(k != n.key and k.endswith(" " + n.key) for k in keys))

    pool = [i for i in members if not short(i) and nodes[i].kind != "alias"] \
        or [i for i in members if not short(i)] or list(members)
    counts: Counter[str] = Counter(nodes[i].key for i in pool)
    surface: dict[str, str] = {}
    for i in pool:
        surface.setdefault(nodes[i].key, nodes[i].name)
    best = max(counts, key=lambda k: (counts[k], len(k), k))
    types = Counter("PERSON" if nodes[i].type == "SPEAKER" else nodes[i].type
                    for i in members if nodes[i].key == best)
    return surface[best], types.most_common(1)[0][0]


def _apart_pairs(corr: list[_Correction]) -> set[tuple[str, str]]:
    """1. the user's splits, both ways round."""
    apart: set[tuple[str, str]] = set()
    for c in corr:
        if c.op == "apart":
            apart.add((c.a, c.b))
            apart.add((c.b, c.a))
    return apart


def _link_article_groups(nodes: Sequence[ActorNode], uf: _Apart) -> None:
    """2. the names one article links (its local groups)."""
    by_group: dict[tuple[int, int], int] = {}
    for i, n in enumerate(nodes):
        g = (n.article_pk, n.grp)
        if g in by_group:
            uf.union(by_group[g], i)
        else:
            by_group[g] = i


def _link_full_names(nodes: Sequence[ActorNode], uf: _Apart) -> None:
    """3. equal full names (one-word names only between entities of the same type)."""
    by_key: dict[tuple[str, str], int] = {}
    for i, n in enumerate(nodes):
        if not _full(n.key, n.type):
            continue
        k = (n.key, "*" if len(n.key.split()) >= 2 else n.type)
        if k in by_key:
            uf.union(by_key[k], i)
        else:
            by_key[k] = i


def _link_story_short_forms(nodes: Sequence[ActorNode], members: list[int], uf: _Apart,
                            group_has_full: set[tuple[int, int]]) -> None:
    """4. within one story (``members``): a short form that matches exactly one full name in
    it, and the same lone surname in two of its articles when nobody has it in full."""
    index = ShortFormIndex()
    first: dict[str, int] = {}
    for i in members:
        n = nodes[i]
        index.add(n.key, n.type)
        if _full(n.key, n.type) and (n.type in PEOPLE or n.type == "ORG"):
            first.setdefault(n.key, i)
    lone: dict[str, int] = {}
    for i in members:
        n = nodes[i]
        if (n.article_pk, n.grp) in group_has_full:
            continue
        target = short_form_of(n.key, n.type, index, n.name)
        if target is not None and target in first:
            uf.union(first[target], i)
        elif n.type in PEOPLE and " " not in n.key and n.key not in index.surname:
            # the same lone surname in two articles of one story, no full name for it
            if n.key in lone:
                uf.union(lone[n.key], i)
            else:
                lone[n.key] = i


def _link_corpus_org_forms(nodes: Sequence[ActorNode], alone: list[int], uf: _Apart) -> None:
    """4b. for the names ``alone`` (an article alone in its story, or in none): an
    organisation's short form links to the one organisation of the whole corpus it can stand
    for, when no person named in full anywhere has it as a surname (people's surnames stay
    within a story)."""
    corpus = ShortFormIndex()
    first_org: dict[str, int] = {}
    for i, n in enumerate(nodes):
        if len(n.key.split()) >= 2 and n.type in ("PERSON", "ORG"):
            corpus.add(n.key, n.type)
            if n.type == "ORG":
                first_org.setdefault(n.key, i)
    for i in alone:
        n = nodes[i]
        if n.type not in ("ORG", "PERSON", "SPEAKER") or corpus.surname.get(n.key):
            continue
        target = short_form_of(n.key, "ORG", corpus, n.name)
        if target is not None and target in first_org:
            uf.union(first_org[target], i)


def _components(nodes: Sequence[ActorNode], uf: _Apart) -> dict[int, list[int]]:
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        comps[uf.find(i)].append(i)
    return comps


def _apply_user_merges(nodes: Sequence[ActorNode], uf: _Apart, wanted: list[_Correction]) -> None:
    """5. the user's merges and aliases, between actors as they then stand (by display name)."""
    for _ in range(3):  # merges can chain (A=B, B=C): a few passes settle them
        by_display: dict[str, int] = {}
        names_of: dict[str, list[int]] = defaultdict(list)
        for root, members in _components(nodes, uf).items():
            disp, _t = _display(nodes, members)
            by_display.setdefault(norm_name(disp), root)
            for nm in {nodes[i].norm for i in members}:
                names_of[nm].append(root)
        done = True
        for c in wanted:
            ra = by_display.get(c.a)
            if ra is None and len(set(names_of.get(c.a, []))) == 1:
                ra = names_of[c.a][0]
            rb = by_display.get(norm_name(c.b))
            if ra is None or rb is None or uf.find(ra) == uf.find(rb):
                continue
            if uf.union(ra, rb):
                done = False
        if done:
            break


def _actors(nodes: Sequence[ActorNode], comps: dict[int, list[int]], corr: list[_Correction],
            first_new_id: int) -> Resolution:
    """The actors of the final groups: an actor keeps the id most of its names had; its
    display name, type, gender evidence, names and the aliases users gave it."""
    aliases_for: dict[str, list[str]] = defaultdict(list)
    for c in corr:
        if c.op == "alias":
            aliases_for[c.a].append(c.b)
    order = sorted(comps.values(), key=lambda m: (-len(m), m[0]))
    used: set[int] = set()
    next_id = first_new_id
    result = Resolution(actors=[], assignments={})
    for members in order:
        votes = Counter(nodes[i].actor_id for i in members if nodes[i].actor_id is not None)
        aid = next((x for x, _ in votes.most_common() if x not in used), None)
        if aid is None:
            while next_id in used:
                next_id += 1
            aid = next_id
            next_id += 1
        used.add(aid)
        disp, typ = _display(nodes, members)
        female = sum(nodes[i].female for i in members)
        male = sum(nodes[i].male for i in members)
        names = list(dict.fromkeys(nodes[i].name for i in sorted(
            members, key=lambda i: (nodes[i].kind == "alias", -len(nodes[i].name)))))
        # an alias a user gave may be spelled as no stored name: it is still a name of the actor
        users = [u for nm in {norm_name(disp), *(nodes[i].norm for i in members)}
                 for u in aliases_for.get(nm, [])]
        result.actors.append(Actor(
            id=aid, name=disp, type=typ,
            gender=group_gender(female, male) if typ == "PERSON" else None,
            female=female, male=male,
            articles=len({nodes[i].article_pk for i in members}),
            names=[disp, *[x for x in names if x != disp]], user_names=list(dict.fromkeys(users))))
        for i in members:
            result.assignments[nodes[i].rid] = aid
    return result


def resolve(nodes: Sequence[ActorNode], corrections: Iterable[_Correction] = (),
            first_new_id: int = 1) -> Resolution:
    """Group ``nodes`` (one name in one article each) into actors; see the module docstring."""
    corr = list(corrections)
    apart = _apart_pairs(corr)
    apart_names = {x for pair in apart for x in pair}
    uf = _Apart(len(nodes), [n.norm if n.norm in apart_names else None for n in nodes], apart)
    _link_article_groups(nodes, uf)
    _link_full_names(nodes, uf)
    stories: dict[int, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if n.story_id is not None:
            stories[n.story_id].append(i)
    group_has_full: set[tuple[int, int]] = {
        (n.article_pk, n.grp) for n in nodes
        if len(n.key.split()) >= 2 and n.type in ("PERSON", "ORG")}
    for members in stories.values():
        _link_story_short_forms(nodes, members, uf, group_has_full)
    alone = [i for i, n in enumerate(nodes)
             if (n.story_id is None or len({nodes[j].article_pk for j in stories[n.story_id]}) == 1)
             and " " not in n.key and (n.article_pk, n.grp) not in group_has_full]
    if alone:
        _link_corpus_org_forms(nodes, alone, uf)
    wanted = [c for c in corr if c.op in ("same", "alias")]
    if wanted:
        _apply_user_merges(nodes, uf, wanted)
    return _actors(nodes, _components(nodes, uf), corr, first_new_id)


def update_actors(store: ActorStore) -> ActorRun:
    """Resolve every stored name into actors, replaying the user's corrections."""
    nodes = store.actor_nodes()
    res = resolve(nodes, store.actor_corrections(), first_new_id=store.max_actor_id() + 1)
    changed = store.save_actors(res.actors, res.assignments)
    return ActorRun(names=len(nodes), actors=len(res.actors), changed=changed)


def resolve_analyses(analyses: Sequence[Any]) -> dict[str, dict[str, tuple[str, str, str | None]]]:
    """Actors for analyses that are not (or not all) stored: the same rules, the given
    articles taken as one story. Returns article id -> name norm -> (actor key, display
    name, gender)."""
    from slant.names import article_names

    rows: list[ActorNode] = []
    owner: list[tuple[str, str]] = []
    for pk, a in enumerate(analyses):
        for n in article_names(a):
            rows.append(ActorNode(len(rows), pk, 0, n.group, n.name, n.norm, n.key, n.type,
                                  n.kind, n.female, n.male))
            owner.append((a.article.id, n.norm))
    res = resolve(rows)
    info = {x.id: x for x in res.actors}
    out: dict[str, dict[str, tuple[str, str, str | None]]] = defaultdict(dict)
    for r, (aid, norm) in zip(rows, owner, strict=True):
        x = info[res.assignments[r.rid]]
        out[aid][norm] = (f"~{x.id}", x.name, x.gender)
    return out

