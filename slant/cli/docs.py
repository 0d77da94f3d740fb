"""Generate docs/cli.md from the commands themselves (a test keeps the file in step)."""

from __future__ import annotations

from typing import Any


def _params(cmd: Any) -> list[str]:
    lines = []
    for p in cmd.params:
        if p.name == "help":
            continue
        if p.param_type_name == "argument":
            name = (p.metavar or p.name or "").strip("{}.").upper()
            lines.append(f"- `{name}`{' …' if p.nargs == -1 else ''}: "
                         f"{getattr(p, 'help', None) or 'argument'}")
        else:
            opts = ", ".join(f"`{o}`" for o in [*p.opts, *p.secondary_opts])
            default = ""
            if p.default not in (None, False, (), []) and not p.is_flag:
                d = getattr(p.default, "value", p.default)
                default = f" (default: `{d}`)"
            lines.append(f"- {opts}: {(p.help or '').strip()}{default}")
    return lines


def _walk(cmd: Any, path: list[str], out: list[str]) -> None:
    if hasattr(cmd, "commands"):
        for name in sorted(cmd.commands):
            _walk(cmd.commands[name], [*path, name], out)
        return
    help_text = (cmd.help or "").strip().split("\n\n")[0]
    out.append(f"## `slant {' '.join(path)}`\n")
    out.append(" ".join(help_text.split()) + "\n")
    params = _params(cmd)
    if params:
        out.extend(params)
        out.append("")


CONVENTIONS = """\
## What every command promises

**Exit codes.** `0`: done. `1`: an error that stopped the command (the store cannot be opened
or does not exist, the database is locked, the disk is full, …): one line on stderr,
`slant: error: …`. `2`: bad input: a bad option value (an unknown `--technique`, a date that
is not one), or inputs that failed while the others were processed (`analyze`, `ingest`,
`crawl`: each failure is a line on stderr). `130`: interrupted. A reader that closes the
output early (`slant export -f jsonl | head -1`) is a clean exit, `0`, with nothing on stderr.

**Stores.** Only `ingest` and `crawl` (and `serve`) create a store. `search`, `stats`,
`stories`, `compare` and `export` given a `--db` that does not exist fail (exit 1) naming it,
and create nothing. Several `ingest`/`crawl` runs may write one store at once: an article
another run stored first counts as already stored, never as an error.

**Dates.** `--since` and `--until` are both inclusive, on the CLI as in the API. A date
(`YYYY-MM-DD`) is the whole day in UTC: `--until 2026-03-13` keeps articles published on the
13th. An ISO time is that instant. `stats` takes months (`YYYY-MM`), inclusive too.

**Names.** `--outlet`, `--entity` and `--speaker` match names in any case, with whitespace
collapsed, as the API does. `--technique` takes a technique name in any case (`-`, `_` and
spaces alike); an unknown one is an error listing the 14 names (exit 2; the API answers 422).

**Output.** `analyze -f json` is always a JSON array, one record per article; `-f jsonl` one
record a line. Records are written as they are made: `slant analyze -` with JSON Lines on
stdin prints each record before the next line is read. `export -f labelstudio` to stdout
warns that the labelling config is not in it; `--label-config FILE` (or `-o FILE`) writes it.
""".splitlines()


def cli_markdown() -> str:
    import typer.main

    from slant.cli import app

    root = typer.main.get_command(app)
    out = [
        "# Command reference",
        "",
        "Generated from the commands themselves by `python -m slant.cli.docs > docs/cli.md`;",
        "a test fails when this page and the code disagree. Every command also answers `--help`.",
        "Global options: `--debug` (full tracebacks), `--version`.",
        "",
        *CONVENTIONS,
    ]
    _walk(root, [], out)
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(cli_markdown(), end="")
