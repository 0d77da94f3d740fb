"""Word lists the speaker rules read: pronouns, roles, person and organisation nouns,
documents, nouns that name no one who could speak, and the shape of a dateline."""

from __future__ import annotations

import re
from typing import Any

from slant.analyze.parse import doc_text

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
                "director", "chairman", "chairwoman", "lawyer", "attorney", "manager", "leader",
                "pope", "cardinal", "archbishop", "monsignor", "nuncio", "cleric", "preacher",
                "reverend", "justice", "magistrate", "agent", "man", "woman", "businessman",
                "businesswoman", "actor", "actress", "journalist", "reporter", "columnist",
                "writer", "blogger", "politician", "official", "principal", "informant", "whistleblower",
                "photographer", "caller", "eyewitness"}
# organisation nouns that stand for the organisation in play ("the group said")
ORG_NOUNS = {"group", "organisation", "organization", "company", "firm", "charity", "party",
             "coalition", "union", "association", "council", "agency", "ministry",
             "department", "government", "administration", "club", "movement", "alliance",
             "trust", "foundation", "society", "bank", "network", "campaign", "committee",
             "commission", "board", "institute", "team", "corporation", "business", "body",
             "regulator", "authority", "court", "newspaper", "paper", "channel", "outlet",
             "broadcaster", "network", "website", "site", "publication", "magazine"} | {
             "mission", "embassy", "consulate", "bureau"}
# of these, the nouns that stand only for a body named so ("the mission": the "US Mission"),
# never for the one organisation merely in play
NAMED_BODIES = {"mission", "embassy", "consulate", "bureau"}
# the nouns for a business ("the company said"): never a board, a party or a coalition
COMPANY_NOUNS = {"company", "firm", "corporation", "business"}
# where a label's head noun ends ("the former head of X": head), and the participles that end
# it only before a preposition ("a lawyer hired by X", but "a Boston-based lawyer")
HEAD_ENDS = {"of", "for", "at", "in", "to", "with", "from", "on", "who", "that", "since", "and", "whose", "which", "under",
             "by", "about"}
PARTICIPLES = {"hired", "named", "based", "appointed", "retained", "employed", "elected", "tasked", "chosen"}


def head_end(words: list[str]) -> int:
    """Where a label's head noun ends among its lowercase ``words``: at the first of
    ``HEAD_ENDS``, or at a participle before one ("a lawyer hired by …")."""
    return next((i for i, w in enumerate(words) if w in HEAD_ENDS or w in PARTICIPLES and i
                 and i + 1 < len(words) and words[i + 1] in HEAD_ENDS), len(words))
# bodies that speak as a group ("the group" is the one organisation its own sentence names),
# and what they may be, by the head of a name ("U.S. Conference of Mayors": a conference)
GROUP_NOUNS = {"group", "organization", "organisation", "coalition", "association", "alliance", "league"}
BODY_NOUNS = GROUP_NOUNS | {"conference", "federation", "caucus", "forum", "center", "centre", "fund", "project",
                            "front", "initiative", "watch", "council", "union", "committee", "society", "foundation",
                            "institute", "network", "movement", "campaign", "trust", "club", "party", "board"}


def body_head(name: str) -> str:
    """The head noun of an organisation's name: "U.S. Conference of Mayors" is a conference."""
    return name.lower().split(" of ")[0].split()[-1]
# documents speak for whoever issued them ("a report by X", "X's statement")
DOCUMENTS = {"report", "reports", "study", "studies", "analysis", "survey", "poll", "polls",
             "research", "statement", "letter", "complaint", "filing", "memo", "document",
             "transcript", "ad", "advertisement", "release", "paper", "review", "audit",
             "investigation", "lawsuit", "suit", "ruling", "assessment", "estimate", "data",
             "records", "book", "article", "editorial", "column", "post", "tweet", "email",
             "website", "page", "spot", "clip", "video", "findings", "figures", "speech",
             "finding", "results", "conclusions", "response", "reply", "message",
             "history", "footage", "recordings", "settlement", "agreement", "order", "bill",
             "law", "resolution", "decree", "directive", "policy", "guidance", "manifesto",
             "motion", "amendment", "proposal", "ordinance",
             "catechism", "constitution", "treaty", "indictment", "affidavit", "petition",
             "message", "voicemail", "memorandum"}
