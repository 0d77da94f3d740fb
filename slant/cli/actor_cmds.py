"""`slant actors` (list, show, merge, split, alias, resolve, corrections) and `slant outlets`
(list, import): corrections to who is who, and the user's own metadata about outlets."""

from __future__ import annotations

from pathlib import Path

import typer

from slant.cli._app import EXIT_INPUT, app, fail, warn
from slant.cli._shared import DB_HELP, Out
from slant.cli._shared import open_db as _store
from slant.cli._shared import print_json as _json
from slant.cli._shared import print_table as _table

actors_app = typer.Typer(
    help="People and organisations across the corpus: list them, and correct who is who "
    "(corrections are kept and survive re-analysis and re-clustering).",
    invoke_without_command=True)
outlets_app = typer.Typer(
    help="Outlets' metadata (domain, country, owner, your own groups such as a lean).",
    invoke_without_command=True)
app.add_typer(actors_app, name="actors")
app.add_typer(outlets_app, name="outlets")


def resolve_actors(store, quiet: bool = False) -> None:
    from slant.stories import update_actors

    run = update_actors(store)
    if not quiet:
        typer.echo(f"actors: {run.names} names, {run.actors} actors ({run.changed} names relinked)",
                   err=True)


def _print_actors(rows, format: Out, title: str) -> None:
    if format is Out.json:
        return _json(rows)
    _table(title, ["id", "actor", "type", "gender", "articles", "also named"],
           [[a.id, a.name, a.type, a.gender or "", a.articles,
             "; ".join(n for n in a.names if n != a.name)] for a in rows])


