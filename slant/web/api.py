"""The JSON API under ``/api/v1``: a few lines per endpoint over the library.

Every error is the one envelope (see :mod:`slant.web._errors`); the OpenAPI schema at
``/openapi.json`` (browsable at ``/docs``) declares it for every 4xx and 5xx response.

The endpoints of statistics and actors are in :mod:`slant.web._api_stats` and
:mod:`slant.web._api_actors`; what they all share is in :mod:`slant.web._api_base`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from slant import __version__
from slant.models import TECHNIQUES, Analysis, ExportedAnalysis
from slant.store import ArticleSummary, SearchQuery, StoryInfo
from slant.stories import Comparison
from slant.web import _api_actors, _api_stats
from slant.web._api_base import (
    VOICE_DOC,
    ArticleId,
    Limit,
    Offset,
    Page,
    VoiceName,
    _day,
    _listing,
    _page,
    _service,
    _technique,
)
from slant.web._errors import ERROR_RESPONSES, ApiError
from slant.web._service import WebService

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)


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


class AnalyzeResponse(BaseModel):
    id: str = Field(description="the article id (the stored id when saved)")
    saved: bool
    analysis: ExportedAnalysis


class GlossaryEntry(BaseModel):
    label: str
    definition: str
    example: str


class Health(BaseModel):
    status: Literal["ok"]
    version: str


def _respond(service: WebService, analysis: Analysis, save: bool) -> JSONResponse:
    aid = analysis.article.id
    if save:
        aid = service.save(analysis)
    # Returned as is (not re-validated): the exported fields, as `slant analyze` prints them.
    return JSONResponse({"id": aid, "saved": save, "analysis": analysis.to_json_dict()})


# -- analysis --------------------------------------------------------------------------------
@router.post("/analyze", response_model=AnalyzeResponse, tags=["analyze"],
             summary="Analyze a text or a URL")
async def analyze(body: AnalyzeRequest, request: Request) -> JSONResponse:
    """Technique spans, quotes and speakers, entities and their labels, for one article.

    Give ``text`` (and optionally ``title``, ``source``, ``published``) or ``url``.
    With ``save``, the analysis is stored and ``id`` is its corpus id. A client that
    disconnects stops its analysis.
    """
    service = _service(request)
    if bool(body.text) == bool(body.url):
        raise ApiError(422, "invalid_request", "give exactly one of 'text' or 'url'")
    if body.url:
        article = await run_in_threadpool(service.fetch, body.url)
    else:
        article = await run_in_threadpool(
            lambda: service.article_from_text(body.text or "", title=body.title,
                                              source=body.source, published=body.published))
    analysis = await service.analyze_watching(request, article)
    return await run_in_threadpool(_respond, service, analysis, body.save)


@router.post("/analyze/upload", response_model=AnalyzeResponse, tags=["analyze"],
             summary="Analyze an uploaded file (text or HTML)")
async def analyze_upload(
    request: Request,
    file: Annotated[UploadFile, File(description="a .txt, .md, .html or .json file")],
    title: Annotated[str | None, Form(max_length=1000)] = None,
    source: Annotated[str | None, Form(max_length=300)] = None,
    save: Annotated[bool, Form()] = False,
) -> JSONResponse:
    service = _service(request)
    data = await file.read(service.options.max_body_bytes + 1)
    article = await run_in_threadpool(service.article_from_upload, file.filename, data,
                                      title=title, source=source)
    analysis = await service.analyze_watching(request, article)
    return await run_in_threadpool(_respond, service, analysis, save)


# -- articles and search ---------------------------------------------------------------------
@router.get("/articles", response_model=Page[ArticleSummary], tags=["corpus"], summary="List stored articles, newest first")
def list_articles(request: Request, limit: Limit = 20, offset: Offset = 0,
                  outlet: str | None = Query(default=None, max_length=300)) -> Any:
    query = SearchQuery(outlet=outlet, limit=limit, offset=offset)
    return _page(request, _service(request).store.search(query))


@router.get("/articles/{article_id}", response_model=ExportedAnalysis, tags=["corpus"],
            summary="One stored article and its analysis")
def get_article(article_id: ArticleId, request: Request) -> Any:
    analysis = _service(request).store.get(article_id)
    if analysis is None:
        raise ApiError(404, "not_found", f"no stored article with id {article_id!r}")
    return analysis.to_json_dict()


@router.get("/search", response_model=Page[ArticleSummary], tags=["corpus"], summary="Full-text search with filters")
def search(
    request: Request,
    q: str | None = Query(default=None, max_length=500,
                          description="words; \"a phrase\" (at most 12 different words)"),
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
    service = _service(request)
    query = SearchQuery(
        q=q or None, outlet=outlet or None, since=_day(since), until=_day(until, end=True),
        technique=_technique(technique), entity=entity or None, speaker=speaker or None,
        story=story, voice=voice, limit=limit, offset=offset)
    return _page(request, service.store.search(query, deadline_s=service.options.search_timeout_s))


# -- stories and comparison ------------------------------------------------------------------
StoryId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/stories", response_model=Page[StoryInfo], tags=["stories"], summary="Stories, most recently active first")
def stories(request: Request, limit: Limit = 20, offset: Offset = 0,
            min_articles: Annotated[int, Query(ge=1, le=1000)] = 1,
            outlet: str | None = Query(default=None, max_length=300)) -> Any:
    store = _service(request).store
    rows = store.stories(limit=limit, offset=offset, min_articles=min_articles,
                         outlet=outlet or None)
    total = store.count_stories(min_articles=min_articles, outlet=outlet or None)
    return _listing(request, rows, limit, offset, total=total)


@router.get("/stories/{story_id}", response_model=StoryInfo, tags=["stories"], summary="One story and its articles")
def story(story_id: StoryId, request: Request) -> Any:
    info = _service(request).store.story(story_id)
    if info is None:
        raise ApiError(404, "not_found", f"no story {story_id}")
    return info


GroupBy = Annotated[str | None, Query(max_length=100, description="an imported outlet field to group sides by")]


@router.get("/stories/{story_id}/compare", response_model=Comparison, tags=["stories"],
            summary="How each outlet covered one story")
def compare_story(story_id: StoryId, request: Request,
                  voice: Annotated[VoiceName, Query(description=VOICE_DOC)] = "narrator",
                  group_by: GroupBy = None) -> Any:
    from slant.stories import compare_story as _compare_story

    store = _service(request).store
    if store.story(story_id) is None:
        raise ApiError(404, "not_found", f"no story {story_id}")
    return _compare_story(store, story_id, voice=voice, group_by=group_by or None)


@router.get("/compare", response_model=Comparison, tags=["stories"], summary="Stored articles side by side")
def compare(request: Request,
            ids: Annotated[list[str], Query(min_length=2, max_length=20,
                                            description="two or more article ids")],
            voice: Annotated[VoiceName, Query(description=VOICE_DOC)] = "narrator",
            group_by: GroupBy = None) -> Any:
    from slant.stories import compare_ids

    return compare_ids(_service(request).store, ids, voice=voice, group_by=group_by or None)


# -- reference -------------------------------------------------------------------------------
@router.get("/glossary", response_model=dict[str, GlossaryEntry], tags=["reference"],
            summary="The 14 propaganda techniques in plain words")
def glossary() -> Any:
    from slant.glossary import GLOSSARY

    return GLOSSARY


@router.get("/health", response_model=Health, tags=["reference"], summary="Liveness")
def health() -> Any:
    return {"status": "ok", "version": __version__}


router.include_router(_api_stats.router)
router.include_router(_api_actors.router)
