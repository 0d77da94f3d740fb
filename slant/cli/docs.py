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
    ]
    _walk(root, [], out)
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(cli_markdown(), end="")
