"""Server-rendered pages: Analyze, Corpus, Article, Dashboard, Stories/Compare, Glossary, Login."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from slant.errors import SlantError
from slant.web import _views
from slant.web._auth import (
    COOKIE,
    FORM_COOKIE,
    form_token,
    form_token_ok,
    logged_in,
    safe_next,
)
from slant.web._errors import ApiError, from_slant_error
from slant.web._service import WebService

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
MAX_COMPARE = 8  # columns on a story page
VOICES = ("narrator", "quoted", "all")


def _voice(value: str, default: str) -> str:
    value = value or default
    if value not in VOICES:
        raise ApiError(422, "invalid_request",
                       f"voice must be narrator, quoted or all, not {value!r}")
    return value


def _service(request: Request) -> WebService:
    return request.app.state.service


def _render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    templates = request.app.state.templates
    options = request.app.state.options
    token, new = form_token(request)
    context.setdefault("auth", options.require_auth)
    context.setdefault("logged_in", logged_in(request, options, request.app.state.sessions))
    context["form_token"] = token
    limit = request.app.state.service.text_limit
    context["limits"] = {"text_chars": limit,
                         "analyze_s": options.analyze_timeout_s,
                         "per_1000": options.analyze_s_per_1000_chars,
                         "longest_s": options.analyze_budget(limit)}
    response = templates.TemplateResponse(request, name, context, status_code=status)
    if new:
        response.set_cookie(FORM_COOKIE, token, httponly=True, samesite="lax", path="/")
    return response


FormToken = Annotated[str, Form(max_length=100)]


def _check_form(request: Request, token: str | None) -> None:
    if not form_token_ok(request, token):
        raise ApiError(403, "form_expired",
                       "this form has expired or was not sent from this site's page; reload "
                       "the page and submit it again")


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(422, "invalid_request", f"not a date (YYYY-MM-DD): {value!r}") from None


# -- analyze ---------------------------------------------------------------------------------
@router.get("/")
def analyze_form(request: Request) -> Response:
    return _render(request, "analyze.html", form={})


@router.post("/analyze")
async def analyze_page(
    request: Request,
    text: str = Form(default="", max_length=1_000_000),
    url: str = Form(default="", max_length=4096),
    title: str = Form(default="", max_length=1000),
    source: str = Form(default="", max_length=300),
    file: Annotated[UploadFile | None, File()] = None,
    form_token: FormToken = "",
) -> Response:
    from starlette.concurrency import run_in_threadpool

    _check_form(request, form_token)
    service = _service(request)
    form = {"text": text, "url": url, "title": title, "source": source}
    try:
        if file is not None and file.filename:
            data = await file.read(service.options.max_body_bytes + 1)
            article = await run_in_threadpool(service.article_from_upload, file.filename, data,
                                              title=title or None, source=source or None)
        elif url.strip():
            article = await run_in_threadpool(service.fetch, url)
        elif text.strip():
            article = await run_in_threadpool(
                lambda: service.article_from_text(text, title=title or None,
                                                  source=source or None))
        else:
            raise ApiError(422, "invalid_request",
                           "paste an article, give a URL, or choose a file to analyze")
        analysis = await service.analyze_watching(request, article)
    except (ApiError, SlantError) as exc:
        err = exc if isinstance(exc, ApiError) else from_slant_error(exc)
        return _render(request, "analyze.html", status=err.status, form=form, error=err.message)
    view = await run_in_threadpool(_views.analysis_view, analysis, 1, service.options.view_chars)
    return _render(request, "analyze.html", form=form, view=view, unsaved=True,
                   part_base=f"/analysis/{analysis.article.id}")


@router.get("/analysis/{article_id}")
def recent_analysis_page(request: Request, article_id: str,
                         part: int = Query(default=1, ge=1, le=100_000)) -> Response:
    """One part of an analysis made on this server and not saved yet (kept in memory)."""
    service = _service(request)
    analysis = service.recent(article_id[:64])
    if analysis is None:
        raise ApiError(404, "not_found",
                       "that analysis is no longer in memory; analyze the article again")
    view = _views.analysis_view(analysis, part=part, size=service.options.view_chars)
    return _render(request, "analyze.html", form={}, view=view, unsaved=True,
                   part_base=f"/analysis/{article_id}")


@router.post("/save")
def save_page(request: Request, article_id: str = Form(max_length=64),
              form_token: FormToken = "") -> Response:
    _check_form(request, form_token)
    service = _service(request)
    analysis = service.recent(article_id)
    if analysis is None:
        raise ApiError(404, "not_found",
                       "that analysis is no longer in memory; analyze the article again to save it")
    stored = service.save(analysis)
    return RedirectResponse(f"/articles/{stored}?saved=1", status_code=303)


# -- corpus ----------------------------------------------------------------------------------
@router.get("/corpus")
def corpus_page(
    request: Request,
    q: str = Query(default="", max_length=500),
    outlet: str = Query(default="", max_length=300),
    since: str = Query(default="", max_length=10),
    until: str = Query(default="", max_length=10),
    technique: str = Query(default="", max_length=100),
    entity: str = Query(default="", max_length=300),
    speaker: str = Query(default="", max_length=300),
    story: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    voice: str = Query(default="", max_length=10),
    page: int = Query(default=1, ge=1, le=10_000),
) -> Response:
    from slant.web._api_base import _day

    service = _service(request)
    store = service.store
    from slant.web._api_base import _technique

    technique = _technique(technique) or ""
    voice = _voice(voice, "all")
    size = service.options.page_size
    from slant.store import SearchQuery

    query = SearchQuery(
        q=q or None, outlet=outlet or None, since=_day(_parse_date(since)),
        until=_day(_parse_date(until), end=True), technique=technique or None,
        entity=entity or None, speaker=speaker or None, story=story, voice=voice,
        limit=size, offset=(page - 1) * size)
    result = store.search(query, deadline_s=service.options.search_timeout_s)
    counts = service.technique_counts([i.id for i in result.items])
    params = {"q": q, "outlet": outlet, "since": since, "until": until, "technique": technique,
              "entity": entity, "speaker": speaker, "story": story,
              "voice": "" if voice == "all" else voice}
    pages = max(1, (result.total + size - 1) // size)
    return _render(
        request, "corpus.html", result=result, counts=counts, params=params, page=page,
        pages=pages, outlets=_outlets(service),
        prev_qs=_views.query_string(params, page=page - 1) if page > 1 else None,
        next_qs=_views.query_string(params, page=page + 1) if page < pages else None,
    )


def _outlets(service: WebService) -> list[str]:
    return service.cached("outlets", 30.0, lambda: [o.source for o in service.store.outlets()])


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str, saved: int = 0,
                 part: int = Query(default=1, ge=1, le=100_000)) -> Response:
    if len(article_id) > 64:
        raise ApiError(404, "not_found", "no such article")
    view = _service(request).article_view(article_id, part)
    if view is None:
        raise ApiError(404, "not_found", f"no stored article with id {article_id!r}")
    return _render(request, "article.html", view=view, saved=bool(saved),
                   article_id=article_id, part_base=f"/articles/{article_id}")


# -- dashboard -------------------------------------------------------------------------------
@router.get("/dashboard")
def dashboard_page(
    request: Request,
    outlet: str = Query(default="", max_length=300),
    technique: str = Query(default="", max_length=100),
    entity: str = Query(default="", max_length=300),
    voice: str = Query(default="", max_length=10),
    by: str = Query(default="month", max_length=10),
    group_by: str = Query(default="", max_length=100),
) -> Response:
    service = _service(request)
    store = service.store
    from slant.web._api_base import _technique

    technique = _technique(technique) or ""
    voice = _voice(voice, "narrator")
    if by not in ("day", "week", "month"):
        raise ApiError(422, "invalid_request", f"granularity must be day, week or month, not {by!r}")
    fields = _group_fields(service)
    if group_by and group_by not in fields:
        raise ApiError(422, "invalid_request", f"no outlet field {group_by!r}")
    rates = store.technique_rates(outlet=outlet or None, voice=voice, group_by=group_by or None)
    timed = rates if by == "month" else store.technique_rates(
        outlet=outlet or None, voice=voice, by=by, group_by=group_by or None)
    speakers = store.top_speakers(outlet=outlet or None, limit=12)
    top_entities = store.top_entities(outlet=outlet or None, limit=15)
    if not entity and top_entities:
        entity = top_entities[0][0]
    profiles = store.entity_profile(entity, outlet=outlet or None) if entity else []
    return _render(
        request, "dashboard.html",
        outlets=_outlets(service), outlet=outlet, technique=technique, voice=voice,
        entity=entity, top_entities=top_entities, by=by, group_by=group_by, group_fields=fields,
        by_outlet=_views.techniques_by_outlet_chart(rates, voice),
        voices=_views.voices_by_outlet_chart(rates),
        unvoiced=sum(r.articles - r.voiced_articles for r in rates),
        over_time=_views.techniques_over_time_chart(timed, technique or None, voice, by=by),
        speakers=_views.speakers_chart(speakers),
        entity_rows=_views.entity_labels_view(profiles),
        gender=store.gender_shares(outlet=outlet or None),
    )


# -- stories and comparison ------------------------------------------------------------------
@router.get("/stories")
def stories_page(request: Request, page: int = Query(default=1, ge=1, le=10_000)) -> Response:
    size = _service(request).options.page_size
    stories = _service(request).store.stories(limit=size + 1, offset=(page - 1) * size)
    return _render(request, "stories.html", stories=stories[:size], page=page,
                   more=len(stories) > size)


def _compare_options(request: Request, voice: str, group_by: str) -> dict[str, Any]:
    voice = _voice(voice, "narrator")
    fields = _group_fields(_service(request))
    if group_by and group_by not in fields:
        raise ApiError(422, "invalid_request", f"no outlet field {group_by!r}")
    return {"voice": voice, "group_by": group_by or None}


def _group_fields(service: WebService) -> list[str]:
    def compute() -> list[str]:
        known = service.store.outlet_info()
        if not known:
            return []
        return sorted({"country", "owner"} | {g for o in known for g in o.groups})
    return service.cached("outlet-fields", 30.0, compute)


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: int,
               voice: str = Query(default="", max_length=10),
               group_by: str = Query(default="", max_length=100)) -> Response:
    from slant.stories import compare_ids

    voice = _voice(voice, "narrator")
    store = _service(request).store
    info = store.story(story_id) if 0 < story_id < 2**31 else None
    if info is None:
        raise ApiError(404, "not_found", f"no story {story_id}")
    if len(info.article_ids) < 2:
        return _render(request, "compare.html", story=info, comparison=None, voice=voice)
    opts = _compare_options(request, voice, group_by)
    shown = info.article_ids[:MAX_COMPARE]
    return _render(request, "compare.html", story=info, hidden=len(info.article_ids) - len(shown),
                   voice=opts["voice"], ids=[], group_fields=_group_fields(_service(request)),
                   comparison=_compare_view(compare_ids(store, shown, **opts)))


@router.get("/compare")
def compare_page(request: Request,
                 ids: Annotated[list[str] | None, Query(max_length=20)] = None,
                 voice: str = Query(default="", max_length=10),
                 group_by: str = Query(default="", max_length=100)) -> Response:
    from slant.stories import compare_ids

    voice = _voice(voice, "narrator")
    ids = [i for i in dict.fromkeys(ids or []) if i]
    if len(ids) < 2:
        raise ApiError(422, "invalid_request", "choose two or more articles to compare")
    opts = _compare_options(request, voice, group_by)
    return _render(request, "compare.html", story=None, voice=opts["voice"], ids=ids,
                   group_fields=_group_fields(_service(request)),
                   comparison=_compare_view(compare_ids(_service(request).store, ids, **opts)))


def _compare_view(comparison: Any) -> dict[str, Any]:
    titles = {a.id: (a.title or a.id) for a in comparison.articles}
    return {
        "articles": [
            {"profile": a, "bar": _views.technique_bar(a.techniques, width=220, height=12),
             "top": sorted(a.techniques.items(), key=lambda kv: (-kv[1], kv[0]))[:5]}
            for a in comparison.articles
        ],
        "outlets": comparison.outlets,
        "speakers": comparison.speakers,
        "entities": comparison.entities,
        "quotes": comparison.quotes,
        "timeline": comparison.timeline,
        "voice": comparison.voice,
        "group_by": comparison.group_by,
        "titles": titles,
        "sides": sorted({o.source for o in comparison.outlets}),
    }


# -- actors ----------------------------------------------------------------------------------
@router.get("/actors")
def actors_page(request: Request, q: str = Query(default="", max_length=300),
                page: int = Query(default=1, ge=1, le=10_000)) -> Response:
    size = _service(request).options.page_size
    rows = _service(request).store.actors(q=q or None, limit=size + 1, offset=(page - 1) * size)
    return _render(request, "actors.html", actor=None, actors=rows[:size], q=q, page=page,
                   more=len(rows) > size)


@router.get("/actors/{actor_id}")
def actor_page(request: Request, actor_id: int) -> Response:
    store = _service(request).store
    actor = store.actor(actor_id) if 0 < actor_id < 2**31 else None
    if actor is None:
        raise ApiError(404, "not_found", f"no actor {actor_id}")
    return _render(request, "actors.html", actor=actor, profiles=store.entity_profile(actor.name))


# -- glossary and login ----------------------------------------------------------------------
@router.get("/glossary")
def glossary_page(request: Request) -> Response:
    return _render(request, "glossary.html")


@router.get("/login")
def login_form(request: Request, next: str = Query(default="/", max_length=2000)) -> Response:
    return _render(request, "login.html", next=safe_next(next))


@router.post("/login")
def login(request: Request, token: str = Form(max_length=500),
          next: str = Form(default="/", max_length=2000), form_token: FormToken = "") -> Response:
    import hmac

    from slant.web._auth import SESSION_TTL_S

    _check_form(request, form_token)
    options = request.app.state.options
    if not options.require_auth:
        return RedirectResponse(safe_next(next), status_code=303)
    if not hmac.compare_digest(token.encode(), (options.token or "").encode()):
        return _render(request, "login.html", status=401, next=safe_next(next),
                       error="That token is not right. It was printed when the server started.")
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(COOKIE, request.app.state.sessions.create(), httponly=True,
                        samesite="strict", max_age=SESSION_TTL_S, path="/")
    return response


@router.post("/logout")
def logout(request: Request, form_token: FormToken = "") -> Response:
    _check_form(request, form_token)
    request.app.state.sessions.revoke(request.cookies.get(COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
