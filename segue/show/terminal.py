"""The rehearsal in a terminal: raw keys and a redrawn screen on a TTY (over SSH
too: plain ANSI, no mouse), one command per line otherwise."""

from __future__ import annotations

import os
import select
import sys
from pathlib import Path
from typing import TextIO

from segue.show.session import KEYS, NEXT, QUIT, Session, now_local, save, screen

REDRAW = 0.5  # seconds between redraws of the countdown
LINE_COMMANDS = {"": NEXT, "n": NEXT, "next": NEXT, "b": "back", "back": "back", "p": "pause", "pause": "pause", "q": QUIT, "quit": QUIT}


def run_in_terminal(session: Session, stdin: TextIO, stdout: TextIO) -> None:
    """Run until the last slide is passed or `q`; keys from a TTY, else lines."""
    if stdin.isatty() and _has_raw_keys():
        _raw(session, stdin, stdout)
    else:
        _lines(session, stdin, stdout)


def _has_raw_keys() -> bool:
    """Whether single keys can be read (POSIX terminals); elsewhere a line at a time."""
    try:
        import termios  # noqa: F401
        import tty  # noqa: F401
    except ImportError:
        return False
    return True


def _draw(session: Session, stdout: TextIO, clear: bool) -> None:
    width = 80
    try:
        width = max(40, os.get_terminal_size(stdout.fileno()).columns)
    except (OSError, ValueError, AttributeError):
        pass
    lines = screen(session, width)
    if clear:
        stdout.write("\x1b[H\x1b[2J" + "\r\n".join(lines) + "\r\n")
    else:
        stdout.write("\n".join(lines) + "\n")
    stdout.flush()


def _raw(session: Session, stdin: TextIO, stdout: TextIO) -> None:
    import termios
    import tty

    fd = stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setraw(fd)
        while not session.finished:
            _draw(session, stdout, clear=True)
            ready, _, _ = select.select([fd], [], [], REDRAW)
            if not ready:
                continue
            data = os.read(fd, 16).decode("utf-8", "replace")
            for key in _keys(data):
                action = KEYS.get(key.lower() if len(key) == 1 else key)
                if action is not None:
                    session.press(action)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        stdout.write("\r\n")
        stdout.flush()


def _keys(data: str) -> list[str]:
    """Split what one read returned into keys: escape sequences stay whole."""
    keys, index = [], 0
    while index < len(data):
        if data[index] == "\x1b" and data[index + 1 : index + 2] == "[":
            end = index + 2
            while end < len(data) and not (data[end].isalpha() or data[end] == "~"):
                end += 1
            keys.append(data[index : end + 1])
            index = end + 1
        else:
            keys.append(data[index])
            index += 1
    return keys


def _lines(session: Session, stdin: TextIO, stdout: TextIO) -> None:
    stdout.write("Enter: next · b: back · p: pause · q: quit and save\n")
    while not session.finished:
        _draw(session, stdout, clear=False)
        line = stdin.readline()
        if line == "":  # end of input
            session.press(QUIT)
            break
        action = LINE_COMMANDS.get(line.strip().lower())
        if action is None:
            stdout.write(f"unknown command {line.strip()!r}\n")
            continue
        session.press(action)


def main(session: Session, out: Path) -> Path:
    started = now_local()
    run_in_terminal(session, sys.stdin, sys.stdout)
    return save(session, out, started)
