"""A MkDocs hook: one reference page per command of the command line, from its ``--help``.

The pages are generated at build time through click's own API (``Command.get_help``), from
the click group behind ``perfindicators.cli.main``, so they can never drift from the code.
They appear under "Command line" in the navigation, after the guide (``cli.md``).

Examples:
    >>> pages = dict(command_pages())
    >>> "cli/score.md" in pages and "Usage: perfindicators score" in pages["cli/score.md"]
    True
"""

from __future__ import annotations

from typing import Any

import click
from mkdocs.structure.files import File

from perfindicators import cli as cli_module

WIDTH = 100


def group() -> click.Group:
    """The click group of the ``perfindicators`` command."""
    main = cli_module.main
    if isinstance(main, click.Group):
        return main
    found = getattr(cli_module, "cli", None)
    if not isinstance(found, click.Group):
        raise RuntimeError("perfindicators.cli has no click group to document")
    return found


def _page(title: str, command: click.Command, ctx: click.Context) -> str:
    usage = f"{ctx.command_path} --help"
    short = command.get_short_help_str(limit=200)
    return (f"# `{ctx.command_path}`\n\n{short}\n\n"
            f"Generated from `{usage}` when the site is built.\n\n"
            f"```text\n$ {usage}\n{command.get_help(ctx)}\n```\n")


def command_pages() -> list[tuple[str, str]]:
    """(path, Markdown) of each page: the group first, then each command by name."""
    top = group()
    ctx = click.Context(top, info_name="perfindicators", max_content_width=WIDTH,
                        terminal_width=WIDTH)
    pages = [("cli/perfindicators.md", _page("perfindicators", top, ctx))]
    for name in top.list_commands(ctx):
        command = top.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        sub = click.Context(command, info_name=name, parent=ctx, max_content_width=WIDTH,
                            terminal_width=WIDTH)
        pages.append((f"cli/{name}.md", _page(name, command, sub)))
    return pages


def on_config(config: Any) -> Any:
    """Put the generated pages under "Command line" in the navigation."""
    entries: list[Any] = [{"Guide": "cli.md"}]
    for path, _ in command_pages():
        name = path.removeprefix("cli/").removesuffix(".md")
        entries.append({"perfindicators" if name == "perfindicators" else name: path})
    nav = config["nav"] or []
    for i, item in enumerate(nav):
        if isinstance(item, dict) and "Command line" in item:
            nav[i] = {"Command line": entries}
    return config


def on_files(files: Any, config: Any) -> Any:
    """Add the generated pages to the site."""
    for path, text in command_pages():
        files.append(File.generated(config, path, content=text))
    return files
