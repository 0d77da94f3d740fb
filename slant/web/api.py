"""The JSON API under ``/api/v1``: a few lines per endpoint over the library.

Every error is the one envelope (see :mod:`slant.web._errors`); the OpenAPI schema at
``/openapi.json`` (browsable at ``/docs``) declares it for every 4xx and 5xx response.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

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
    ActorCorrection,
    ActorInfo,
    ArticleSummary,
    EntityOutletProfile,
    GenderShare,
    OutletInfo,
    OutletCount,
    SearchPage,
    SearchQuery,
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


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """Every list endpoint answers one envelope: a page of ``items`` and how to get the next."""

    total: int = Field(description="how many items there are in all")
    limit: int = Field(description="items per page, as asked")
    offset: int = Field(description="items skipped, as asked")
    next: str | None = Field(description="the path and query of the next page; null on the last")
    items: list[T]


def _next(request: Request, total: int, limit: int, offset: int) -> str | None:
    if offset + limit >= total:
        return None
    url = request.url.include_query_params(offset=offset + limit, limit=limit)
    return f"{url.path}?{url.query}"


def _page(request: Request, page: SearchPage) -> Response:
    """A search page as JSON, serialized once by pydantic (the model is already valid; letting
    FastAPI re-validate it against ``response_model`` costs as much as the query itself)."""
    body = page.model_dump_json()
    nxt = json.dumps(_next(request, page.total, page.limit, page.offset))
    return Response('{"next":' + nxt + "," + body[1:], media_type="application/json")


def _listing(request: Request, rows: Sequence[Any], limit: int, offset: int,
             total: int | None = None) -> dict[str, Any]:
    """The envelope for a list (all rows, or one page of them with ``total`` given)."""
    if total is None:
        total = len(rows)
        rows = rows[offset:offset + limit]
    return {"total": total, "limit": limit, "offset": offset,
            "next": _next(request, total, limit, offset), "items": list(rows)}


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
Limit = Annotated[int, Query(ge=1, le=100, description="results per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


@router.get("/articles", response_model=Page[ArticleSummary], tags=["corpus"], summary="List stored articles, newest first")
def list_articles(request: Request, limit: Limit = 20, offset: Offset = 0,
                  outlet: str | None = Query(default=None, max_length=300)) -> Any:
    query = SearchQuery(outlet=outlet, limit=limit, offset=offset)
    return _page(request, _service(request).store.search(query))


@router.get("/articles/{article_id}", response_model=AnalysisOut, tags=["corpus"],
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


# -- statistics ------------------------------------------------------------------------------
Month = Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")]


ListLimit = Annotated[int, Query(ge=1, le=1000, description="items per page")]
MAX_ENTITIES = 1000  # /stats/entities pages through the entities in the most articles


@router.get("/outlets", response_model=Page[OutletCount], tags=["stats"], summary="Outlets with article counts")
def outlets(request: Request, limit: ListLimit = 100, offset: Offset = 0) -> Any:
    return _listing(request, _service(request).store.outlets(), limit, offset)


Period = Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$",
                                     description="YYYY-MM, or YYYY-MM-DD with by=day/week")]


@router.get("/stats/techniques", response_model=Page[TechniqueRateRow], tags=["stats"],
            summary="Per outlet and month (or week, day): technique spans per 1,000 words")
def technique_rates(request: Request, outlet: str | None = Query(default=None, max_length=300),
                    since: Period = None, until: Period = None,
                    voice: Annotated[VoiceName, Query(description=VOICE_DOC + "; the rates "
                                                      "are for this voice, both voices are "
                                                      "given beside (monthly)")] = "narrator",
                    by: Literal["month", "week", "day"] = "month",
                    group_by: Annotated[str | None, Query(max_length=100, description="an imported outlet field")] = None,
                    limit: ListLimit = 100, offset: Offset = 0) -> Any:
    rows = _service(request).store.technique_rates(outlet=outlet or None, since=since, until=until,
                                                   voice=voice, by=by, group_by=group_by or None)
    return _listing(request, rows, limit, offset)


@router.get("/stats/speakers", response_model=Page[SpeakerCount], tags=["stats"], summary="Most-quoted speakers per outlet")
def top_speakers(request: Request, outlet: str | None = Query(default=None, max_length=300),
                 per_outlet: Annotated[int, Query(ge=1, le=100, description="speakers per outlet")] = 10,
                 attributions: Literal["speech", "all"] = Query(
                     default="speech", description="speech (said, told, wrote …) or all "
                     "attributions (beliefs, plans and actions too)"),
                 limit: ListLimit = 100, offset: Offset = 0) -> Any:
    rows = _service(request).store.top_speakers(outlet=outlet or None, limit=per_outlet,
                                                all_attributions=attributions == "all")
    return _listing(request, rows, limit, offset)


@router.get("/stats/entities", response_model=Page[EntityCount], tags=["stats"],
            summary="Entities in the most articles (the first 1,000)")
def top_entities(request: Request, outlet: str | None = Query(default=None, max_length=300),
                 limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Offset = 0) -> Any:
    rows = _service(request).store.top_entities(outlet=outlet or None, limit=MAX_ENTITIES)
    return _listing(request, [{"entity": name, "articles": n} for name, n in rows], limit, offset)


@router.get("/stats/entity", response_model=Page[EntityOutletProfile], tags=["stats"],
            summary="How each outlet labels one entity, and the techniques aimed at it")
def entity_profile(request: Request,
                   name: str = Query(min_length=1, max_length=300, description="entity name"),
                   outlet: str | None = Query(default=None, max_length=300),
                   limit: ListLimit = 100, offset: Offset = 0) -> Any:
    rows = _service(request).store.entity_profile(name, outlet=outlet or None)
    return _listing(request, rows, limit, offset)


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


# -- actors ----------------------------------------------------------------------------------
ActorId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class ActorMerge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    actors: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(
        min_length=2, max_length=50, description="actor ids")


class ActorSplit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: list[Annotated[str, Field(min_length=1, max_length=300)]] = Field(
        min_length=1, max_length=50, description="names of the actor that are someone else")


class ActorAlias(BaseModel):
    model_config = ConfigDict(extra="forbid")

    alias: str = Field(min_length=1, max_length=300)


def _resolve(store) -> None:
    from slant.stories import update_actors

    update_actors(store)


def _actor_named(store, name: str):
    """After a correction: the actor that now goes by ``name`` (the largest, if several)."""
    from slant.names import norm_name

    found = [a for a in store.actors(q=name, limit=100)
             if norm_name(name) in {norm_name(n) for n in a.names}]
    if not found:
        raise ApiError(404, "not_found", f"no actor named {name!r}")
    return found[0]


def _actor_or_404(store, actor_id: int):
    found = store.actor(actor_id)
    if found is None:
        raise ApiError(404, "not_found", f"no actor {actor_id}")
    return found


@router.get("/actors", response_model=Page[ActorInfo], tags=["actors"],
            summary="People and organisations across the corpus, most articles first")
def actors(request: Request, q: str | None = Query(default=None, max_length=300,
                                                    description="part of any of its names"),
           type: Annotated[Literal["PERSON", "ORG", "GPE", "LOC", "NORP"] | None, Query()] = None,
           limit: Limit = 20, offset: Offset = 0) -> Any:
    store = _service(request).store
    rows = store.actors(q=q or None, type=type, limit=limit, offset=offset)
    return _listing(request, rows, limit, offset,
                    total=store.count_actors(q=q or None, type=type))


@router.get("/actors/{actor_id}", response_model=ActorInfo, tags=["actors"], summary="One actor")
def actor(actor_id: ActorId, request: Request) -> Any:
    return _actor_or_404(_service(request).store, actor_id)


@router.post("/actors/merge", response_model=ActorInfo, tags=["actors"],
             summary="Merge actors into one (kept across re-analysis)")
def actors_merge(body: ActorMerge, request: Request) -> Any:
    store = _service(request).store
    found = [_actor_or_404(store, i) for i in dict.fromkeys(body.actors)]
    if len(found) < 2:
        raise ApiError(422, "invalid_request", "give two different actors to merge")
    for other in found[1:]:
        store.add_actor_correction("same", found[0].name, other.name)
    _resolve(store)
    return _actor_named(store, found[0].name)


@router.post("/actors/{actor_id}/split", response_model=list[ActorInfo], tags=["actors"],
             summary="Take names out of an actor (kept across re-analysis)")
def actors_split(actor_id: ActorId, body: ActorSplit, request: Request) -> Any:
    from slant.names import norm_name

    store = _service(request).store
    found = _actor_or_404(store, actor_id)
    known = {norm_name(n) for n in found.names}
    for name in body.names:
        if norm_name(name) not in known:
            raise ApiError(422, "invalid_request", f"actor {actor_id} has no name {name!r}")
        if norm_name(name) == norm_name(found.name):
            raise ApiError(422, "invalid_request", f"{name!r} is the actor's own name")
    for name in body.names:
        store.add_actor_correction("apart", found.name, name)
    _resolve(store)
    out = []
    for name in [found.name, *body.names]:
        for a in store.actors(q=name, limit=50):
            if norm_name(name) in {norm_name(n) for n in a.names} and a not in out:
                out.append(a)
    return out


@router.post("/actors/{actor_id}/alias", response_model=ActorInfo, tags=["actors"],
             summary="Give an actor another name")
def actors_alias(actor_id: ActorId, body: ActorAlias, request: Request) -> Any:
    store = _service(request).store
    found = _actor_or_404(store, actor_id)
    store.add_actor_correction("alias", found.name, body.alias)
    _resolve(store)
    return _actor_named(store, found.name)


@router.get("/actors-corrections", response_model=Page[ActorCorrection], tags=["actors"],
            summary="The corrections users made, oldest first")
def actor_corrections(request: Request, limit: ListLimit = 100, offset: Offset = 0) -> Any:
    return _listing(request, _service(request).store.actor_corrections(), limit, offset)


@router.get("/stats/gender", response_model=Page[GenderShare], tags=["stats"],
            summary="Per outlet: quotes by people guessed female, male or unknown")
def gender(request: Request, outlet: str | None = Query(default=None, max_length=300),
           limit: ListLimit = 100, offset: Offset = 0) -> Any:
    return _listing(request, _service(request).store.gender_shares(outlet=outlet or None),
                    limit, offset)


@router.get("/outlets/metadata", response_model=Page[OutletInfo], tags=["stats"],
            summary="Outlets' metadata as imported (slant outlets import)")
def outlet_metadata(request: Request, limit: ListLimit = 100, offset: Offset = 0) -> Any:
    return _listing(request, _service(request).store.outlet_info(), limit, offset)


# -- reference -------------------------------------------------------------------------------
@router.get("/glossary", response_model=dict[str, GlossaryEntry], tags=["reference"],
            summary="The 14 propaganda techniques in plain words")
def glossary() -> Any:
    from slant.glossary import GLOSSARY

    return GLOSSARY


@router.get("/health", response_model=Health, tags=["reference"], summary="Liveness")
def health() -> Any:
    return {"status": "ok", "version": __version__}
