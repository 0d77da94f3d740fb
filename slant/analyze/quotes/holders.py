"""Who holds a role the article names: "the minister" as "Health Minister Ann Lowry",
"Hungary's Prime Minister" as the prime minister named beside it, "a victim" as the person
the next sentence names a victim, "the duo" as the two people just named."""

from __future__ import annotations

import re
from typing import Any

from slant.analyze.parse import doc_text
from slant.analyze.quotes.agreement import BE
from slant.analyze.quotes.mentions import MentionIndex, phrase_words
from slant.analyze.quotes.words import (
    ANONYMOUS_ROLES, FEMALE_NOUNS, MALE_NOUNS, PERSON_NOUNS, RELATIONS, ROLE_SYNONYMS, ROLES, sentence_before,
)
from slant.models import Entity

# words a role's label may hold besides the role and the place: "Prime Minister", "Deputy
# Foreign Minister"
ROLE_WORDS = ROLES | {"prime", "deputy", "foreign", "interior", "defence", "defense", "finance", "vice",
                      "acting", "chief", "senior", "general", "state", "secretary", "first"}

# how close to a place's role ("Hungary's Prime Minister") the article must name its holder
NEAR = 400


def named_holder(doc: Any, head: Any, a: int, index: MentionIndex, mods: set[str]) -> str | None:
    """The one person the article gives a place's role, by all its words, close before or
    after it (``NEAR`` characters): "Hungary's Prime Minister said … Prime Minister Viktor
    Orbán warned" is Orbán, not Hungary."""
    if not any(c.dep_ == "poss" and c.ent_type_ in ("GPE", "ORG") for c in head.children):
        return None
    words = phrase_words(doc, a, head.i) - mods
    names = {e.name for s, e in _labelled(index, head.lower_)
             if abs(s - head.idx) < NEAR and words <= index.label_words.get((s, e.name), set())}
    if len(names) != 1 or not words:
        return None
    name = names.pop()
    # the label's other words are the role's own or the place's ("German Foreign Minister"
    # is Germany's; "French Foreign Minister Ann Roe" is not)
    roots = {m[:4] for m in mods}
    # (of the labels that give the role, "Orbán … is committed to his policy" says nothing of
    # it; but a nation in any label does: "Ann Roe, the Dorvan leader" is not Velmia's)
    nations = {w for e in index.entities if e.type in ("GPE", "NORP") for w in e.name.lower().split()}
    extra = {w for (s, n), ws in index.label_words.items() if n == name
             for w in ws if head.lower_ in ws or w in nations} - words - {head.lower_}
    return name if all(w[:4] in roots or w in ROLE_WORDS for w in extra) else None


def _labelled(index: MentionIndex, role: str) -> list[tuple[int, Entity]]:
    """Where the article gave someone ``role`` or a synonym of it, as (label start, person)."""
    return [r for w in (role, *ROLE_SYNONYMS.get(role, ())) for r in index.role_words.get(w, [])]


