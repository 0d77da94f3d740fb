"""Resolve a speaker mention to an entity's full name.

A mention inside an entity's mention takes that entity's name (surnames were merged with
full names by the entities stage). A pronoun takes the latest speaker or person before
it; a role ("a CAGE spokesperson", "the UK director") takes the organisation it names or
the person the article gave that role; anything else keeps its own words.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from slant.analyze.parse import doc_text
from slant.models import Entity

WH = {"who", "which", "that"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
GROUP_PRONOUNS = {"they", "them", "we", "us", "it"}
ROLES = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative",
         "official", "officials", "director", "statement", "campaign", "aide", "aides",
         "adviser", "advisor", "chief", "head", "chairman", "chairwoman", "leader", "member",
         "members", "founder", "executive", "president", "secretary", "manager", "lawyer",
         "attorney", "researcher", "officer", "minister", "source", "sources", "staff",
         "team", "office", "press", "release", "report", "chair", "ceo", "analyst"}


# person nouns a pronoun can stand for and a named holder can fill ("the senator")
PERSON_NOUNS = {"senator", "governor", "mayor", "candidate", "nominee", "congressman",
                "congresswoman", "lawmaker", "legislator", "judge", "prosecutor", "general",
                "commander", "ambassador", "premier", "chancellor", "councillor", "councilor",
                "activist", "professor", "economist", "scientist", "doctor", "host", "anchor",
                "correspondent", "editor", "author", "historian", "coach", "owner", "partner",
                "strategist", "pollster", "campaigner", "mother", "father", "wife", "husband",
                "son", "daughter", "brother", "sister", "widow", "friend", "neighbour",
                "neighbor", "witness", "victim", "surgeon", "nurse", "teacher", "pastor",
                "priest", "imam", "rabbi", "bishop", "inspector", "detective", "sheriff",
                "commissioner", "superintendent", "mp", "deputy", "governor", "king", "queen",
                "prince", "princess", "chief", "boss", "founder", "organiser", "organizer",
                "vice", "prime", "secretary", "administrator", "diplomat", "envoy", "negotiator",
                "officer", "spokesman", "spokeswoman", "spokesperson", "minister", "president",
                "director", "chairman", "chairwoman", "lawyer", "attorney", "manager", "leader"}
# organisation nouns that stand for the organisation in play ("the group said")
ORG_NOUNS = {"group", "organisation", "organization", "company", "firm", "charity", "party",
             "coalition", "union", "association", "council", "agency", "ministry",
             "department", "government", "administration", "club", "movement", "alliance",
             "trust", "foundation", "society", "bank", "network", "campaign", "committee",
             "commission", "board", "institute", "team", "corporation", "business", "body",
             "regulator", "authority", "court", "newspaper", "paper", "channel", "outlet",
             "broadcaster", "network", "website", "site", "publication", "magazine"}
# documents speak for whoever issued them ("a report by X", "X's statement")
DOCUMENTS = {"report", "reports", "study", "studies", "analysis", "survey", "poll", "polls",
             "research", "statement", "letter", "complaint", "filing", "memo", "document",
             "transcript", "ad", "advertisement", "release", "paper", "review", "audit",
             "investigation", "lawsuit", "suit", "ruling", "assessment", "estimate", "data",
             "records", "book", "article", "editorial", "column", "post", "tweet", "email",
             "website", "page", "spot", "clip", "video", "findings", "figures", "speech",
             "finding", "results", "conclusions",
             "history", "footage", "recordings"}
# nouns that name no one who could speak (a document or a person's role is a source; these
# are not): "The comments", "Construction", "The application", "the election"
NON_AGENTS = {"comment", "comments", "remark", "remarks", "construction", "application",
              "applications", "election", "elections", "move", "decision", "idea", "fact",
              "facts", "news", "situation", "issue", "issues", "problem", "problems", "change",
              "changes", "development", "developments", "work", "process", "figures",
              "numbers", "footage", "image", "images", "photo", "photos", "picture",
              "pictures", "scene", "tweets", "words", "language", "question", "questions",
              "attack", "attacks", "incident", "event", "events", "meeting", "debate", "vote",
              "deal", "price", "prices", "cost", "costs", "rate", "rates", "economy",
              "weather", "time", "year", "years", "day", "days", "week", "weeks", "month",
              "months", "story", "way", "thing", "things", "lot", "part", "end", "point",
              "reason", "effect", "impact", "outcome", "growth", "increase", "decline", "rise",
              "fall", "caption", "headline", "title", "topic", "subject", "plans", "proposal",
              "project", "scheme", "permit", "site", "building", "death", "deaths", "killing",
              "shooting", "crash", "explosion", "fire", "damage", "loss", "losses", "case",
              "conference", "interview", "hearing", "rally", "session", "ceremony",
              "appearance", "briefing", "forum", "visit", "summit", "review", "history",
              "look", "examination", "reading", "search", "outbreak", "massacre", "crisis",
              "scandal", "footage", "videos", "recordings", "evidence", "sign", "signs",
              "placard", "placards", "banner", "banners", "slogan", "slogans", "signature",
              "signatures", "response", "responses", "result", "results", "conclusion",
              "conclusions", "finding", "findings", "science"}
GROUP_QUANTIFIERS = {"some", "many", "most", "all", "each", "both", "others", "several", "few",
                     "none", "half", "majority", "minority", "one", "two", "three"}
# a dateline opening a paragraph: "LONDON (Reuters) — ", "ALDER CROSSING, Wrenmoor County (CPW) - "
DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{1,40}?(?:,\s*[A-Z][A-Za-z. ]{1,30})?\s*(?:\([A-Za-z .]{1,20}\)\s*)?"
                      r"(?:—|–|--|-)\s+")
DATELINE_AFTER = re.compile(r"[A-Z .,'’-]*?(?:\((?:AP|AFP|Reuters|UPI|CNN|dpa)\)|\s*(?:—|–|--|-)\s)")


# someone else in relation to a person, speaking for themselves: "Francis's man at …",
# "her biographer" (a lawyer, a family or a spokesman speaks for the person, and is
# resolved to them)
RELATIONS = {"man", "woman", "men", "women", "friends", "friend", "supporters", "allies",
             "ally", "wife", "husband", "son", "daughter", "mother", "father", "brother",
             "sister", "critics", "opponents", "opponent", "biographer", "niece",
             "nephew", "cousin", "neighbour", "neighbor", "boss"}
ANONYMOUS_ROLES = {"official", "officials", "source", "sources", "aide", "aides", "member",
                   "members", "staff", "officer", "analyst", "researcher", "person", "people"}
ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
                 "pres": "president", "sec": "secretary", "supt": "superintendent",
                 "insp": "inspector", "det": "detective", "cllr": "councillor"}
ROLES_PEOPLE = {"spokesman", "spokeswoman", "spokesperson", "official", "director", "aide",
                "adviser", "advisor", "chief", "head", "chairman", "chairwoman", "leader",
                "founder", "executive", "president", "secretary", "manager", "lawyer",
                "attorney", "researcher", "officer", "minister", "chair", "ceo", "analyst"}


class MentionIndex:
    """Entity mentions sorted by start, for lookups by character offset."""

    def __init__(self, entities: list[Entity], genders: dict[str, str] | None = None) -> None:
        self.genders = genders or {}
        # "Brightvein's chief executive": a "person" whose name only opens an organisation's
        # name ("Brightvein Minerals") and who has no gender of their own is that
        # organisation, so "he" and "she" never resolve to it
        orgs = [e for e in entities if e.type == "ORG"]
        self.org_of: dict[str, Entity] = {}
        for e in entities:
            if e.type == "PERSON" and e.name not in self.genders:
                fits = [o for o in orgs if o.name.split()[:len(e.name.split())] == e.name.split()
                        and len(o.name.split()) > len(e.name.split())]
                if len(fits) == 1:
                    self.org_of[e.name] = fits[0]
        rows = sorted((m.start, m.end, self.org_of.get(e.name, e)) for e in entities for m in e.mentions)
        self.rows = rows
        self.starts = [r[0] for r in rows]
        self.role_words: dict[str, list[tuple[int, Entity]]] = {}
        self.label_words: dict[tuple[int, str], set[str]] = {}
        for e in entities:
            if e.type != "PERSON" or e.name in self.org_of:
                continue
            for d in e.descriptors:
                ws = {ABBREVIATIONS.get(w, w) for w in
                      (w.strip(",.\"'“”‘’") for w in d.text.lower().replace("-", " ").split())}
                self.label_words[(d.start, e.name)] = ws
                for w in ws:
                    self.role_words.setdefault(w, []).append((d.start, e))
        for lst in self.role_words.values():
            lst.sort(key=lambda r: r[0])
        self.entities = entities
        # (position, role word, phrase, the phrase's other words)
        self.role_subjects: list[tuple[int, str, str, set[str]]] = []
        self.last_group: tuple[Entity, int] | None = None   # the last organisation to speak
        self._parts: dict[str, dict[str, Entity]] | None = None
        self._role_starts: list[int] = []
        self.not_people: set[str] = set()

    def set_role_subjects(self, doc: Any) -> None:
        """Subjects that are a role noun and no name ("The minister dismissed …"), for
        pronouns that follow them."""
        text = doc_text(doc)
        rows = []
        for tok in doc:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in PERSON_NOUNS | ROLES_PEOPLE \
                    and not tok.ent_type_ and tok.tag_ in ("NN", "NNP") \
                    and any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that")
                            for c in tok.children) \
                    and (tok.head.dep_ == "ROOT" or tok.head.dep_ == "conj" and tok.head.head.dep_ == "ROOT"):
                if not self.inside(tok.left_edge.idx, tok.idx + len(tok)):
                    a = tok.left_edge
                    rows.append((tok.idx, tok.lower_, " ".join(text[a.idx:tok.idx + len(tok)].split()),
                                 _phrase_words(doc, a.i, tok.i)))
        self.role_subjects = rows
        self._role_starts = [r[0] for r in rows]
        # "Brightvein's chief executive": a "person" with no gender of their own who has a
        # chief executive or a spokesman is an organisation, never a "he" or a "she"
        for e in self.entities:
            if e.type != "PERSON" or e.name in self.genders or e.name in self.org_of:
                continue
            for m in e.mentions:
                words = text[m.end:m.end + 40].replace("’", "'").lower().split()
                if words[:1] == ["'s"] or text[m.end:m.end + 2].replace("’", "'") == "'s":
                    after = words[1:3] if words[:1] == ["'s"] else \
                        text[m.end + 2:m.end + 40].lower().split()[:2]
                    if any(w.strip(",.") in ROLES_PEOPLE for w in after):
                        self.not_people.add(e.name)
                        break

    def sentence_subject(self, doc: Any, pos: int, gender: str) -> Entity | None:
        """The person who is the subject of the sentence around ``pos``, when there is
        exactly one and of a compatible gender."""
        span = doc.char_span(pos, pos + 1, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        sent = span[0].sent
        found = {}
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.ent_type_ == "PERSON":
                for _, _, ent in self.inside(tok.idx, tok.idx + len(tok)):
                    if ent.type == "PERSON" and self.genders.get(ent.name, gender) == gender:
                        found[ent.name] = ent
        return next(iter(found.values())) if len(found) == 1 else None

    def role_before(self, pos: int, window: int = 600) -> tuple[int, str, str, set[str]] | None:
        """The latest role subject before ``pos`` and within ``window`` characters."""
        k = bisect.bisect_left(self._role_starts, pos) - 1
        if k < 0 or pos - self.role_subjects[k][0] > window:
            return None
        return self.role_subjects[k]

    def org_in_play(self, noun: str, pos: int) -> Entity | None:
        """The organisation "the group" means: the one whose name ends in ``noun``, else the
        only organisation mentioned before ``pos``."""
        seen: dict[str, Entity] = {}
        i = bisect.bisect_left(self.starts, pos) - 1
        stop = max(-1, i - 2000)  # bounded, so a long article stays linear
        while i > stop:
            ent = self.rows[i][2]
            if ent.type == "ORG":
                seen.setdefault(ent.name, ent)
            i -= 1
        named = [e for e in seen.values() if e.name.lower().split()[-1] == noun]
        if len(named) == 1:
            return named[0]
        return next(iter(seen.values())) if len(seen) == 1 else None

    def by_part(self, phrase: str) -> Entity | None:
        """The person whose surname or first name is ``phrase`` (honorifics and case aside),
        or the organisation so named, when exactly one fits."""
        words = [w for w in phrase.replace("’s", "").replace("'s", "").split()
                 if w.lower().strip(".") not in ("mr", "mrs", "ms", "dr", "miss", "prof")]
        if len(words) != 1 or not words[0][:1].isupper():
            return None
        if self._parts is None:
            self._parts = {}
            for e in self.entities:
                keys = {p.lower() for p in e.name.split()} if e.type == "PERSON" else \
                    ({e.name.lower()} if e.type == "ORG" else set())
                for k in keys:
                    self._parts.setdefault(k, {})[e.name] = e
        fits = self._parts.get(words[0].lower(), {})
        return next(iter(fits.values())) if len(fits) == 1 else None

    def inside(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Mentions overlapping [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        k = i - 1
        out = []
        while k >= 0 and k >= i - 8:
            if self.rows[k][1] > start:
                out.append(self.rows[k])
            k -= 1
        while i < len(self.rows) and self.rows[i][0] < end:
            out.append(self.rows[i])
            i += 1
        return sorted(out, key=lambda r: r[0])

    def before(self, pos: int, types: tuple[str, ...], skip: list[tuple[int, int]] = (),
               gender: str | None = None) -> Entity | None:
        """The latest mention of one of ``types`` ending before ``pos``, outside the sorted,
        disjoint ``skip`` spans, and not of the other gender when ``gender`` is given (a
        person known to be of that gender within 1,500 characters first)."""
        if gender:
            known = self._before(pos, types, skip, gender, strict=True)
            if known is not None and pos - max(m.start for m in known.mentions if m.start < pos) < 1500:
                near = self._before(pos, types, skip, gender)
                if near is not None and near is not known and \
                        pos - max(m.start for m in near.mentions if m.start < pos) < 150:
                    return near  # "…, Martin Ashgrove, did not answer. Instead he …"
                return known
        return self._before(pos, types, skip, gender)

    def _before(self, pos: int, types: tuple[str, ...], skip: list[tuple[int, int]] = (),
                gender: str | None = None, strict: bool = False) -> Entity | None:
        i = bisect.bisect_left(self.starts, pos) - 1
        skip_starts = [a for a, _ in skip]
        steps = 0
        while i >= 0 and steps < 400:
            s, e, ent = self.rows[i]
            i -= 1
            steps += 1
            if e > pos or ent.type not in types:
                continue
            k = bisect.bisect_right(skip_starts, s) - 1
            if k >= 0 and skip[k][1] > s:
                continue
            if gender and self.genders.get(ent.name, None if strict else gender) != gender:
                continue
            if gender and ent.name in self.not_people:
                continue
            return ent
        return None


MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
MALE_TITLES = {"mr", "mr.", "sir", "lord", "king", "prince", "father"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess"}


def infer_genders(doc: Any, entities: list[Entity]) -> dict[str, str]:
    """A guess at each person's gender from the article itself: a title before a mention,
    or the pronouns of the sentence that mentions only them and the sentence after."""
    text = doc_text(doc)
    votes: dict[str, list[int]] = {}
    people = sorted((m.start, m.end, e.name) for e in entities if e.type == "PERSON" for m in e.mentions)
    if not people:
        return {}
    starts = [p[0] for p in people]
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        i = bisect.bisect_left(starts, sent.start_char)
        names = set()
        while i < len(people) and people[i][0] < sent.end_char:
            names.add(people[i][2])
            before = text[max(0, people[i][0] - 6):people[i][0]].lower().split()
            if before:
                v = votes.setdefault(people[i][2], [0, 0])
                v[0] += 3 * (before[-1] in MALE_TITLES)
                v[1] += 3 * (before[-1] in FEMALE_TITLES)
            i += 1
        if len(names) != 1:
            continue
        (name,) = names
        toks = list(sent)
        if k + 1 < len(sents):
            nxt = sents[k + 1]
            j = bisect.bisect_left(starts, nxt.start_char)
            if not (j < len(people) and people[j][0] < nxt.end_char):
                toks.extend(nxt)
        v = votes.setdefault(name, [0, 0])
        for t in toks:
            v[0] += t.lower_ in MALE
            v[1] += t.lower_ in FEMALE
    return {n: ("m" if m > f else "f") for n, (m, f) in votes.items() if m != f and max(m, f) >= 1}


def speaker_bounds(doc: Any, head: Any) -> tuple[int, int]:
    """Token bounds of the speaker phrase: the head with its left modifiers and a short
    prepositional tail ("a spokesman for CAGE")."""
    a = head.left_edge.i
    b = head.i + 1
    for c in head.rights:
        if c.dep_ in ("prep", "compound", "flat") and c.right_edge.i - a < 10:
            b = c.right_edge.i + 1
        elif c.dep_ == "prep":
            # a long tail ("officials at X, a division of Y"): up to the preposition's object
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and objs[0].i - a < 10:
                b = objs[0].i + 1
            break
        else:
            break
    if head.dep_ == "pobj" and head.head.lower_ == "to" and a <= head.head.i:
        a = head.head.i + 1
    # "ALDER CROSSING, Wrenmoor County (CPW) - Brightvein": a dateline is not the speaker
    text = doc_text(doc)
    line = text.rfind("\n", 0, doc[a].idx) + 1
    m = DATELINE.match(text, line) if not text[line:doc[a].idx].strip(" \t\xa0").islower() else None
    if m is not None and doc[a].idx < m.end() <= doc[b - 1].idx:
        while a < b and doc[a].idx < m.end():
            a += 1
    elif m is not None and doc[a].idx < m.end() and doc[b - 1].idx < m.end():
        # the parser took the dateline's place for the subject: the name right after it
        k = a
        while k < len(doc) and doc[k].idx < m.end():
            k += 1
        b = k
        if k < len(doc) and doc[k].ent_iob_ == "B":
            b = k + 1
            while b < len(doc) and doc[b].ent_iob_ == "I":
                b += 1
        else:
            while b < len(doc) and doc[b].tag_ in ("NNP", "NNPS") and b - k < 6:
                b += 1
        if b == k:
            return a, a
        a = k
    # "BRUSSELS - European leaders": a dateline is not part of the speaker
    for k in range(a, min(b, a + 8)):
        if doc[k].text in ("-", "—", "–", "--") and k > a and all(
                doc[j].is_punct or doc[j].text.isupper() for j in range(a, k)):
            a = k + 1
            break
    while a < b and doc[a].is_punct:
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].dep_ == "cc"):
        b -= 1
    return a, b


def speaker_like(doc: Any, head: Any) -> bool:
    """Whether ``head`` can head a speaker: a name, a pronoun, or a person, group, role or
    document noun; never an adjective or nationality ("British"), a number or date, a
    non-agent noun ("the comments", "construction") or a dateline ("LONDON —")."""
    low = head.lower_
    if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS or low in ("i", "you", "who", "which"):
        return True
    if low in ("this", "that", "these", "those", "what", "there", "'s", "’s", "let"):
        return False
    if head.tag_ == "CD" and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return True  # "one of the family's lawyers"
    if low in GROUP_QUANTIFIERS or low in ("percent", "%"):
        return True  # "some said", "most of whom said", "63 percent (of voters) said"
    if head.tag_ in ("JJ", "JJR", "JJS", "CD", "RB") or head.dep_ == "amod":
        return False
    if head.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"):
        return False
    if low in NON_AGENTS and head.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    if _in_dateline(doc, head):
        return False
    if head.text.isupper() and len(head.text) > 3 and not head.ent_type_ and head.tag_ in ("NN", "NNS"):
        return False  # a section header in capitals ("THE BORROWING Back when …")
    return head.tag_.startswith(("NN", "PRP")) or bool(head.ent_type_)


def _document_owner(doc: Any, head: Any, index: MentionIndex) -> Entity | None:
    """Who a document speaks for: "a report by X", "a study released by X", "research
    conducted by X", "a statement from X", "a study in X", "X's report", "an X analysis"."""
    first: Entity | None = None
    for tok in head.subtree:
        if tok.i - head.i > 25 or tok.i < head.left_edge.i:
            break
        if tok.dep_ == "nsubj" and tok.head.dep_ == "relcl" and tok.head.head.i == head.i:
            # "a speech Mrs. Clinton delivered"
            hits = [r[2] for r in index.inside(tok.idx, tok.idx + len(tok))
                    if r[2].type in ("ORG", "PERSON", "GPE")]
            if hits:
                return hits[0]
        if tok.dep_ not in ("pobj", "poss", "compound") or tok.i == head.i:
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ not in ("by", "from", "of", "in", "at"):
            continue
        hits = [r[2] for r in index.inside(tok.idx, tok.idx + len(tok))
                if r[2].type in ("ORG", "PERSON", "GPE")]
        if hits:
            if tok.dep_ == "pobj" and tok.head.lower_ == "by":
                return hits[0]
            first = first or hits[0]
    return first