# a pronoun as a verb of saying's whole content gives no words ("They said that.")
ANAPHORS = {"that", "this", "it", "these", "those"}
# objects of a verb of saying that say no words were given ("said nothing", "said little"):
# the learned decision never offers them as candidates
NOTHING_SAID = {"nothing", "little", "nothing more", "nothing else", "very little", "anything"}


SAY_FORMS = {"say", "says", "said", "saying"}
# verbs that put their speaker after them, set off by commas: "Velm, writes Osk, “…”"
INVERTED = {"writes", "wrote", "says", "said", "notes", "noted", "adds", "added", "argues", "argued",
            "explains", "explained", "observes", "observed", "insists", "insisted", "continues", "continued"}
# nouns that stand for words without giving any
VAGUE = {"thing", "things", "something", "everything", "anything", "stuff", "lot"}


def no_words(doc: Any, cs: int, ce: int, cue: Any) -> bool:
    """Content that points at words given elsewhere, not words: a pronoun ("They said
    that.", "demand this of him"), a demonstrative's short noun phrase ("as she described
    this incident") or a verdict on them ("said what is clearly absurd"); or no word at all
    (a figure, an e-mail address)."""
    span = doc.char_span(cs, ce, alignment_mode="expand")
    if span is None:
        return False
    if doc_text(doc)[cs:ce].strip(" .,!?…").lower() in ANAPHORS:
        return True
    if not any(t.is_alpha and not t.like_email and not t.like_url for t in span):
        return True  # "Pledged: 781.", "EMAIL: desk@example.org": a figure or an address
    if all(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in span) and span.root.dep_ in ("pobj", "npadvmod"):
        return True  # "his report on Monday night": when, not what ("predicted six more months" is what)
    words = [t for t in span if not t.is_punct]
    quoted = any(t.is_quote for t in span)
    bare = not quoted and not any(t.tag_.startswith(("VB", "MD")) for t in span)
    root = span.root
    if bare and root.lower_ in ANAPHORS and root.tag_ in ("DT", "PRP") and \
            root.left_edge.i <= span.start and root.right_edge.i >= span.end - 1:
        return True  # the pronoun and only its own phrase
    if bare and root.lower_ in VAGUE and root.tag_ in ("NN", "NNS") and not any(
            t.tag_.startswith("NNP") or t.ent_type_ for t in span):
        return True  # "clarified things for the students": no words, only that there were some
    if cue.lower_ in SAY_FORMS and not quoted and len(words) > 2 and words[0].lower_ == "what" \
            and words[1].lower_ in ("is", "was", "’s", "'s"):
        return True  # the writer's verdict on words given elsewhere
    return bare and 1 < len(words) <= 3 and words[0].lower_ in ANAPHORS and words[0].dep_ == "det"


# the last word of a building's, a place's or an institution's name, and "v." of a lawsuit's:
# NER's "person" "Trump Tower" or "Roe v. Wade" is no "he" or "she", whatever pronouns surround it
NO_PERSON_WORDS = {"Tower", "Towers", "Plaza", "Hotel", "Building", "Center", "Centre", "Avenue", "Square",
                   "Airport", "Stadium", "Arena", "University", "College", "School",
                   "Hospital", "Foundation", "Institute", "Museum", "Library", "v.", "vs.", "v"}
# faiths and laws of faith NER types as bodies: no "they" or "it" that speaks
FAITHS = {"islam", "christianity", "judaism", "hinduism", "buddhism", "sharia", "sharia law"}
# nouns that name no one who could speak (a document or a person's role is a source; these
# are not): "The comments", "Construction", "The application", "the election"
NON_AGENTS = {"emphasis", "legend", "legends", "tradition", "myth", "folklore", "lore", "rumor", "rumors", "rumour", "rumours",
              "comment", "comments", "remark", "remarks", "construction", "application",
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
              "conclusions", "finding", "findings", "science", "opinion", "opinions", "view",
              "views", "belief", "beliefs", "theory", "wisdom", "consensus", "notion", "error",
              "errors", "mistake", "mistakes", "glitch", "blunder", "slip", "concern", "concerns",
              "importance", "paragraph", "paragraphs", "duty", "discrepancy", "truth", "rebuke",
              "settlement", "disease", "tree", "ball", "hair", "ratio", "means", "trials", "tradition",
              "faculties", "claims", "allegations", "cry", "prize", "criteria", "advice", "aid",
              "situation", "moratorium", "volume", "border", "borders", "education"}
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
             "nephew", "cousin", "neighbour", "neighbor", "boss", "student", "students",
             "fan", "fans", "voter", "voters", "follower", "followers", "admirer", "admirers",
             "victim", "victims", "accuser", "accusers", "survivor", "survivors",
             "colleague", "colleagues", "classmate", "classmates",
             # a person's lawyer speaks in court for them, but is someone else to a reader
             "lawyer", "lawyers", "attorney", "attorneys", "counsel"}
