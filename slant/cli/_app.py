"""The Typer app, the sub-apps, and the one place errors become messages and exit codes."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import typer

from slant import __version__

app = typer.Typer(
    name="slant",
    help="Read news articles and show how they persuade: propaganda techniques, quotes, "
    "framing, and how outlets differ.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score slant's models against labelled data.", no_args_is_help=True)
train_app = typer.Typer(help="Train slant's models from labelled data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

def _version(value: bool) -> None:
    if value:
        typer.echo(f"slant {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: bool = typer.Option(
        False, "--debug", help="Show full tracebacks on errors; a stage that fails stops the "
        "command with its traceback instead of becoming a problem (SLANT_ON_ERROR=raise)."
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    if debug:  # read by every pipeline built from here on (Settings.resolved_on_error)
        os.environ["SLANT_ON_ERROR"] = "raise"


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error on stderr and exit with ``code``."""
    typer.echo(f"slant: error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"slant: warning: {message}", err=True)


def error(message: str) -> None:
    """One line on stderr for an input that failed; the command goes on with the others."""
    typer.echo(f"slant: error: {message}", err=True)


EXIT_INPUT = 2
EXIT_ERROR = 1


def _drop_stdout() -> None:
    """Point stdout at /dev/null so that Python's final flush does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (e.g. captured in tests)
        pass


def _pipe_closed() -> bool:
    """True when Typer (as click does) met EPIPE writing our output: it wraps stdout in
    click's ``PacifyFlushWrapper`` (Typer's own copy of click, or click's) and exits 1; for
    us a closed pipe is a clean exit."""
    return type(sys.stdout).__name__ == "PacifyFlushWrapper"


def run_app(argv: list[str]) -> None:
    """Run the app; a SlantError becomes one line on stderr and a non-zero exit."""
    from slant.errors import InputError, SlantError

    debug = "--debug" in argv
    try:
        rc = app(args=argv, prog_name="slant", standalone_mode=False)
        sys.stdout.flush()  # a reader that went away shows here, not at interpreter exit
        sys.exit(rc if isinstance(rc, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # The reader of our output closed it (`slant export -f jsonl | head -1`): it has
        # what it wanted, so this is a clean exit, with nothing more written.
        _drop_stdout()
        sys.exit(0)
    except SystemExit:
        if _pipe_closed():
            _drop_stdout()
            sys.exit(0)
        raise
    except SlantError as exc:
        if debug:
            raise
        typer.echo(f"slant: error: {exc}", err=True)
        sys.exit(EXIT_INPUT if isinstance(exc, InputError) else EXIT_ERROR)
    except KeyboardInterrupt:
        typer.echo("slant: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # usage errors (Typer's click) and anything unexpected
        show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()  # a usage error: click prints it with the command's usage line
            sys.exit(code)
        if type(exc).__name__ == "Abort":
            sys.exit(1)
        if debug:
            raise
        typer.echo(f"slant: error: {type(exc).__name__}: {exc} (rerun with --debug for details)", err=True)
        sys.exit(EXIT_ERROR)
