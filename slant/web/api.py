"""The JSON API under ``/api/v1``: a few lines per endpoint over the library.

Every error is the one envelope (see :mod:`slant.web._errors`); the OpenAPI schema at
``/openapi.json`` (browsable at ``/docs``) declares it for every 4xx and 5xx response.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from slant import __version__
from slant.models import (
    TECHNIQUES,
    Analysis,
    Entity,
    Problem,
    Provenance,
    Quote,
    Removed,
    Summary,
    TechniqueSpan,
    technique_name,
)
from slant.store import (
    EntityOutletProfile,
    OutletCount,
    SearchPage,
    SpeakerCount,
    StoryInfo,
    TechniqueRateRow,
)
from slant.stories import Comparison
from slant.web._errors import ERROR_RESPONSES, ApiError
from slant.web._service import WebService

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)  # type: ignore[arg-type]

VoiceName = Literal["narrator", "quoted", "all"]
VOICE_DOC = ("whose words count: the outlet's own (narrator), quoted speech (quoted), or all")
ANALYSIS_EXCLUDE = {"embedding": True, "article": {"origin"}}
ArticleId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                                description="a stored article id")]


def _service(request: Request) -> WebService:
    return request.app.state.service


def _page(page: SearchPage) -> Response:
    """A search page as JSON, serialized once by pydantic (the model is already valid; letting
    FastAPI re-validate it against ``response_model`` costs as much as the query itself)."""
    return Response(page.model_dump_json(), media_type="application/json")


def _technique(value: str | None) -> str | None:
    """A technique filter as the technique's name (any case, as the CLI takes it); 422 when
    it names none."""
    if not value:
        return None
    try:
        return technique_name(value)
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None


def _day(d: date | None, end: bool = False) -> datetime | None:
    if d is None:
        return None
    return datetime.combine(d, time.max if end else time.min, tzinfo=UTC)


# -- models ----------------------------------------------------------------------------------
class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, max_length=1_000_000,
                             description="the article text (give text or url)")
    url: str | None = Field(default=None, max_length=4096, description="an article URL to fetch")
    title: str | None = Field(default=None, max_length=1000)
    source: str | None = Field(default=None, max_length=300, description="the outlet")
    published: datetime | None = None
    save: bool = Field(default=False, description="also store the analysis in the corpus")


class ArticleOut(BaseModel):
    """:class:`~slant.models.Article` as exported (no ``origin``)."""

    id: str
    title: str | None = None
    text: str
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    removed: list[Removed] = Field(default_factory=list)


class AnalysisOut(BaseModel):
    """:class:`~slant.models.Analysis` as exported (``Analysis.to_json_dict()``: no embedding)."""

    schema_version: str
    article: ArticleOut
    techniques: list[TechniqueSpan]
    quotes: list[Quote]
    entities: list[Entity]
    summary: Summary | None = None
    glossary: dict[str, dict[str, str]]
    problems: list[Problem]
    provenance: Provenance


class AnalyzeResponse(BaseModel):
    id: str = Field(description="the article id (the stored id when saved)")
    saved: bool
    analysis: AnalysisOut


class GlossaryEntry(BaseModel):
    label: str
    definition: str
    example: str


class Health(BaseModel):
    status: Literal["ok"]
    version: str


class EntityCount(BaseModel):
    entity: str
    articles: int


def _respond(service: WebService, analysis: Analysis, save: bool) -> JSONResponse:
    aid = analysis.article.id
    if save:
        aid = service.save(analysis)
    # Returned as is (not re-validated), so the unexported fields stay out.
    return JSONResponse({"id": aid, "saved": save,
                         "analysis": analysis.model_dump(mode="json", exclude=ANALYSIS_EXCLUDE)})


# -- analysis --------------------------------------------------------------------------------
@router.post("/analyze", response_model=AnalyzeResponse, tags=["analyze"],
             summary="Analyze a text or a URL")
def analyze(body: AnalyzeRequest, request: Request) -> JSONResponse:
    """Technique spans, quotes and speakers, entities and their labels, for one article.

    Give ``text`` (and optionally ``title``, ``source``, ``published``) or ``url``.
    With ``save``, the analysis is stored and ``id`` is its corpus id.
    """
    service = _service(request)
    if bool(body.text) == bool(body.url):
        raise ApiError(422, "invalid_request", "give exactly one of 'text' or 'url'")
    if body.url:
        article = service.fetch(body.url)
    else:
        article = service.article_from_text(body.text or "", title=body.title, source=body.source,
                                            published=body.published)
    return _respond(service, service.analyze(article), body.save)


@router.post("/analyze/upload", response_model=AnalyzeResponse, tags=["analyze"],
             summary="Analyze an uploaded file (text or HTML)")
def analyze_upload(
    request: Request,
    file: Annotated[UploadFile, File(description="a .txt, .md or .html file")],
    title: Annotated[str | None, Form(max_length=1000)] = None,
    source: Annotated[str | None, Form(max_length=300)] = None,
    save: Annotated[bool, Form()] = False,
) -> JSONResponse:
    service = _service(request)
    data = file.file.read(service.options.max_body_bytes + 1)
    article = service.article_from_upload(file.filename, data, title=title, source=source)
    return _respond(service, service.analyze(article), save)


# -- articles and search ---------------------------------------------------------------------
Limit = Annotated[int, Query(ge=1, le=100, description="results per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


@router.get("/articles", response_model=SearchPage, tags=["corpus"], summary="List stored articles, newest first")
def list_articles(request: Request, limit: Limit = 20, offset: Offset = 0,
                  outlet: str | None = Query(default=None, max_length=300)) -> Any:
    return _page(_service(request).store.search(None, outlet=outlet, limit=limit, offset=offset))


@router.get("/articles/{article_id}", response_model=AnalysisOut, tags=["corpus"],
            summary="One stored article and its analysis")
def get_article(article_id: ArticleId, request: Request) -> Any:
    analysis = _service(request).store.get(article_id)
    if analysis is None:
        raise ApiError(404, "not_found", f"no stored article with id {article_id!r}")
    return analysis.to_json_dict()


@router.get("/search", response_model=SearchPage, tags=["corpus"], summary="Full-text search with filters")
def search(
    request: Request,
    q: str | None = Query(default=None, max_length=500, description="words; \"a phrase\""),
    outlet: str | None = Query(default=None, max_length=300),
    since: Annotated[date | None, Query(description="published on or after (YYYY-MM-DD, UTC)")] = None,
    until: Annotated[date | None, Query(
        description="published on or before (YYYY-MM-DD: the whole day, UTC)")] = None,
    technique: Annotated[str | None, Query(
        max_length=100, description="a technique name, in any case: "
        + ", ".join(TECHNIQUES))] = None,
    entity: str | None = Query(default=None, max_length=300),
    speaker: str | None = Query(default=None, max_length=300),
    story: int | None = Query(default=None, ge=1, le=2**31 - 1),
    voice: Annotated[VoiceName, Query(
        description="has a technique span (of `technique`, when given) in the narrator's own "
        "words, inside quotes, or either (all)")] = "all",
    limit: Limit = 20,
    offset: Offset = 0,
) -> Any:
    return _page(_service(request).store.search(
        q or None, outlet=outlet or None, since=_day(since), until=_day(until, end=True),
        technique=_technique(technique), entity=entity or None, speaker=speaker or None, story=story,
        limit=limit, offset=offset, voice=voice,
    ))


# -- statistics ------------------------------------------------------------------------------
Month = Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")]


@router.get("/outlets", response_model=list[OutletCount], tags=["stats"], summary="Outlets with article counts")
def outlets(request: Request) -> Any:
    return _service(request).store.outlets()


@router.get("/stats/techniques", response_model=list[TechniqueRateRow], tags=["stats"],
            summary="Per outlet and month: technique spans per 1,000 words")
def technique_rates(request: Request, outlet: str | None = Query(default=None, max_length=300),
                    since: Month = None, until: Month = None,
                    voice: Annotated[VoiceName, Query(description=VOICE_DOC + "; the rates "
                                                      "are for this voice, both voices are "
                                                      "given beside")] = "narrator") -> Any:
    return _service(request).store.technique_rates(outlet=outlet or None, since=since, until=until,
                                                   voice=voice)


@router.get("/stats/speakers", response_model=list[SpeakerCount], tags=["stats"], summary="Most-quoted speakers per outlet")
def top_speakers(request: Request, outlet: str | None = Query(default=None, max_length=300),
                 limit: Annotated[int, Query(ge=1, le=100)] = 10,
                 attributions: Literal["speech", "all"] = Query(
                     default="speech", description="speech (said, told, wrote …) or all "
                     "attributions (beliefs, plans and actions too)")) -> Any:
    return _service(request).store.top_speakers(outlet=outlet or None, limit=limit,
                                                all_attributions=attributions == "all")


@router.get("/stats/entities", response_model=list[EntityCount], tags=["stats"],
            summary="Entities in the most articles")
def top_entities(request: Request, outlet: str | None = Query(default=None, max_length=300),
                 limit: Annotated[int, Query(ge=1, le=100)] = 20) -> Any:
    rows = _service(request).store.top_entities(outlet=outlet or None, limit=limit)
    return [{"entity": name, "articles": n} for name, n in rows]


@router.get("/stats/entity", response_model=list[EntityOutletProfile], tags=["stats"],
            summary="How each outlet labels one entity, and the techniques aimed at it")
def entity_profile(request: Request,
                   name: str = Query(min_length=1, max_length=300, description="entity name"),
                   outlet: str | None = Query(default=None, max_length=300)) -> Any:
    return _service(request).store.entity_profile(name, outlet=outlet or None)


# -- stories and comparison ------------------------------------------------------------------
StoryId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/stories", response_model=list[StoryInfo], tags=["stories"], summary="Stories, most recently active first")
def stories(request: Request, limit: Limit = 20, offset: Offset = 0,
            min_articles: Annotated[int, Query(ge=1, le=1000)] = 1,
            outlet: str | None = Query(default=None, max_length=300)) -> Any:
    return _service(request).store.stories(limit=limit, offset=offset, min_articles=min_articles,
                                           outlet=outlet or None)


@router.get("/stories/{story_id}", response_model=StoryInfo, tags=["stories"], summary="One story and its articles")
def story(story_id: StoryId, request: Request) -> Any:
    info = _service(request).store.story(story_id)
    if info is None:
        raise ApiError(404, "not_found", f"no story {story_id}")
    return info


@router.get("/stories/{story_id}/compare", response_model=Comparison, tags=["stories"],
            summary="The articles of one story side by side")
def compare_story(story_id: StoryId, request: Request,
                  voice: Annotated[VoiceName, Query(description=VOICE_DOC)] = "narrator") -> Any:
    from slant.stories import compare_story as _compare_story

    store = _service(request).store
    if store.story(story_id) is None:
        raise ApiError(404, "not_found", f"no story {story_id}")
    return _compare_story(store, story_id, voice=voice)


@router.get("/compare", response_model=Comparison, tags=["stories"], summary="Stored articles side by side")
def compare(request: Request,
            ids: Annotated[list[str], Query(min_length=2, max_length=20,
                                            description="two or more article ids")],
            voice: Annotated[VoiceName, Query(description=VOICE_DOC)] = "narrator") -> Any:
    from slant.stories import compare_ids

    return compare_ids(_service(request).store, ids, voice=voice)


# -- reference -------------------------------------------------------------------------------
@router.get("/glossary", response_model=dict[str, GlossaryEntry], tags=["reference"],
            summary="The 14 propaganda techniques in plain words")
def glossary() -> Any:
    from slant.glossary import GLOSSARY

    return GLOSSARY


@router.get("/health", response_model=Health, tags=["reference"], summary="Liveness")
def health() -> Any:
    return {"status": "ok", "version": __version__}
