"""`realtime-desktop export`: a kept conversation to stdout or a file, with no window and
no display (for scripts, backups and other tools)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.history import export
from desktop.history.store import HistoryStore, HistoryUnavailable, default_path


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="realtime-desktop export",
        description="Write a kept conversation as Markdown, JSON or plain text.",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--last", action="store_true", help="the most recently active conversation (default)"
    )
    which.add_argument("--id", help="the conversation with this id (see --list)")
    which.add_argument("--list", action="store_true", help="list the conversations, newest first")
    parser.add_argument("--format", choices=export.FORMATS, default="markdown")
    parser.add_argument("--output", type=Path, help="write to this file instead of stdout")
    return parser.parse_args(list(argv))


def _listing(store: HistoryStore) -> str:
    return "".join(f"{c.id}  {c.updated}  {c.model}  {c.title}\n" for c in store.conversations())


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    path = default_path()
    if not path.exists():
        raise SystemExit(f"No conversations are kept yet ({path} does not exist).")
    try:
        store = HistoryStore(path)
    except HistoryUnavailable as exc:
        raise SystemExit(f"The history cannot be read: {exc}") from exc
    try:
        if args.list:
            text = _listing(store)
        else:
            wanted = args.id or store.last_conversation_id()
            conversation = store.conversation(wanted) if wanted else None
            if conversation is None:
                missing = f"no conversation {args.id}" if args.id else "no conversation yet"
                raise SystemExit(f"Nothing to export: {missing}.")
            text = export.render(conversation, args.format)
    finally:
        store.close()
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0
