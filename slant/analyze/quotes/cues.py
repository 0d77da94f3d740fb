"""Cue words: verbs and phrases that introduce what someone said, wrote or claimed.

``SPEECH`` is hand-written (every inflection listed, since the parse keeps no lemmas).
``cue_forms()`` adds the forms learned from PolNeAR train (``cues.json``, built by
:func:`slant.analyze.quotes.lexicon.build_cue_lexicon`): word forms that head an annotated
cue often enough to be worth a rule.
"""

from __future__ import annotations

import json
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
question questions questioned | decry decries decried | criticize criticizes criticized criticised
"""
SPEECH: frozenset[str] = frozenset(w for w in _STEMS.replace("|", " ").split())
# Forms that are cues only with a clause or quote as complement, never with a bare object
# ("he found the keys" is not an attribution). The clause test in attribution.py applies
# to every cue, so this list is for documentation.
PREPOSITIONAL = ("according to", "as quoted by", "in the words of")


@lru_cache(maxsize=1)
def learned_forms() -> frozenset[str]:
    path = Path(__file__).with_name("cues.json")
    if not path.exists():
        return frozenset()
    data = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(data.get("forms", []))


@lru_cache(maxsize=1)
def cue_forms() -> frozenset[str]:
    return SPEECH | learned_forms()