def _plural_subject_before(doc: Any, head: Any) -> Any | None:
    """The plural common-noun subject ("Some locals", "Western intelligence agencies") of the
    sentence before ``head``'s, or of its own sentence before it, that no entity names."""
    sent = head.sent
    prev = doc[sent.start - 1].sent if sent.start > 0 else None
    for s in (sent, prev):
        if s is None:
            continue
        subs = [t for t in s if t.dep_ == "nsubj" and t.tag_ == "NNS" and not t.ent_type_
                and t.i < head.i and t.lower_ not in NON_AGENTS]
        if subs:
            return subs[-1]
    return None


def _phrase_words(doc: Any, a: int, head_i: int) -> set[str]:
    """The content words of tokens [a, head_i), lowercased: "the Republican nominee" ->
    {"republican"}."""
    return {doc[k].lower_ for k in range(a, head_i)
            if doc[k].tag_[:2] in ("JJ", "NN") and doc[k].lower_ not in ("former", "current", "new")}


def _in_dateline(doc: Any, head: Any) -> bool:
    """A capitalised place at the start of a paragraph, then "(AP)", a dash or "--"."""
    text = doc_text(doc)
    line = text.rfind("\n", 0, head.idx) + 1
    before = text[line:head.idx]
    if before.strip(" \t\xa0,.") and not before.isupper():
        return False
    after = text[head.idx: head.idx + 60]
    return bool(DATELINE_AFTER.match(after)) and head.text.isupper()


