"""Cue words: verbs and phrases that introduce what someone said, wrote or claimed.

``SPEECH`` is hand-written (every inflection listed, since the parse keeps no lemmas).
``cues.json`` holds counts learned on PolNeAR train (built by
:func:`slant.training.quotes.lexicon.build_cue_lexicon`): for each verb form and complement
pattern, how often it headed an annotated attribution. :func:`fires` combines the two: a
speech verb with a clause fires unless train shows it rarely attributes ("think"); any
other form fires once train shows it usually does ("accused X of …", "vowed to …").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

_STEMS = """
say says said saying | tell tells told telling | claim claims claimed claiming |
write writes wrote writing written | warn warns warned warning | add adds added adding |
note notes noted noting | argue argues argued arguing | explain explains explained explaining |
insist insists insisted insisting | state states stated stating |
announce announces announced announcing | ask asks asked asking | reply replies replied replying |
respond responds responded responding | acknowledge acknowledges acknowledged acknowledging |
admit admits admitted admitting | suggest suggests suggested suggesting |
report reports reported reporting | describe describes described describing |
urge urges urged urging | declare declares declared declaring | tweet tweets tweeted tweeting |
post posts posted posting | recall recalls recalled recalling | agree agrees agreed agreeing |
concede concedes conceded conceding | confirm confirms confirmed confirming |
deny denies denied denying | emphasize emphasizes emphasized emphasizing emphasise emphasised |
stress stresses stressed stressing | predict predicts predicted predicting |
promise promises promised promising | pledge pledges pledged pledging | vow vows vowed vowing |
complain complains complained complaining | charge charges charged charging |
allege alleges alleged alleging | testify testifies testified testifying |
contend contends contended contending | maintain maintains maintained maintaining |
observe observes observed observing | remark remarks remarked remarking |
reveal reveals revealed revealing | shout shouts shouted shouting | chant chants chanted chanting |
joke jokes joked joking | quip quips quipped quipping | wonder wonders wondered wondering |
speculate speculates speculated speculating | estimate estimates estimated estimating |
find finds found finding | show shows showed shown showing | believe believes believed believing |
think thinks thought thinking | fear fears feared fearing | hope hopes hoped hoping |
assert asserts asserted asserting | boast boasts boasted boasting | blast blasts blasted |
accuse accuses accused accusing | caution cautions cautioned cautioning |
counter counters countered countering | continue continues continued continuing |
indicate indicates indicated indicating | insinuate insinuates insinuated |
mention mentions mentioned mentioning | point points pointed pointing |
predict | proclaim proclaims proclaimed | propose proposes proposed proposing |
read reads | recount recounts recounted | reiterate reiterates reiterated reiterating |
repeat repeats repeated repeating | scoff scoffs scoffed | sigh sighs sighed |
snap snaps snapped | tout touts touted touting | yell yells yelled | cry cries cried |
demand demands demanded demanding | acknowledged | signal signals signaled signalled |
conclude concludes concluded concluding | lament laments lamented lamenting |
hint hints hinted hinting | muse muses mused | retort retorts retorted |
question questions questioned | decry decries decried | criticize criticizes criticized criticised |
comment comments commented commenting
"""
SPEECH: frozenset[str] = frozenset(w for w in _STEMS.replace("|", " ").split())
# Verbs of saying and writing: a cue among these (or "according to", a colon, a dash after a
# quote) reports speech; any other cue (believe, plan, back, file, find …) reports a belief,
# a plan or an action. Stems; inflections are added by :func:`_inflect`.
_SPEECH_STEMS = """
say tell claim write warn add note argue explain insist state announce ask reply respond
acknowledge admit suggest report describe urge declare tweet post recall concede confirm deny
emphasize emphasise stress predict promise pledge vow complain charge allege testify contend
maintain observe remark reveal shout chant joke quip assert boast blast accuse caution counter
mention proclaim propose recount reiterate repeat scoff sigh snap tout yell cry demand lament
hint muse retort question decry criticize criticise call comment brief inform threaten praise
condemn slam dismiss thank apologize apologise text email message blog broadcast quote cite
clarify assure reassure advise recommend speak talk whisper scream reject welcome
insinuate point read reply rebut dispute lash tell attack hail label brand dub term denounce
applaud challenge plead beg invite order instruct pray toast sing chime interject interrupt
grumble mutter murmur boom thunder rage fume gush rave cheer tease taunt mock ridicule blame
answer exclaim brag object protest sneer huff snort growl snarl gripe opine
"""
_IRREGULAR = {"say": "said", "tell": "told", "write": "wrote written", "speak": "spoke spoken",
              "read": "read", "cry": "cried cries", "reply": "replied replies",
              "deny": "denied denies", "testify": "testified testifies",
              "decry": "decried decries", "apologize": "apologized", "snap": "snapped snapping",
              "quip": "quipped quipping", "admit": "admitted admitting", "sing": "sang sung",
              "lash": "lashes lashed", "whisper": "whispered", "slam": "slammed slamming",
              "beg": "begged begging", "rebut": "rebutted rebutting", "brag": "bragged bragging"}


def _inflect(stem: str) -> set[str]:
    forms = {stem, *(_IRREGULAR.get(stem, "").split())}
    base = stem[:-1] if stem.endswith("e") else stem
    forms |= {stem + ("es" if stem.endswith(("s", "sh", "ch", "x")) else "s"), base + "ed",
              base + "ing"}
    if stem.endswith("y") and stem[-2:-1] not in "aeiou":
        forms |= {stem[:-1] + "ied", stem[:-1] + "ies"}
    return forms


SPEECH_ACTS: frozenset[str] = frozenset(f for s in _SPEECH_STEMS.split() for f in _inflect(s))
# patterns that only ever introduce words: "according to X", "X: …", "“…” — X"
SPEECH_PATTERNS = frozenset({"according", "colon", "headline", "dash", "post", "transcript",
                             "described_as", "named_quote"})


def is_speech_cue(words: str) -> bool:
    """Whether a cue's words report speech ("said", "told reporters", "according to")
    rather than a belief, plan or action ("believes", "plans", "backed")."""
    low = words.lower()
    if "according to" in low or "in the words of" in low or low.strip() in (":", "—", "–", "―"):
        return True
    return any(w in SPEECH_ACTS for w in re.findall(r"[a-z]+(?:-[a-z]+)?", low))


# Forms that are cues only with a clause or quote as complement, never with a bare object
# ("he found the keys" is not an attribution). The clause test in attribution.py applies
# to every cue, so this list is for documentation.
PREPOSITIONAL = ("according to", "as quoted by", "in the words of")


# A pattern fires when its smoothed precision on train reaches THRESHOLD. The prior says
# how far to trust a form never (or rarely) seen: hand-written speech verbs with a clause
# start trusted; anything else must earn it.
THRESHOLD = 0.4
PRIOR_WEIGHT = 2.0
SPEECH_PRIOR = 0.7
OTHER_PRIOR = 0.0
# a verb's pooled forms lend their precision only where they attribute reliably
STEM_PRIOR_MIN = 0.6


COUNTS_FILE = Path(__file__).with_name("cues.json")
_counts_file: list[Path] = [COUNTS_FILE]


@contextmanager
def counts_from(path: Path) -> Iterator[None]:
    """Read the learned counts from ``path`` inside the block (``slant train quotes --out``
    fits the speech model on the counts it has just written, not on the installed ones)."""
    _counts_file.append(Path(path))
    _clear()
    try:
        yield
    finally:
        _counts_file.pop()
        _clear()


def _clear() -> None:
    for cached in (learned_counts, stem_counts, fires, cue_forms):
        cached.cache_clear()


@lru_cache(maxsize=1)
def learned_counts() -> dict[str, tuple[int, int]]:
    """(matched, seen) per ``form|pattern`` on PolNeAR train; empty when cues.json is absent."""
    path = _counts_file[-1]
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: (int(v[0]), int(v[1])) for k, v in data.get("counts", {}).items()}


def pattern_precision(key: str) -> float:
    """Smoothed precision of a ``form|pattern`` candidate. A speech verb's form seen rarely
    with a pattern borrows what train shows for the other forms of its verb ("reiterates
    the point" behaves as "reiterated the point" did), shrunk toward zero."""
    form, _, pattern = key.partition("|")
    prior = SPEECH_PRIOR if form in SPEECH and pattern in ("ccomp", "colon", "parataxis") else OTHER_PRIOR
    if prior == OTHER_PRIOR and form in _STEM_OF:
        stem_hits, stem_seen = stem_counts().get(f"{_STEM_OF[form]}|{pattern}", (0, 0))
        borrowed = stem_hits / (stem_seen + PRIOR_WEIGHT)
        prior = borrowed if borrowed >= STEM_PRIOR_MIN else OTHER_PRIOR
    hits, seen = learned_counts().get(key, (0, 0))
    return (hits + PRIOR_WEIGHT * prior) / (seen + PRIOR_WEIGHT)


_STEM_OF: dict[str, str] = {f: s for s in reversed(_SPEECH_STEMS.split()) for f in _inflect(s)}


@lru_cache(maxsize=1)
def stem_counts() -> dict[str, tuple[int, int]]:
    """(matched, seen) per ``stem|pattern``: the learned counts of a speech verb's forms
    pooled."""
    pooled: dict[str, tuple[int, int]] = {}
    for key, (hits, seen) in learned_counts().items():
        form, _, pattern = key.partition("|")
        if form in _STEM_OF:
            k = f"{_STEM_OF[form]}|{pattern}"
            h, n = pooled.get(k, (0, 0))
            pooled[k] = (h + hits, n + seen)
    return pooled


@lru_cache(maxsize=4096)
def fires(key: str) -> bool:
    return pattern_precision(key) >= THRESHOLD


@lru_cache(maxsize=1)
def cue_forms() -> frozenset[str]:
    """Forms that may introduce a clause, a parataxis or a colon."""
    learned = {k.partition("|")[0] for k in learned_counts() if k.endswith("|ccomp") and fires(k)}
    return frozenset(f for f in SPEECH if fires(f"{f}|ccomp")) | frozenset(learned)
