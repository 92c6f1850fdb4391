"""`realtime-desktop export`: a kept conversation to stdout or a file, with no window and
no display (for scripts, backups and other tools); as a WAV file too, where its audio was
kept."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.history import audio_archive, export, export_audio
from desktop.history.store import Conversation, HistoryStore, HistoryUnavailable, default_path

AUDIO_FORMAT = "wav"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="realtime-desktop export",
        description="Write a kept conversation as Markdown, JSON, plain text or, where its"
        " audio was kept, WAV.",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--last", action="store_true", help="the most recently active conversation (default)"
    )
    which.add_argument("--id", help="the conversation with this id (see --list)")
    which.add_argument("--list", action="store_true", help="list the conversations, newest first")
    parser.add_argument("--format", choices=(*export.FORMATS, AUDIO_FORMAT), default="markdown")
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
            if args.format == AUDIO_FORMAT:
                return _write_audio(conversation, args.output)
            text = export.render(conversation, args.format)
    finally:
        store.close()
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


def _write_audio(conversation: Conversation, output: Path | None) -> int:
    archive = audio_archive.AudioArchive(audio_archive.default_folder())
    sound = io.BytesIO()  # a WAV header is written last: stdout may be a pipe
    try:
        export_audio.write_wav(conversation, archive, sound)
    except export_audio.NoAudioKept:
        raise SystemExit(
            "No audio is kept for this conversation: turn on Settings ▸ Audio to keep it."
        ) from None
    if output is None:
        sys.stdout.buffer.write(sound.getvalue())
    else:
        output.write_bytes(sound.getvalue())
    return 0