def role_holder(index: MentionIndex, role: str, pos: int,
                words: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The person the article gave ``role`` to ("Foreign Minister Ann Lee", "Lee, the
    minister") before ``pos``: of several, the one whose label shares most of ``words``
    (the phrase's other words: "the Republican nominee"), then the latest."""
    if role in ANONYMOUS_ROLES:
        return None  # "a House official said … The official said": not whoever else is one
    best = sorted(((s, e) for s, e in _labelled(index, role) if s < pos),
                  key=lambda r: r[0])  # "the congressman" after "Rep. Danny Davis"
    if not best:
        return None
    if words:
        scored = [(len(words & index.label_words.get((s, e.name), set())), s, e) for s, e in best]
        top = max(scored, key=lambda r: (r[0], r[1]))
        if top[0] < len(words) and any(r[0] > top[0] for r in scored):
            return None
        if top[0] == 0 and len({e.name for _, e in best}) > 1:
            return None
        return top[2].name
    return best[-1][1].name


LATER = 1000  # how soon after "the lawyer said" the article must name its one lawyer


def later_holder(head: Any, index: MentionIndex) -> str | None:
    """"the lawyer said …" before the article gives that role to anyone, when it later gives
    it (or a synonym: "an attorney, Ann Roe") to one person only, within ``LATER`` characters:
    a definite role is someone the reader can find, and the article names no other."""
    if head.lower_ in ANONYMOUS_ROLES or [c.lower_ for c in head.children if c.dep_ == "det"] != ["the"]:
        return None
    later = [(s, e.name) for s, e in _labelled(index, head.lower_) if s > head.idx]
    names = {n for _, n in later}
    return names.pop() if len(names) == 1 and min(s for s, _ in later) < head.idx + LATER else None


def next_holder(head: Any, index: MentionIndex) -> str | None:
    """The one person named right after the role's sentence with that role as a label: news
    often gives the role first and the name next ("A victim of a priest has revealed …. Ann
    Roe, a victim of …, said …"; "A federal judge ordered …. Chief District Judge Ann Roe
    found …")."""
    if head.lower_ in ANONYMOUS_ROLES:
        return None  # "An official said …. Ann Roe, an official at …": not whoever else is one
    end = head.sent.end_char
    # a place or nationality on the role must be in the label ("Austrian bishop" is not the
    # "Bishop Ann Roe" of the German conference)
    places = {c.lower_.strip(",.") for c in head.children if c.ent_type_ in ("NORP", "GPE")}
    names = {e.name for s, e in _labelled(index, head.lower_) if end <= s < end + NEAR
             and places <= index.label_words.get((s, e.name), set())
             and any(m.start < s and s - m.end < 4 or _titled(e, s, m.start) for m in e.mentions)}
    return names.pop() if len(names) == 1 else _renamed(head, index)


# labels one person can bear in turn ("a journalist" who is "the photographer")
RELABELS = ({"journalist", "reporter", "photographer", "writer", "author", "columnist", "blogger", "correspondent",
             "editor"}, {"lawyer", "attorney", "counsel"}, {"priest", "pastor", "cleric", "preacher"},
            {"doctor", "surgeon", "physician"})


def _renamed(head: Any, index: MentionIndex) -> str | None:
    """"A journalist announced …. The photographer, Ann Roe, told …": a new person the next
    sentence opens on as "the" someone, named in apposition, is the one just introduced."""
    doc = head.doc
    if head.sent.end >= len(doc) or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
        return None
    nxt = doc[head.sent.end].sent
    subj = next((c for c in nxt.root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ not in PERSON_NOUNS or subj.i > nxt.start + 2 or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in subj.children) or not any(
            head.lower_ in kin and subj.lower_ in kin for kin in RELABELS):
        return None  # ("A senator said …. The mayor, Ann Roe, said …" is someone else)
    named = [e for c in subj.children if c.dep_ == "appos"
             for _, _, e in index.inside(c.idx, c.idx + len(c)) if e.type == "PERSON"]
    return named[0].name if len(named) == 1 else None


def _titled(e: Entity, s: int, start: int) -> bool:
    """Whether the label at ``s`` is a title right before a mention at ``start`` ("Chief
    District Judge Ann Roe"), or the mention itself kept it ("Judge Ann Roe")."""
    return s == start or any(d.start == s and 0 <= start - s - len(d.text) <= 2 for d in e.descriptors)


# a story's main person under an epithet the article gives no one ("the nominee said"); only
# these: "the judge", "the professor" or "the governor" of a story is most often someone else
EPITHETS = {"nominee", "pontiff"}


def epithet_holder(head: Any, index: MentionIndex) -> str | None:
    """"Kavanaugh, who maintains his innocence. “…,” the nominee said": "the" and an epithet
    the article gives no one is the person the story is about (named at least three times,
    twice as often as anyone else) when this sentence or the one before names them."""
    if head.lower_ not in EPITHETS or _labelled(index, head.lower_) or \
            [c.lower_ for c in head.children if c.dep_ not in ("punct", "prep", "relcl", "acl")] != ["the"]:
        return None
    counts = sorted(((len(e.mentions), e) for e in index.entities
                     if e.type == "PERSON" and e.name not in index.not_people), key=lambda r: -r[0])
    if not counts or counts[0][0] < 3 or len(counts) > 1 and counts[0][0] < 2 * counts[1][0]:
        return None
    top = counts[0][1]
    since = (sentence_before(head.sent) or head.sent).start_char
    return top.name if any(since <= m.start < head.idx for m in top.mentions) else None


# nouns for two people spoken of together: "the pair", "the duo", "Both said …"
PAIRS = {"pair", "duo", "both", "twosome"}


def pair_named(doc: Any, head: Any, index: MentionIndex) -> str | None:
    """"The pair", "the duo", "both": the two people the sentence before named, as "A and B"
    ("Horowitz testified with Wray … the duo cited mistakes" is both of them)."""
    if head.lower_ not in PAIRS or head.lower_ != "both" and not any(
            c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children) or any(
            g.dep_ == "pobj" and g.tag_ != "PRP" and g.ent_type_ != "PERSON"
            for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children):
        return None  # ("Both of the bills say …": things)
    start = (sentence_before(head.sent) or head.sent).start_char
    names: list[str] = []
    for s, _, e in index.rows:
        if start <= s < head.idx and e.type == "PERSON" and e.name not in names:
            names.append(e.name)
    return f"{names[-2]} and {names[-1]}" if len(names) >= 2 else None


PLURAL_NEAR = 1500  # how soon after "his attorneys Ann Roe and Bill Osk" "his attorneys" are they
LISTED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")  # between the names of a list


def plural_holders(head: Any, index: MentionIndex) -> str | None:
    """"his attorneys Ann Roe and Bill Osk …. His attorneys say": a plural role with "the" or
    a possessive is the people the article last listed under it (or a synonym: "lawyers"), with
    the same possessive, within ``PLURAL_NEAR`` characters, when it listed two or more."""
    if head.tag_ != "NNS" or not any(c.dep_ == "poss" and c.tag_ == "PRP$" or c.dep_ == "det" and c.lower_ == "the"
                                     for c in head.children) or any(c.dep_ not in ("poss", "det", "punct")
                                                                    for c in head.children):
        return None  # ("the senators who opposed it", "Republican senators": some others)
    forms = (head.lower_, *(w + "s" for w in ROLE_SYNONYMS.get(head.lower_[:-1], ())))
    labels = sorted((s, e) for w in forms for s, e in index.role_words.get(w, []) if head.idx - PLURAL_NEAR < s < head.idx)
    poss = next((c.lower_ for c in head.children if c.dep_ == "poss"), None)
    text = doc_text(head.doc)
    if poss is not None:  # "his attorneys" are the ones the article called "his attorneys", not "her lawyers"
        labels = [(s, e) for s, e in labels if text[max(0, s - 12):s].lower().split()[-1:] == [poss]]
    if not labels:
        return None
    s, first = labels[-1]
    mention = next((m for m in first.mentions if 0 < m.start - s < 80), None)
    if mention is None:
        return None
    names, end = [first.name], mention.end
    while (sep := LISTED.match(text, end)) is not None:
        nxt = next(((b, e) for a, b, e in index.rows if a == sep.end() and e.type == "PERSON"), None)
        if nxt is None or nxt[1].name in names:
            break
        end, names = nxt[0], [*names, nxt[1].name]
    # nobody new in between, and the noun not used again for others ("…. Later, the senators met")
    sent_start = head.doc.char_span(s, s + 1, alignment_mode="expand")
    known = {e.name for _, _, e in index.inside(sent_start.sent.start_char, end)} if sent_start is not None else set()
    if len(names) < 2 or any(e.type == "PERSON" and e.name not in known for _, _, e in index.inside(end, head.idx)) \
            or re.search(rf"\b{re.escape(head.lower_)}\b", text[end:head.idx], re.IGNORECASE):
        return None
    return f"{', '.join(names[:-1])} and {names[-1]}"


def predicated(head: Any, index: MentionIndex) -> str | None:
    """"Sen. Ann Roe is another weary soldier calling on …", "remember Roe as the student
    politician who told …": the person the clause says the phrase is."""
    if head.tag_ not in ("NN", "NNS") or head.ent_type_:
        return None
    if head.dep_ == "attr" and head.head.lower_ in BE:
        subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    elif head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.dep_ == "prep":
        held = head.head.head  # ("remember Roe as the steward who …": the prep on the verb or on Roe)
        subj = held if held.dep_ == "dobj" else next((c for c in held.children if c.dep_ == "dobj"), None)
        verb = subj.head if subj is not None else held
        if not verb.lower_.startswith(REGARDING):
            return None  # ("replaced Osk as the commissioner who …", "hired Roe's son as the analyst")
    else:
        return None
    if subj is None or subj.ent_type_ != "PERSON":
        return None  # ("Ann Roe's husband is another veteran calling …": not Roe)
    people = [e for _, _, e in index.inside(subj.idx, subj.idx + len(subj)) if e.type == "PERSON"]
    return people[-1].name if people else None


# verbs that say what someone is ("remember Roe as the steward who …")
REGARDING = ("remember", "recall", "know", "knew", "see", "saw", "describ", "portray", "paint", "cast", "depict",
             "regard", "view", "consider")


def described(doc: Any, head: Any, index: MentionIndex) -> str | None:
    """The person or people a description stands for: a predicate's subject, a pair, a
    plural role's list, a person of that age."""
    return predicated(head, index) or pair_named(doc, head, index) or plural_holders(head, index) \
        or aged_holder(head, index)


DIVINE_RE = re.compile(r"\b(?:Jesus Christ|Christ|Jesus|God)\b")  # whom a reverent capital "He" means


def reverent(doc: Any, head: Any, index: MentionIndex) -> str | None:
    """A capital "He" inside a sentence (after a comma or a lowercase word, not "5 p.m.") is
    the reverent pronoun: the God or Christ the article last named within 2,000 characters,
    else "He" itself, no one it can name. So is a "He" opening a sentence after one whose
    subject is God or Christ and that writes "His" or "Him" inside it ("… did God give man His
    law. He told Noah …"; not "Lee thanked God for His mercy. He said …")."""
    if head.text != "He" or head.i == 0:
        return None
    if not (doc[head.i - 1].text in (",", ";") or doc[head.i - 1].is_alpha and doc[head.i - 1].is_lower):
        before = sentence_before(head.sent) if head.i == head.sent.start else None
        if before is None or not any(t.text in ("His", "Him") and t.i > before.start for t in before):
            return None
        subjects = [t.text for t in before if t.dep_ in ("nsubj", "nsubjpass") and DIVINE_RE.fullmatch(t.text)]
        return _divine(index, subjects[-1]) if subjects else None
    named = [m.group(0) for m in DIVINE_RE.finditer(doc_text(doc), max(0, head.idx - 2000), head.idx)]
    return _divine(index, named[-1]) if named else head.text


def _divine(index: MentionIndex, word: str) -> str:
    """The entity "God" or "Christ" names in the article, else the word."""
    return ent.name if (ent := index.by_part(word)) else word


# the press nouns: "the paper said" is the newspaper that spoke last, when it spoke just before
PRESS_NOUNS = {"newspaper", "paper", "outlet", "broadcaster", "channel", "publication", "magazine", "website"}
PRESS_NEAR = 1500


# words that name a newspaper, a broadcaster or a news site
PRESS_NAMES = re.compile(r"\b(?:Times|Post|News|Journal|Herald|Tribune|Guardian|Telegraph|Daily|Press|Gazette|"
                         r"Review|Magazine|Radio|TV|Television|Network|Broadcasting|Beacon|Caller|Star|Sun|Mail|"
                         r"Mirror|Express|Observer|Independent|Chronicle|Examiner|Inquirer|Monitor|Wire|Reuters|"
                         r"AP|AFP|BBC|CNN|CBS|NBC|ABC|Fox|NPR|MSNBC|Politico|Axios|Breitbart|Intercept|BuzzFeed|"
                         r"Bloomberg|Ledger|Courier|Dispatch|Bulletin|Standard|Register|Record|Sentinel)\b")


def last_press(head: Any, index: MentionIndex) -> Entity | None:
    """"“…,” the Harbour Times reported. … , the paper said": "the paper" (and the other press
    nouns) is the organisation the article last quoted, when that was within ``PRESS_NEAR``
    characters and its name is a newspaper's or a broadcaster's ("Times", "News", "BBC" …)."""
    said = index.last_group
    if head.lower_ not in PRESS_NOUNS or said is None or said[0].type != "ORG" or not PRESS_NAMES.search(said[0].name):
        return None
    return said[0] if 0 < head.idx - said[1] < PRESS_NEAR else None


def next_press(head: Any, index: MentionIndex) -> Entity | None:
    """"A British newspaper alleges that … The Harbour Times, which did not name its sources,
    said …": "a newspaper" (an indefinite press noun) is the one newspaper or broadcaster the
    article names in the sentences after it, within ``PRESS_NEAR`` characters; None for none
    or several."""
    if head.lower_ not in PRESS_NOUNS or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
        return None
    after = head.sent.end_char  # (not a paper named in what it reports: "a newspaper reported that the Times …")
    found = {e.name: e for s, _, e in index.rows
             if after <= s < head.idx + PRESS_NEAR and e.type == "ORG" and PRESS_NAMES.search(e.name)}
    return next(iter(found.values())) if len(found) == 1 else None


AGED = re.compile(r"(\d{1,3})-year-old")  # "the 34-year-old former linguist"


def aged_holder(head: Any, index: MentionIndex) -> str | None:
    """"Ann Roe, 34, was arrested …. The 34-year-old linguist said …": a definite phrase with
    an age is the one person the article gives that age beside the name ("Roe, 34," or "Roe
    (34)"); not after an indefinite phrase with that age ("A 40-year-old woman was hurt. …
    The 40-year-old woman said": that unnamed woman), and never merely a person named nearby
    (a victim, a rescuer or a suspect of that age is someone else)."""
    if head.tag_ not in ("NN", "NNS") or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    doc = head.doc
    text = doc_text(doc)
    age = AGED.search(text, doc[head.left_edge.i].idx, head.idx)
    if age is None or re.compile(rf"\b(?:a|an)\s+{age.group(0)}", re.I).search(text, 0, head.idx):
        return None
    given = re.compile(rf"\s*(?:,\s*{age.group(1)}\s*[,.;]|\(\s*{age.group(1)}\s*\))")
    names = {e.name for _, end, e in index.rows if e.type == "PERSON" and given.match(text, end)}
    return names.pop() if len(names) == 1 else None


# nouns for someone by their part in the events the story tells, which the person who spoke
# in the sentence before may be given ("the victim", who is often someone else, is not one)
PARTICIPANTS = {"witness", "eyewitness", "caller", "informant", "whistleblower"}


def _before_quote(head: Any) -> Any | None:
    """The sentence before ``head``'s; when a quote closes in ``head``'s sentence, the narrator's
    sentence before that quote opened, not one inside it."""
    prev = sentence_before(head.sent)
    text = doc_text(head.doc)
    closing = max(text.rfind(mark, 0, head.idx) for mark in "”\"")
    opening = max(text.rfind(mark, 0, closing) for mark in "“\"") if closing >= head.sent.start_char else -1
    while prev is not None and prev.start_char >= opening >= 0:
        prev = sentence_before(prev)
    return prev


def topic_holder(head: Any, index: MentionIndex) -> str | None:
    """"Wasserman Velm cornered the officer …. The congresswoman also told him …": a definite
    role of one gender opening its sentence as the subject is the person the sentence before
    was about, when the article gives that person the same gender (as "the agency" is the body
    the sentence before was about); a participant (``PARTICIPANTS``) of either gender, before
    or after a quote, is the person who spoke in the narrator's sentence before the quote."""
    gender = "f" if head.lower_ in FEMALE_NOUNS else "m" if head.lower_ in MALE_NOUNS else None
    if head.lower_ in RELATIONS or head.lower_ in ("spokesman", "spokeswoman", "widow"):
        gender = None  # kin, "the woman", a spokesman: someone beside the person, not the person
    # ("Jeff told the station …. “…,” the witness claimed": after the quote, too)
    part = head.lower_ in PARTICIPANTS
    if gender is None and not part or head.dep_ != "nsubj" or head.left_edge.i != head.sent.start and not part \
            or [c.lower_ for c in head.children if c.dep_ == "det"] != ["the"]:
        return None
    prev = _before_quote(head) if part else sentence_before(head.sent)  # the first subject there, when a person
    if prev is None or any(t.lower_ == head.lower_ for t in prev):
        return None  # ("Roe interviewed the king. The king said …": someone else the same noun names)
    if part:  # the person who spoke there ("Roe told the station …. “…,” the witness said")
        said = index.last_said
        if said is None or not prev.start_char <= said[3] < prev.end_char or said[0] in index.not_people:
            return None  # (not whoever the sentence was about: "Velm crashed his car. “…,” the witness said")
        return said[0] if any(e.name == said[0] and e.type == "PERSON" for e in index.entities) else None
    first = next((e for s, e in index.subject_rows if prev.start_char <= s < prev.end_char), None)
    return first.name if first is not None and first.type == "PERSON" and index.genders.get(first.name) == gender \
        else None