ANONYMOUS_ROLES = {"official", "officials", "source", "sources", "aide", "aides", "member",
                   "members", "staff", "officer", "analyst", "researcher", "person", "people"}
ABBREVIATIONS = {"gop": "republican", "dem": "democratic", "democrat": "democratic",
                 "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
                 "pres": "president", "sec": "secretary", "supt": "superintendent",
                 "insp": "inspector", "det": "detective", "cllr": "councillor"}
# a role and the titles that give it ("the congressman" is the "Rep." the article named)
ROLE_SYNONYMS = {"congressman": ("representative",), "congresswoman": ("representative",),
                 "lawmaker": ("representative", "senator"), "legislator": ("representative", "senator"),
                 "lawyer": ("attorney",), "attorney": ("lawyer",)}
ROLES_PEOPLE = {"spokesman", "spokeswoman", "spokesperson", "official", "director", "aide",
                "adviser", "advisor", "chief", "head", "chairman", "chairwoman", "leader",
                "founder", "executive", "president", "secretary", "manager", "lawyer",
                "attorney", "researcher", "officer", "minister", "chair", "ceo", "analyst"}


# nouns that give their holder's gender ("AshLee Roe, a spokeswoman for …": she)
FEMALE_NOUNS = {"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "woman", "wife",
                "mother", "daughter", "sister", "widow", "queen", "princess", "actress",
                "grandmother", "girlfriend", "niece", "aunt", "nun", "mrs", "ms", "stepmother", "stepdaughter",
                "stepsister", "granddaughter", "fiancee"}
MALE_NOUNS = {"spokesman", "chairman", "congressman", "businessman", "man", "husband", "father",
              "son", "brother", "widower", "king", "prince", "actor", "grandfather",
              "boyfriend", "nephew", "uncle", "pope", "cardinal", "archbishop", "monsignor",
              "priest", "bishop", "imam", "rabbi", "mr", "stepfather", "stepson", "stepbrother", "grandson"}
# a place names no one when it only qualifies a person ("a federal judge in Michigan", "an
# Arizona man"); these nouns stand for the place's own institutions ("the government of X")
PLACE_SPEAKS = {"government", "ministry", "administration", "authorities", "state", "embassy",
                "regime", "military", "army", "police", "delegation", "mission", "office", "city",
                "county", "town", "village", "country", "nation", "province", "region", "council",
                "people"}
# events and states of affairs: a demonstrative before one ("This blatant hypocrisy reveals")
# names no one, unlike "this official"
SPEAKING_NOUNS_EXTRA = {"people", "critics", "experts", "residents", "voters", "protesters",
                        "activists", "supporters", "opponents", "users", "readers", "viewers",
                        "witnesses", "victims", "students", "parents", "workers", "members",
                        "person", "group", "groups", "man", "woman", "men", "women"}


MEMBERS = {"member", "members"}  # some of a body, who do not speak for it


# a role that speaks for the body a noun modifier names ("a Trust spokesperson", "a State
# Department official", "the party leadership"); any other ("a Navy sailor", "a Supreme
# Court nominee", "a Harvard professor") is a person speaking for themselves
SPEAKS_FOR = (ROLES | ROLES_PEOPLE | ANONYMOUS_ROLES | ORG_NOUNS | DOCUMENTS | PLACE_SPEAKS | {
    "panel", "database", "average", "tally", "count", "index", "commissioner", "leadership",
    "government", "lawmakers", "delegation", "caucus", "affiliate", "station", "update",
    "summary", "piece", "handout", "presentation", "text", "slide", "chart", "graphic",
    "list", "tracker", "sheet", "notice", "bulletin", "newsletter", "brief", "account",
    "counsel", "legislators", "investigators", "investigator"}) - {"source", "sources"} - MEMBERS
# (sources leak, not speak for it; members belong to it: "ten Democrat members", "a Labour member")