def _entity_of_phrase(doc: Any, head: Any, found: list[tuple[int, int, Entity]]) -> Entity | None:
    """The entity the speaker phrase names: the one its head is in; else one attached as a
    possessor, a prepositional object ("a spokesman for CAGE") or, before a common noun, a
    noun modifier ("a Trust spokesperson"). An adjective ("Democratic senator", "British
    officials") names no one, and a piece of a longer name ("Islamic" in "Islamic State")
    is not the name."""
    hs = head.idx
    for s, e, ent in found:
        if s <= hs < e:
            return ent
    ok: list[Entity] = []
    for s, e, ent in found:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        if root.tag_ in ("JJ", "JJR", "JJS") or root.dep_ == "amod":
            continue
        if root.dep_ == "poss" and ent.type == "PERSON" and head.lower_ in RELATIONS:
            continue  # "Khweis' defense attorney" is not Khweis
        if root.dep_ in ("compound", "nmod"):
            top = root
            while top.dep_ in ("compound", "nmod", "punct") and top.head.i != top.i and top.head.i != head.i:
                top = top.head
            if head.tag_ in ("NNP", "NNPS") or top.head.i != head.i or \
                    top.dep_ not in ("compound", "nmod"):
                continue
        if root.dep_ not in ("pobj", "poss", "compound", "nmod", "appos"):
            continue
        ok.append(ent)
    for types in (("PERSON",), ("ORG", "NORP", "GPE")):
        for ent in ok:
            if ent.type in types:
                return ent
    return None