@actors_app.callback()
def actors_list(
    ctx: typer.Context,
    q: str | None = typer.Option(None, "--name", "-q", help="Only actors with a name containing this."),
    type: str | None = typer.Option(None, "--type", help="PERSON, ORG, GPE, LOC or NORP."),
    limit: int = typer.Option(50, "--limit", min=1, max=1000, help="How many."),
    offset: int = typer.Option(0, "--offset", min=0),
    format: Out = typer.Option(Out.table, "--format", "-f", help="Output format."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """List actors, those in the most articles first (resolving new names first)."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db": db}
        return
    store = _store(db, create=False)
    if store.unresolved_names():
        resolve_actors(store)
    _print_actors(store.actors(q=q, type=type, limit=limit, offset=offset), format, "actors")


def _named(store, name: str):
    """The actor that now goes by ``name`` (the largest, if several)."""
    from slant.names import norm_name

    found = [a for a in store.actors(q=name, limit=100)
             if norm_name(name) in {norm_name(n) for n in a.names}]
    if not found:
        fail(f"no actor named {name!r}", EXIT_INPUT)
    return found[0]


def _db(ctx: typer.Context, db: str | None) -> str | None:
    return db or (ctx.obj or {}).get("db")


@actors_app.command("show")
def actors_show(ctx: typer.Context, actor: str = typer.Argument(..., help="An actor id or name."),
                format: Out = typer.Option(Out.table, "--format", "-f"),
                db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """One actor: its names, and per outlet how it is labelled and quoted."""
    store = _store(_db(ctx, db), create=False)
    found = store.find_actor(actor)
    prof = store.entity_profile(found.name)
    if format is Out.json:
        return _json({"actor": found.model_dump(mode="json"),
                      "by_outlet": [p.model_dump(mode="json") for p in prof]})
    _print_actors([found], format, f"actor {found.id}")
    _table("per outlet", ["outlet", "articles", "names used", "labels", "techniques aimed at it"],
           [[p.source, p.articles, "; ".join(p.names),
             "; ".join(f"{k} ({v})" for k, v in list(p.descriptors.items())[:8]),
             "; ".join(f"{k} ({v})" for k, v in p.techniques.items())] for p in prof])


@actors_app.command("merge")
def actors_merge(ctx: typer.Context,
                 actors: list[str] = typer.Argument(..., help="Two or more actor ids or names."),
                 db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Make two or more actors one (kept, and replayed on every later resolution)."""
    if len(actors) < 2:
        fail("give two or more actors to merge", EXIT_INPUT)
    store = _store(_db(ctx, db), create=False)
    first = store.find_actor(actors[0])
    for other in actors[1:]:
        o = store.find_actor(other)
        if o.id == first.id:
            warn(f"{other!r} is already {first.name} ({first.id})")
            continue
        store.add_actor_correction("same", first.name, o.name)
    resolve_actors(store)
    merged = _named(store, first.name)
    typer.echo(f"merged: {merged.id} {merged.name} ({'; '.join(merged.names)})")


@actors_app.command("split")
def actors_split(ctx: typer.Context,
                 actor: str = typer.Argument(..., help="An actor id or name."),
                 names: list[str] = typer.Argument(..., help="Names of it that are someone else."),
                 db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Take names out of an actor: each becomes its own actor, now and after re-analysis."""
    from slant.names import norm_name

    store = _store(_db(ctx, db), create=False)
    found = store.find_actor(actor)
    known = {norm_name(n) for n in found.names}
    for name in names:
        if norm_name(name) not in known:
            fail(f"{found.name} ({found.id}) has no name {name!r}; its names: "
                 f"{'; '.join(found.names)}", EXIT_INPUT)
        if norm_name(name) == norm_name(found.name):
            fail(f"{name!r} is the actor's own name; split the other names off instead", EXIT_INPUT)
    for name in names:
        store.add_actor_correction("apart", found.name, name)
    resolve_actors(store)
    typer.echo(f"split from {found.name}: {', '.join(names)}")


@actors_app.command("alias")
def actors_alias(ctx: typer.Context,
                 actor: str = typer.Argument(..., help="An actor id or name."),
                 alias: str = typer.Argument(..., help="Another name it goes by."),
                 db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Give an actor another name (search and stats then find it by that name too; an actor
    named exactly so is merged into it)."""
    store = _store(_db(ctx, db), create=False)
    found = store.find_actor(actor)
    store.add_actor_correction("alias", found.name, alias)
    resolve_actors(store)
    typer.echo(f"alias: {found.name} is also {alias!r}")


@actors_app.command("resolve")
def actors_resolve(ctx: typer.Context, db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Resolve every stored name into actors again (ingest and stories do it for you)."""
    resolve_actors(_store(_db(ctx, db), create=False))


@actors_app.command("corrections")
def actors_corrections(ctx: typer.Context,
                       remove: int | None = typer.Option(None, "--remove", help="Forget correction ID."),
                       format: Out = typer.Option(Out.table, "--format", "-f"),
                       db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """The corrections users made (merge = same, split = apart, alias), oldest first."""
    store = _store(_db(ctx, db), create=False)
    if remove is not None:
        if not store.delete_actor_correction(remove):
            fail(f"no correction {remove}", EXIT_INPUT)
        resolve_actors(store)
    rows = store.actor_corrections()
    if format is Out.json:
        return _json(rows)
    _table("corrections", ["id", "op", "name", "other name", "made"],
           [[c.id, c.op, c.a, c.b, c.made_at.strftime("%Y-%m-%d %H:%M")] for c in rows])


# -- outlets ----------------------------------------------------------------------------------
@outlets_app.callback()
def outlets_list(ctx: typer.Context,
                 format: Out = typer.Option(Out.table, "--format", "-f"),
                 db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Outlets in the store, with the metadata you imported."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db": db}
        return
    store = _store(db, create=False)
    meta = {o.name: o for o in store.outlet_info()}
    counts = store.outlets()
    if format is Out.json:
        return _json({"outlets": [c.model_dump(mode="json") for c in counts],
                      "metadata": [m.model_dump(mode="json") for m in meta.values()]})
    groups = sorted({g for m in meta.values() for g in m.groups})
    rows = []
    for c in counts:
        m = meta.get(c.source)
        rows.append([c.source, c.articles, m.domain if m else "", m.country if m else "",
                     m.owner if m else "", *((m.groups.get(g, "") if m else "") for g in groups)])
    _table("outlets", ["outlet", "articles", "domain", "country", "owner", *groups], rows)


def read_outlets_csv(path: Path):
    """Outlets from a CSV with a header: ``name`` (required), ``domain``, ``country``,
    ``owner``; every other column is a group of your own (e.g. ``lean``)."""
    import csv

    from slant.errors import InputError
    from slant.store import OutletInfo

    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", source=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", source=str(path)) from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "name" not in header:
        raise InputError("the first line must be a header with a 'name' column "
                         "(and optionally domain, country, owner, and your own groups)",
                         source=str(path))
    if len(set(header)) != len(header):
        raise InputError("a column name appears twice in the header", source=str(path))
    out, seen = [], set()
    for n, row in enumerate(reader, 2):
        if None in row:
            raise InputError(f"line {n}: more fields than the header has", source=str(path))
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        name = row.get("name", "")
        if not name:
            raise InputError(f"line {n}: no outlet name", source=str(path))
        if len(name) > 300:
            raise InputError(f"line {n}: outlet name longer than 300 characters", source=str(path))
        if name in seen:
            raise InputError(f"line {n}: outlet {name!r} appears twice", source=str(path))
        seen.add(name)
        domain = row.get("domain", "").lower().removeprefix("https://").removeprefix("http://")
        domain = domain.removeprefix("www.").split("/")[0] or None
        groups = {k: v for k, v in row.items() if k not in ("name", "domain", "country", "owner") and v}
        out.append(OutletInfo(name=name, domain=domain, country=row.get("country") or None,
                              owner=row.get("owner") or None, groups=groups))
    return out


@outlets_app.command("import")
def outlets_import(ctx: typer.Context,
                   csv_file: Path = typer.Argument(..., help="outlets.csv: name, domain, country, owner, your own columns."),
                   db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Import outlets' metadata (replacing outlets of the same name). slant ships no ratings:
    the groups (a lean, a region...) are yours."""
    store = _store(_db(ctx, db), create=False)
    outlets = read_outlets_csv(csv_file)
    n = store.import_outlets(outlets)
    stored = {o.source for o in store.outlets()}
    unknown = [o.name for o in outlets if o.name not in stored and (o.domain or "") not in stored]
    typer.echo(f"outlets: {n} imported from {csv_file}", err=True)
    if unknown:
        warn(f"{len(unknown)} have no stored article yet: {', '.join(unknown[:5])}"
             + (" ..." if len(unknown) > 5 else ""))