def speaks_for(head: Any) -> bool:
    """Whether a role noun speaks for the body a modifier before it names (plurals too:
    "E.U. leaders")."""
    low = head.lower_
    return low in SPEAKS_FOR or (low.endswith("s") and low[:-1] in SPEAKS_FOR)


PEOPLE_ENDS = ("ers", "ors", "ists", "ians")
PEOPLE_NOUNS = PERSON_NOUNS | ROLES_PEOPLE | SPEAKING_NOUNS_EXTRA


def people_noun(tok: Any) -> bool:
    """A common noun for people: a role ("the senator", "officials") or a plural agent
    noun ("commenters", "workers", "investors")."""
    if not tok.tag_.startswith("NN") or tok.tag_.startswith("NNP") or tok.ent_type_:
        return False
    low = tok.lower_
    one = low[:-1] if low.endswith("s") else low
    return bool({low, one} & PEOPLE_NOUNS) or \
        (tok.tag_ == "NNS" and low.endswith(PEOPLE_ENDS))


def main_clause(verb: Any) -> bool:
    """Whether a verb heads its sentence's main clause, or one the parse hung before the root
    ("The mayor was blunt: “…,” she said", where "was" is the root's complement), or one
    joined to it."""
    while verb.dep_ == "ccomp" and verb.i < verb.head.i:
        verb = verb.head
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def hyphen_end(tok: Any) -> Any:
    """The last piece of a word the tokenizer split at its hyphens: "founder" of
    "co-founder" (the parse may hang each piece on the verb)."""
    doc = tok.doc
    while tok.i + 2 < len(doc) and not tok.whitespace_ and doc[tok.i + 1].text == "-" \
            and not doc[tok.i + 1].whitespace_ and doc[tok.i + 2].is_alpha:
        tok = doc[tok.i + 2]
    return tok


def sentence_before(sent: Any) -> Any | None:
    """The sentence before ``sent``, past the blank lines the parser sometimes makes sentences
    of their own; None for the first."""
    k = sent.start
    while k > 0:
        prev = sent.doc[k - 1].sent
        if prev.text.strip():
            return prev
        k = prev.start
    return None


def subject_before(tok: Any, deps: tuple[str, ...] = ("nsubj",)) -> Any | None:
    """The subject of the main clause of the sentence before ``tok``'s (what it was about),
    or None in the first sentence."""
    prev = sentence_before(tok.sent)
    if prev is None:
        return None
    root = prev.root
    if root.tag_ in ("NN", "NNS") and any(c.dep_ in ("acl", "relcl") and c.tag_.startswith("VB") for c in root.children):
        return root  # "The motion, proposed by X, passed this week.": the parse made the subject its root
    return next((c for c in root.children if c.dep_ in deps), None)


_RUN_TOGETHER = re.compile(r"[A-Z]\w* [a-z]+ed [A-Z]")


def real_name(name: str) -> bool:
    """Whether an entity's name can be a speaker's: a fragment under three letters that is
    no abbreviation ("co" of "co-worker", "Fr" of "Fr. X"), or a clause NER ran together
    ("Roe praised Lee"), is not a name; "UN" and "U.S." are."""
    letters = sum(ch.isalpha() for ch in name)
    return (letters >= 3 or name.isupper()) and not _RUN_TOGETHER.search(name)


# what "according to" keeps in line with rather than cites ("their nature", "the Convention")
CONFORMITY = {"plan", "schedule", "script", "law", "nature", "spirit", "tradition", "custom", "customs", "norms", "principles", "will",
              "wishes", "form", "need", "needs", "merit", "merits", "ability", "abilities",
              "convention", "conventions", "treaty", "treaties", "rules", "regulations",
              "protocol", "procedure", "procedures", "guidelines", "standards", "laws",
              "commandments", "precepts", "dictates"}  # ("according to the law/the plan, …" cites it)
# verbs that keep someone from doing a thing ("prevented his wife from writing …": she did not)
PREVENTING = {"prevent", "prevents", "prevented", "preventing", "bar", "bars", "barred", "barring",
              "stop", "stops", "stopped", "stopping", "keep", "keeps", "kept", "keeping", "ban",
              "banned", "bans", "block", "blocked", "blocks", "prohibit", "prohibited", "prohibits",
              "forbid", "forbade", "forbids", "discourage", "discouraged", "restrain", "restrained"}
