"""Content after a colon: the rest of the cue's sentence, or the next paragraph when the
colon ends one ("A statement from the group read:"). Used by :mod:`.attribution`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slant.analyze.parse import doc_text
from slant.analyze.quotes.candidates import Attribution
from slant.analyze.quotes.layout import TRANSCRIPT_RE
from slant.analyze.quotes.marks import trim_end

__all__ = ["PARAGRAPH_CUES", "colon_content", "next_paragraph", "paragraph_colons"]


def colon_content(doc: Any, v: Any) -> tuple[int, int] | None:
    """Content after a colon that follows the cue: the rest of the sentence, or the next
    paragraph when the colon ends one."""
    sent = v.sent
    k = v.i + 1
    limit = min(sent.end, v.i + 12)
    while k < limit and doc[k].text != ":":
        if doc[k].text in ".!?\n" or doc[k].is_space and "\n" in doc[k].text:
            return None
        k += 1
    if k >= len(doc) or doc[k].text != ":":
        return None
    text = doc_text(doc)
    colon_end = doc[k].idx + 1
    rest_nl = text.find("\n", colon_end)
    line_rest = text[colon_end: rest_nl if rest_nl >= 0 else len(text)]
    if any(ch.isalnum() for ch in line_rest):  # not a stray mark ("evening:”.")
        start = colon_end + (len(line_rest) - len(line_rest.lstrip()))
        end = sent.end_char if sent.end_char > start else start + len(line_rest.strip())
        end = max(end, start)
        # keep to the colon's paragraph
        if rest_nl >= 0:
            end = min(end, rest_nl)
        return (start, trim_end(text, end))
    # the colon ends its paragraph: the content is the next paragraph
    return next_paragraph(text, colon_end)


OPENING = ("“", '"', "«", "‘")
PARAGRAPH_CUES = {"statement", "read", "comment", "comments", "remarks", "words", "message"}


def paragraph_colons(doc: Any, forms: frozenset[str], out: list[Attribution],
                     subject_of: Callable[[Any], Any | None]) -> None:
    """"A statement from the group read:" ending a paragraph introduces the next one, even
    where the parse misses the verb; ``subject_of`` finds a verb's speaker (in :mod:`.attribution`)."""
    text = doc_text(doc)
    have = {a.content[0] for a in out if a.pattern == "colon"}
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if len(toks) < 3 or toks[-1].text not in (":", ","):
            continue  # ("Notes:", "Update:" alone on a line: a label, no one saying)
        colon = toks[-1]
        after = text[colon.idx + 1: colon.idx + 1 + 200]
        if "\n" not in after.split("\n", 1)[0] + "\n" or after.split("\n", 1)[0].strip():
            continue
        if colon.text == "," and after.lstrip()[:1] not in OPENING:
            continue  # "… wrote to me saying,\n“I see …”": a comma ends the line only before a quote
        cues = [t for t in toks[:-1] if (t.lower_ in forms or t.lower_ in PARAGRAPH_CUES) and colon.i - t.i <= 15]
        if colon.text == ",":  # only a verb of saying that ends the line ("… wrote to me saying,"), not
            # a clause set before the next paragraph's own cue ("Asked about the leak,\n“…,” Roe said.")
            cues = [t for t in cues if colon.i - t.i <= 3 and t.tag_ in ("VBG", "VBD", "VBZ", "VBP")]
        cues = [t for t in cues if t.tag_.startswith("VB")] or cues  # ("explains that its promises …:")
        if not cues:
            continue
        content = colon_content(doc, cues[-1]) or next_paragraph(text, colon.idx + 1)
        if content is None or content[0] in have:
            continue
        cue = cues[-1]
        speaker = subject_of(cue) if cue.tag_.startswith("VB") else None
        if speaker is None:
            root = sent.root
            speaker = root if not root.tag_.startswith("VB") else subject_of(root)
        out.append(Attribution(cue=(cue.i, cue.i + 1), content=content, speaker=speaker,
                               pattern="colon"))
        have.add(content[0])


def next_paragraph(text: str, pos: int) -> tuple[int, int] | None:
    p = text.find("\n", pos)
    if p < 0:
        return None
    while p < len(text) and text[p].isspace():
        p += 1
    if p >= len(text):
        return None
    if TRANSCRIPT_RE.match(text, text.rfind("\n", 0, p) + 1):
        return None  # a transcript line, "SMITH: …", has its own speaker
    q = text.find("\n", p)
    q = len(text) if q < 0 else q
    return (p, trim_end(text, q))