def resolve(doc: Any, head: Any, bounds: tuple[int, int], index: MentionIndex,
            last_person: Entity | None, quotes_spans: list[tuple[int, int]]) -> str | None:
    """The full name the speaker phrase refers to, its own words when nothing fits, or None
    when the phrase cannot be a speaker."""
    if head.i < bounds[0] < bounds[1] and head.text.isupper():
        head = doc[bounds[1] - 1]  # the bounds moved past a dateline: the name after it
    low = head.lower_
    if low in WH and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
        # "X, who said …": the speaker's words are "who", its name is X's
        antecedent = head.head.head
        return resolve(doc, antecedent, speaker_bounds(doc, antecedent), index, last_person,
                       quotes_spans)
    if low in DOCUMENTS:
        owner = _document_owner(doc, head, index)
        if owner is not None:
            return owner.name
        if low in NON_AGENTS:
            return None  # "the findings", "the figures": no issuer named, no speaker
    a, b = bounds
    if not speaker_like(doc, head):
        return None
    cs, ce = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
    ent = _entity_of_phrase(doc, head, index.inside(cs, ce))
    if ent is not None:
        return ent.name
    # "The minister of the economy, Mr. X, argues": the name in apposition
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i:
            s0, s1 = c.left_edge.idx, c.right_edge.idx + len(c.right_edge)
            named = [e for _, _, e in index.inside(s0, s1) if e.type in ("PERSON", "ORG")]
            if named:
                return named[0].name
    if low in PERSON_PRONOUNS:
        gender = "m" if low in MALE else "f"
        role = index.role_before(head.idx)
        if role is not None and any(s0 <= role[0] < e0 for s0, e0 in quotes_spans):
            role = None  # "My father" in someone's quote is no one the narrator named
        person = index.before(head.idx, ("PERSON",), quotes_spans, gender)
        person_at = _last_start(index, person, head.idx) if person is not None else -1
        if last_person is not None and index.genders.get(last_person.name, gender) == gender \
                and last_person.name not in index.not_people:
            person_at = max(person_at, _last_start(index, last_person, head.idx))
            person = person if person is not None and _last_start(index, person, head.idx) >= \
                _last_start(index, last_person, head.idx) else last_person
        if role is not None and role[0] > person_at:
            # "The minister dismissed the criticism. “…,” she said": the role's holder when
            # the article names one, else the role itself
            return role_holder(index, role[1], head.idx, role[3]) or role[2]
        if person is not None and person_at >= 0:
            # "Bacon badgered Hadeed. “…,” he said": the subject of the sentence that last
            # mentioned someone, not its object
            subj = None and index.sentence_subject(doc, person_at, gender)
            if subj is not None:
                return subj.name
        return person.name if person is not None else head.text
    if low in GROUP_PRONOUNS:
        if low == "it" and head.dep_ == "dobj":
            return None  # "as the signs put it: …": the thing said, not who said it
        # "it" is an organisation or a country; "they"/"we" may be a group ("Democrats")
        types = ("ORG", "GPE") if low == "it" else ("ORG", "NORP", "GPE")
        ent = index.before(head.idx, types, quotes_spans)
        if ent is not None and ent.type == "NORP" and not ent.name.endswith("s"):
            ent = index.before(head.idx, ("ORG", "GPE"), quotes_spans)  # "Catholic" is no "they"
        if low == "they":
            plural = _plural_subject_before(doc, head)
            if plural is not None and (ent is None or _last_start(index, ent, head.idx) < plural.idx):
                a0 = plural.left_edge
                return " ".join(doc_text(doc)[a0.idx:plural.idx + len(plural)].split())
        group = index.last_group
        if group is not None and head.idx - group[1] < 800 and group[0].type in types and (
                ent is None or _last_start(index, ent, head.idx) <= group[1] + 400):
            ent = group[0]  # "…, the WHO said. … , it said": the group that last spoke
        if ent is not None and head.idx - _last_start(index, ent, head.idx) < 1500:
            return ent.name
        return head.text
    if low in ROLES or low in PERSON_NOUNS:
        mods = {c.lower_ for c in head.children if c.dep_ in ("compound", "nmod", "poss")}
        if mods:
            i = bisect.bisect_left(index.starts, head.idx) - 1
            stop = max(-1, i - 400)
            while i > stop:
                cand = index.rows[i][2]
                if cand.type in ("ORG", "NORP", "GPE") and mods & set(cand.name.lower().split()):
                    return cand.name
                i -= 1
        holder = role_holder(index, low, head.idx, _phrase_words(doc, a, head.i))
        if holder:
            return holder
    if low in ORG_NOUNS and any(c.lower_ in ("the", "this") for c in head.children):
        # "the group" with one organisation in play (or one whose name ends in the noun)
        org = index.org_in_play(low, head.idx)
        if org is not None:
            return org.name
    phrase = " ".join(doc_text(doc)[cs:ce].split())
    # "Bale" where NER saw no entity but the article names "Curtis Bale"
    variant = index.by_part(phrase)
    return variant.name if variant is not None else phrase


def role_holder(index: MentionIndex, role: str, pos: int, words: set[str] = frozenset()) -> str | None:
    """The person the article gave ``role`` to ("Foreign Minister Ann Lee", "Lee, the
    minister") before ``pos``: of several, the one whose label shares most of ``words``
    (the phrase's other words: "the Republican nominee"), then the latest."""
    if role in ANONYMOUS_ROLES:
        return None  # "a House official said … The official said": not whoever else is one
    best = [(s, e) for s, e in index.role_words.get(role, []) if s < pos]
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


def _last_start(index: MentionIndex, ent: Entity, pos: int) -> int:
    starts = [m.start for m in ent.mentions if m.start < pos]
    return max(starts) if starts else -10**9
