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
        own = _params(cmd)
        if own and path:  # a group that does something itself (e.g. `slant actors` lists)
            help_text = (cmd.help or "").strip().split("\n\n")[0]
            out.append(f"## `slant {' '.join(path)}`\n")
            out.append(" ".join(help_text.split()) + "\n")
            out.extend(own)
            out.append("")
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


LIMITS = """\
**Exit codes of batch and crawl.** `slant batch` exits 2 when rows failed, in this run or
in the partitions an earlier run finished (each has a `fatal` row in the output's errors
table; the other rows are written), and 1 when a partition failed as a whole (rerun to
retry it). `slant crawl` exits 2 when a feed or an article failed in this crawl; articles
that failed earlier and wait for their retry time are counted in its summary, not in the
exit code.

**Limits of one article.** An article's text is analyzed up to 100,000 characters
(`--max-chars` of `analyze` and `batch`, `SLANT_MAX_CHARS` for every command; 0 lifts it): a
longer one is an error naming it, its length and the limit, and the other inputs still
run (in a batch: an errors row). Text and HTML files over 10 MB are not read, nor are URLs
whose page is over 10 MB; a JSON Lines file of any size is read line by line, and a line
too long to hold an article under the cap is an error without being read whole. Time and
memory at these limits: `python benchmarks/big_inputs.py` (see docs/batch.md).

**Progress.** In a terminal, `analyze` (several inputs) and `batch` show a progress bar on
stderr; when stderr is not a terminal they print a plain line every 10 s
(`SLANT_PROGRESS_EVERY`) while the run lasts.

**Crawling.** `slant crawl` keeps every article that fails (HTTP error, time-out, not an
article) and retries it in later crawls, whether or not its feed has changed, after a
back-off of `--retry-after` (5 minutes) doubled after each failure up to 6 hours; after
`--max-attempts` (8) it is given up and counted as such. It obeys robots.txt (RFC 9309
patterns; an unreadable one allows nothing from its host) and reports every skip on
stderr; it refuses private, loopback and link-local addresses unless
`--allow-private-urls` is given (the same guard as `slant serve`). Feeds (5 MB), pages
(10 MB) and robots.txt (first 512 KiB) are read under byte caps, each fetch within its
20 s deadline however slowly the server answers. See docs/corpus.md.""".splitlines()


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
        "",
        *LIMITS,
        "",
    ]
    _walk(root, [], out)
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(cli_markdown(), end="")
