"""Plain-words explanations of the 14 PTC techniques, with examples written by the slant team."""

from __future__ import annotations

from collections.abc import Iterable

from slant.models import TECHNIQUES

GLOSSARY: dict[str, dict[str, str]] = {
    "Appeal_to_Authority": {
        "label": "Appeal to authority",
        "definition": "Claims something is true because an expert, official or famous person "
        "says so, without giving the evidence itself.",
        "example": "Leading scientists agree the harbour plan will ruin the town, so it must be stopped.",
    },
    "Appeal_to_fear-prejudice": {
        "label": "Appeal to fear or prejudice",
        "definition": "Builds support for an idea by stirring fear of the alternative or "
        "prejudice against a group, rather than by argument.",
        "example": "If the council lets the newcomers in, our children will not be safe on the streets.",
    },
    "Bandwagon,Reductio_ad_hitlerum": {
        "label": "Bandwagon / Reductio ad Hitlerum",
        "definition": "Urges you to agree because everyone else does, or to reject an idea "
        "because a hated group or figure supports it.",
        "example": "Every sensible family in the valley has already signed the petition.",
    },
    "Black-and-White_Fallacy": {
        "label": "Black-and-white fallacy",
        "definition": "Presents two options as the only possibilities when more exist.",
        "example": "Either we build the dam this year or the valley dies.",
    },
    "Causal_Oversimplification": {
        "label": "Causal oversimplification",
        "definition": "Blames a single cause for a problem that has many.",
        "example": "Crime went up the year the mayor took office, so the mayor caused it.",
    },
    "Doubt": {
        "label": "Doubt",
        "definition": "Questions the credibility of someone or something to undermine it, "
        "without showing it is wrong.",
        "example": "Can we really trust a report paid for by the same people who want the mine?",
    },
    "Exaggeration,Minimisation": {
        "label": "Exaggeration / minimisation",
        "definition": "Makes something seem far bigger or far smaller than it is.",
        "example": "The protest was a handful of bored students; the new tax is the worst disaster in our history.",
    },
    "Flag-Waving": {
        "label": "Flag-waving",
        "definition": "Justifies an idea by appealing to patriotism or group identity.",
        "example": "Any true patriot will stand with our farmers against the treaty.",
    },
    "Loaded_Language": {
        "label": "Loaded language",
        "definition": "Uses words with strong emotional connotations to sway the reader.",
        "example": "The reckless scheme was rammed through by a desperate council.",
    },
    "Name_Calling,Labeling": {
        "label": "Name calling / labeling",
        "definition": "Attaches a label to a person or group that the audience fears, hates "
        "or admires, in place of an argument.",
        "example": "The so-called experts from the eco-zealot lobby turned up again.",
    },
    "Repetition": {
        "label": "Repetition",
        "definition": "Repeats the same message over and over so that it sticks.",
        "example": "Clean water now. They promised clean water. We still have no clean water.",
    },
    "Slogans": {
        "label": "Slogans",
        "definition": "A short, striking phrase that stands in for an argument.",
        "example": "Our valley, our choice!",
    },
    "Thought-terminating_Cliches": {
        "label": "Thought-terminating cliché",
        "definition": "A stock phrase that discourages further thought about the matter.",
        "example": "It is what it is; rules are rules.",
    },
    "Whataboutism,Straw_Men,Red_Herring": {
        "label": "Whataboutism / straw man / red herring",
        "definition": "Deflects criticism by pointing to the opponent's faults, distorts the "
        "opponent's position to attack it, or brings in an irrelevant issue.",
        "example": "Why worry about the mayor's expenses when the last mayor was far worse?",
    },
}

assert set(GLOSSARY) == set(TECHNIQUES), "the glossary must cover exactly the 14 techniques"


def glossary_for(techniques: Iterable[str]) -> dict[str, dict[str, str]]:
    """The glossary entries for the given techniques (unknown names are skipped)."""
    return {t: GLOSSARY[t] for t in sorted(set(techniques)) if t in GLOSSARY}
